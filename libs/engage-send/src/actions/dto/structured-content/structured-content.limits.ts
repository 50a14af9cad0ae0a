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

/** Values of a structured content's `type`. */
export const STRUCTURED_CONTENT_TYPES = ['select', 'rich_link', 'template', 'carousel'] as const;

/** A structured content's `type`. */
export type StructuredContentType = (typeof STRUCTURED_CONTENT_TYPES)[number];

/** Values of a button's `type`. */
export const BUTTON_TYPES = ['url', 'reply'] as const;

/** A button's `type`: `url` opens a link, `reply` answers with its payload. */
export type ButtonType = (typeof BUTTON_TYPES)[number];
