import { ValidateBy, type ValidationArguments } from 'class-validator';

/*
 * URL rules (spec ambiguity 2: the structured-content table says "http/https",
 * while the docs' own examples use `github://…` URLs).
 *
 * - URLs Engage itself fetches (`attachment_url` of structured contents, `url`
 *   of a message attachment) must be http or https: Engage can't download
 *   anything else.
 * - URLs a person opens (`url` of a rich link, template, carousel card or
 *   button; `display_url`) accept http/https and custom app schemes too,
 *   because deep links (`github://…`, `myapp://orders/42`) are a real use and
 *   the docs show them. Schemes that run code or read local data in the
 *   agent's or customer's client are refused: `javascript:`, `data:`,
 *   `vbscript:`, `file:`.
 *
 * Values are parsed with WHATWG URL, as browsers do, so the scheme checked is
 * the one a browser would see: tab/newline smuggling (`java\tscript:`) and
 * leading spaces are normalised before the check. Relative URLs are refused:
 * Engage needs absolute ones.
 */

/** Schemes a link may not use: they execute code or read local data in the client. */
const REFUSED_LINK_PROTOCOLS: ReadonlySet<string> = new Set(['javascript:', 'data:', 'vbscript:', 'file:']);

function protocolOf(value: string): string | undefined {
  try {
    return new URL(value).protocol;
  } catch {
    return undefined;
  }
}

/** Whether `value` is an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  const protocol = protocolOf(value);
  return protocol === 'http:' || protocol === 'https:';
}

/** Whether `value` is an absolute URL whose scheme a link may use (see the file comment). */
export function isLinkUrl(value: string): boolean {
  const protocol = protocolOf(value);
  return protocol !== undefined && !REFUSED_LINK_PROTOCOLS.has(protocol);
}

/**
 * The value, when a string, is an absolute http or https URL (for URLs Engage
 * downloads). Rule name `isHttpUrl`.
 */
export function IsHttpUrl(): PropertyDecorator {
  return ValidateBy({
    name: 'isHttpUrl',
    validator: {
      validate: (value: unknown): boolean => typeof value !== 'string' || value === '' || isHttpUrl(value),
      defaultMessage: (args: ValidationArguments): string =>
        `${args.property} must be an absolute http or https URL (Engage downloads it), got ${JSON.stringify(args.value)}`,
    },
  });
}

/**
 * The value, when a string, is an absolute URL with an http, https or custom
 * app scheme, but not `javascript:`, `data:`, `vbscript:` or `file:` (for links
 * people open). Rule name `isLinkUrl`.
 */
export function IsLinkUrl(): PropertyDecorator {
  return ValidateBy({
    name: 'isLinkUrl',
    validator: {
      validate: (value: unknown): boolean => typeof value !== 'string' || value === '' || isLinkUrl(value),
      defaultMessage: (args: ValidationArguments): string =>
        `${args.property} must be an absolute URL (http, https or an app scheme; not javascript:, data:, vbscript: or file:), got ${JSON.stringify(args.value)}`,
    },
  });
}
