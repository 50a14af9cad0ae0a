/** Numbers the Send API contract fixes. Everything that enforces a limit reads it here. */

/** Largest request body Engage accepts, in bytes (20 MiB). */
export const MAX_BODY_BYTES = 20_971_520;

/** Longest `body` of a message, private message or thread, in characters (Unicode code points). */
export const MAX_BODY_LENGTH = 20_000;

/** Engage's typing rate limit: one `typing.start` per thread in this window; a `typing.stop` resets it. */
export const TYPING_WINDOW_MS = 2_000;

/**
 * Limits of structured contents, from Engage's *Structured messages* page.
 * Lengths are in characters (Unicode code points).
 */
export const STRUCTURED_CONTENT_LIMITS = {
  /** `select`: number of items. */
  selectItems: { min: 1, max: 13 },
  /** `carousel`: number of cards (templates). */
  carouselItems: { min: 1, max: 10 },
  /** Buttons per carousel card. */
  carouselCardButtons: 4,
  /** `title` of a rich link, template or carousel card. */
  title: 350,
  /** `subtitle` of a rich link, template or carousel card. */
  subtitle: 1000,
  /** Any `url` of a structured content or button. */
  url: 2048,
  /** `url_text` of a rich link, template or carousel card. */
  urlText: 80,
  /** `title` of a select item or a button. */
  itemTitle: 80,
  /** `payload` of a select item or a reply button. */
  payload: 1000,
} as const;
