/** Longest `body` of a message, private message or thread, in characters (Unicode code points). */
export const MAX_BODY_LENGTH = 20_000;

/** Values of a content's `format`. Engage defaults to `html`. */
export const CONTENT_FORMATS = ['html', 'text'] as const;

/** How Engage renders a content's `body`. */
export type ContentFormat = (typeof CONTENT_FORMATS)[number];
