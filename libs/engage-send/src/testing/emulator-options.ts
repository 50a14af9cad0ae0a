import type { EngageAction } from '../contract/index.js';
import type { EmulatorLimits } from './emulator-limits.js';

/** One Engage SDK source the emulator knows, with what its integration declared. */
export interface EmulatorSource {
  /** The `source_id` in `POST /realtime/sdk/{source_id}`. */
  id: string;
  /** Key of the HMAC-SHA512 request signature. */
  accessToken: string;
  /**
   * Engage source options declared by the integration (spec: `implementation.info` options).
   * Default: `STRICT_SOURCE_OPTIONS`, every option of the spec except
   * `messages.unthreaded` and `threads.no_content`, which relax required fields
   * (declare them explicitly to emulate such a source).
   */
  options?: readonly string[];
  /** Actions the integration declared; others → 422 `Invalid action`. Default: all seven. */
  actions?: readonly EngageAction[];
  /** Structured content types the source supports. Default: select, rich_link, template, carousel. */
  structuredContentTypes?: readonly string[];
}

/** How to build an {@link EngageEmulator}. */
export interface EngageEmulatorOptions {
  /** Sources known from the start; more can be added with `addSource`. */
  sources: readonly EmulatorSource[];
  /**
   * Also refuse what the contract describes but Engage may not check (types,
   * lengths, enums, counts, formats), with 422 `Invalid resource format` and
   * the field recorded in `refused`. Default `false`: as lenient as Engage, which
   * refuses only missing required fields, dates that are no date, and
   * structured contents it can't show. For tests of clients other than this
   * library's, which validates all of it before sending.
   */
  strict?: boolean;
  /** `typing.start` window per thread, ms. Default 2000 (Engage's documented rate limit). */
  typingWindowMs?: number;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
  /**
   * Called with one line per request accepted or refused (also injected faults,
   * 404s and requests cut short), e.g. `200 messages.create source=src id=890`
   * for stored content. Lines never contain the access token or the
   * signature, show at most 64 characters of any value the client sent, and
   * are at most 512 characters long.
   */
  logger?: (line: string) => void;
  /** How much it keeps and how long it waits; see {@link EmulatorLimits}. Defaults: `DEFAULT_EMULATOR_LIMITS`. */
  limits?: EmulatorLimits;
  /**
   * Let the process exit while the emulator still listens (Node's
   * `server.unref()`). Default `false`. `EngageSendTestingModule` sets it, so
   * an emulator whose testing module never closed (say `compile()` threw)
   * does not keep Jest from exiting.
   */
  unref?: boolean;
}
