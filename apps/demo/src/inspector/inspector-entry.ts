/** Longest id the inspector keeps: ids are for recognising a send, not for storing bodies. */
const MAX_ID_CHARS = 64;
/** Longest answer or outcome text kept. */
const MAX_TEXT_CHARS = 200;

/** The ids of a send, by what they name; each at most {@link MAX_ID_CHARS} characters. */
export interface EntryIds {
  readonly id?: string;
  readonly thread_id?: string;
  readonly in_reply_to_id?: string;
  readonly author?: string;
  readonly recipient?: string;
}

/** What the demo sent: one call to a sending route, and what the demo answered. */
export interface SentEntry {
  readonly kind: 'sent';
  /** Increasing number of the entry (also its server-sent event id). */
  readonly seq: number;
  /** ISO time the answer was sent. */
  readonly at: string;
  /** Method and path, e.g. `POST /messages`. */
  readonly route: string;
  readonly action: string;
  readonly ids: EntryIds;
  /** HTTP status the demo answered (0: the client left first). */
  readonly status: number;
  /** `ok`, `coalesced (not sent)`, or the error code (`ENGAGE_VALIDATION`, …). */
  readonly outcome: string;
  /** HTTP attempts the library made, when known. */
  readonly attempts?: number;
  readonly durationMs: number;
}

/** What the embedded emulator received: one Send API request, and what it answered as Engage. */
export interface ReceivedEntry {
  readonly kind: 'received';
  readonly seq: number;
  readonly at: string;
  readonly action?: string;
  readonly ids: EntryIds;
  /** `true` when the signature checked out; `false` when it did not; `null` when it was never checked (unknown source, body too large). */
  readonly signatureVerified: boolean | null;
  /** HTTP status answered. */
  readonly status: number;
  /** The answered body: `ok`, or Engage's error message. */
  readonly answer: string;
}

export type InspectorEntry = SentEntry | ReceivedEntry;

/** An entry before the feed numbers it. */
export type NewEntry = Omit<SentEntry, 'seq'> | Omit<ReceivedEntry, 'seq'>;

/** `text` cut to `max` characters. */
export function clip(text: string, max = MAX_TEXT_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function idOf(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? clip(String(value), MAX_ID_CHARS) : undefined;
}

function nestedId(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? idOf((value as Record<string, unknown>)['id']) : undefined;
}

/** The ids found in Send API params (whatever their shape: nothing else is read, and each id is clipped). */
export function idsOf(params: unknown): EntryIds {
  if (typeof params !== 'object' || params === null) return {};
  const p = params as Record<string, unknown>;
  const ids: Record<string, string | undefined> = {
    id: idOf(p['id']),
    thread_id: idOf(p['thread_id']),
    in_reply_to_id: idOf(p['in_reply_to_id']),
    author: nestedId(p['author']),
    recipient: nestedId(p['recipient']),
  };
  return Object.fromEntries(Object.entries(ids).filter(([, value]) => value !== undefined)) as EntryIds;
}
