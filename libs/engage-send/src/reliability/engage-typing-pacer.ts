export { TYPING_WINDOW_MS } from '../contract/index.js';

/** What a pacer answers for a `typing.start` inside the window: how long until it ends (ms). */
export interface TypingWait {
  readonly waitMs: number;
}

/**
 * Decides which `typing.start` events go out under Engage's rule (one per
 * thread every 2 s, reset by `typing.stop`). The service asks it before every
 * typing event and reports how each admitted start ended.
 *
 * The default is the in-process `TypingPacer` (synchronous: no promise on the
 * send path); `engage-send/outbox` installs one shared by every replica
 * through Redis. An implementation may answer `admit` and `reset` with a
 * promise; `answered` and `failed` are fire-and-forget.
 *
 * @typeParam Ticket what `admit` hands out for an admitted start (never has `waitMs`).
 */
export interface EngageTypingPacer<Ticket extends object = object> {
  /** Admits a `typing.start` for thread `key` (a ticket), or says how long until its window ends. */
  admit(key: string): Ticket | TypingWait | Promise<Ticket | TypingWait>;
  /** The admitted start was answered 200: the thread's window runs from now. */
  answered(ticket: Ticket): void;
  /** The admitted start failed: the next one may go at once. */
  failed(ticket: Ticket): void;
  /** A `typing.stop` for thread `key` is about to be sent: its window is reset. */
  reset(key: string): void | Promise<void>;
}
