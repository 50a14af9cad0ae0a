/* Text from clients, bounded before it goes into a log line or a record. */

/** Longest piece of client-controlled text shown in a log line, by default. */
const MAX_VALUE_CHARS = 64;
/** Longest log line. */
const MAX_LINE_CHARS = 512;
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;
const TWO_BYTE_CHAR = /[^\u0000-\u00ff]/;

/**
 * Client-controlled text for a log line: control characters replaced (no
 * forged lines), at most `max` characters, then how long it really was.
 */
export function safeForLog(text: string, max = MAX_VALUE_CHARS): string {
  const shown = text.length > max ? text.slice(0, max) : text;
  const clean = shown.replace(CONTROL_CHARS, '?');
  return text.length > max ? `${clean}…(${text.length} chars)` : clean;
}

/** `source=<id>` for a log line. */
export function sourceForLog(sourceId: string): string {
  return `source=${safeForLog(sourceId)}`;
}

/** A whole log line, cut at 512 characters and without control characters, whatever went into it. */
export function boundedLogLine(line: string): string {
  const shown = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
  return shown.replace(CONTROL_CHARS, '?');
}

/**
 * `text` cut at `max` characters (then `…`), as a string of its own: for text
 * kept in records. A plain slice would keep the whole original alive (V8
 * slices point into their parent), e.g. a 16 KB URL behind a 20-character path.
 */
export function keptText(text: string, max: number): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  // Latin-1 when it fits: V8 then stores one byte per character.
  const encoding = TWO_BYTE_CHAR.test(cut) ? 'utf16le' : 'latin1';
  const copy = Buffer.from(cut, encoding).toString(encoding);
  return cut.length < text.length ? `${copy}…` : copy;
}
