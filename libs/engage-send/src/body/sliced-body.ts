import { randomBytes } from 'node:crypto';
import { BODY_SLICE_UNITS, textSlices } from './text-slices.js';

/**
 * Marks where a held-out string goes in the skeleton. Random per process, so
 * params cannot spell it by accident; if they do anyway, the split finds one
 * part too many and the body is serialised whole instead.
 */
export const HOLE = `engage-send-hole-${randomBytes(12).toString('hex')}`;

/** Printable ASCII without `"` and `\`: JSON writes such a string as it is, one byte per unit. */
const VERBATIM_IN_JSON = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** Strings nested deeper than this are not looked for (a cycle, or a shape the checker refuses anyway). */
const MAX_SEARCH_DEPTH = 64;

/** The serialised body of a send: its text, or — when it holds long strings — the same text in slices. */
export type SendBody = string | SlicedBody;

/**
 * The JSON text of a send whose params hold a string longer than one slice
 * (an attachment's base64 content, typically): `JSON.stringify` writes the
 * skeleton with each long string held out, and the text is produced afresh,
 * slice by slice, each time it is walked — once for the signature, once for
 * the socket. A 20 MB message then never exists as one 20 MB string or buffer
 * (`JSON.stringify` alone peaks above twice the text's size). The slices,
 * end to end, are exactly `JSON.stringify({ action, params })`.
 */
export class SlicedBody {
  private constructor(
    /** The skeleton's text around the holes: `parts.length === held.length + 1`. */
    private readonly parts: readonly string[],
    private readonly held: readonly string[],
    /** UTF-8 bytes of the whole text. */
    readonly bytes: number,
  ) {}

  /**
   * The body of `value` held out around its long strings, or `undefined`
   * when it has none (the caller serialises it whole: faster for everything
   * that fits in a slice).
   */
  static of(value: object): SlicedBody | undefined {
    if (!holdsLongString(value, 0)) return undefined;
    const held: string[] = [];
    const skeleton = JSON.stringify(value, (_key, item: unknown) => {
      if (typeof item !== 'string' || item.length <= BODY_SLICE_UNITS) return item;
      held.push(item);
      return HOLE;
    });
    const parts = skeleton.split(HOLE);
    if (held.length === 0 || parts.length !== held.length + 1) return undefined;
    let bytes = 0;
    for (const part of parts) bytes += Buffer.byteLength(part, 'utf8');
    for (const text of held) bytes += escapedBytes(text);
    return new SlicedBody(parts, held, bytes);
  }

  /** A text already whole (a prepared body) walked in slices all the same: no whole copy of its bytes. */
  static ofText(text: string): SlicedBody {
    return new SlicedBody([text], [], Buffer.byteLength(text, 'utf8'));
  }

  /** The text, slice by slice (each at most {@link BODY_SLICE_UNITS} units, a little more for escapes). */
  *slices(): Generator<string, void, undefined> {
    for (let i = 0; i < this.held.length; i++) {
      yield* textSlices(this.parts[i]!);
      for (const slice of textSlices(this.held[i]!)) yield escaped(slice);
    }
    yield* textSlices(this.parts[this.held.length]!);
  }

  /** The text, whole (for `prepare()`, whose body is a string). */
  toString(): string {
    let text = '';
    for (const slice of this.slices()) text += slice;
    return text;
  }
}

/** A slice of a string as JSON writes it inside the string's quotes. */
function escaped(slice: string): string {
  return VERBATIM_IN_JSON.test(slice) ? slice : JSON.stringify(slice).slice(1, -1);
}

/** UTF-8 bytes of `text` as JSON writes it inside its quotes. */
function escapedBytes(text: string): number {
  if (VERBATIM_IN_JSON.test(text)) return text.length;
  let bytes = 0;
  for (const slice of textSlices(text)) bytes += Buffer.byteLength(escaped(slice), 'utf8');
  return bytes;
}

/** Whether a string longer than one slice is anywhere in `value` (a walk of well under a microsecond for a usual send). */
function holdsLongString(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.length > BODY_SLICE_UNITS;
  // A typed array is written by its toJSON as numbers: no string in it.
  if (typeof value !== 'object' || value === null || depth > MAX_SEARCH_DEPTH || ArrayBuffer.isView(value)) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (holdsLongString(value[i], depth + 1)) return true;
    return false;
  }
  for (const key in value) if (holdsLongString((value as Record<string, unknown>)[key], depth + 1)) return true;
  return false;
}
