/**
 * fast-check arbitraries for the params of the seven Send API actions:
 *
 * - `validParams(action)`: params valid under some documented reading of the
 *   contract (`/work/shared/spec/send-api.md`, "Where the docs disagree": every
 *   reading is accepted), including the optional fields, unicode text (emoji and
 *   other astral code points), dates in every form Engage's pages and SDKs use
 *   (ISO 8601 extended and basic, reduced precision, ordinal, `dd/mm/yyyy`,
 *   `d/m/yyyy`, epoch milliseconds, `Date`s), every attachment form (typed media
 *   on any URL, MIME-wrapped and unpadded base64, `{ url, filename }`), the four
 *   structured content types within their limits (with a puppetizable author,
 *   which Engage requires, and with or without a body), `""` and `null` for
 *   absent optional fields, fields Engage ignores, and now and then a body at the
 *   20 000 code-point limit.
 * - `invalidParams(action)`: a valid params object with ONE mistake, as
 *   `{ params, path, also, tolerated, rule, detail }`: `path` is the field the validator
 *   must name, `also` the few other paths the same single mistake legitimately
 *   reports (e.g. typing without a target names both `thread_id` and
 *   `in_reply_to_id`), and `tolerated` the subtrees where more errors may
 *   appear (only for an array given where an object item is expected).
 *   Mutations are built so that no other rule breaks (e.g. removing `body`
 *   also removes the attachments that would stand in for it).
 *
 * Written from the spec and the README, not from the library's DTOs: limits and
 * field lists are repeated here on purpose, so that the properties cross-check
 * the validator instead of echoing it. Only types are imported.
 */
import fc from 'fast-check';
import type { EngageAction } from '../../src/contract/index.js';

export type Params = Record<string, unknown>;
type Seg = string | number;

export const ACTIONS = [
  'messages.create',
  'private_messages.create',
  'threads.create',
  'users.create',
  'status.mark_as_read',
  'typing.start',
  'typing.stop',
] as const satisfies readonly EngageAction[];

/** Limits of the Send API, in characters (Unicode code points). From send-api.md. */
export const LIMITS = {
  body: 20_000,
  selectItems: 13,
  carouselItems: 10,
  cardButtons: 4,
  title: 350,
  subtitle: 1000,
  url: 2048,
  urlText: 80,
  itemTitle: 80,
  payload: 1000,
} as const;

/** Object.prototype's own names: the library never sends such keys (README, decision 3), so valid keys avoid them. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Number of code points of `value` (for self-checks of the generators). */
export function codePointLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

// ---------------------------------------------------------------------------
// Text. Every unit is exactly one code point, so lengths are code-point counts.

const ASTRAL = ['😀', '🎉', '🚀', '🦄', '💩', '𝄞', '𠜎', '🀄', '🇫', '𓀀'];
const SPECIAL = ['é', 'ß', 'Ж', '中', 'ع', '\u0301', '\u200d', '\ufe0f', '\n', '\t', '"', '\\', '<', '&', '\u0000', '\u2028'];

/** One code point: mostly printable ASCII, often astral (emoji), sometimes anything in the Unicode range (no lone surrogates). */
export const codePoint: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom(...ASTRAL) },
  { weight: 1, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

/** Unicode text of `minLength`..`maxLength` code points. */
export function text(minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: codePoint, minLength, maxLength });
}

/** Text of exactly `n` code points, cheap for large `n` (a random chunk, repeated). */
export function exactText(n: number, unit: fc.Arbitrary<string> = codePoint): fc.Arbitrary<string> {
  return fc.array(unit, { minLength: 1, maxLength: 12 }).map((chunk) => {
    const parts = new Array<string>(n);
    for (let i = 0; i < n; i++) parts[i] = chunk[i % chunk.length] as string;
    return parts.join('');
  });
}

/** Text of at most `max` code points (at least `min`), often short, sometimes any length, sometimes at the limit. */
export function textUpTo(max: number, min = 0): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: text(min, Math.min(max, 24)) },
    { weight: 1, arbitrary: fc.integer({ min, max }).chain((n) => exactText(n)) },
    { weight: 1, arbitrary: fc.integer({ min: Math.max(min, max - 2), max }).chain((n) => exactText(n)) },
  );
}

/** Text over `max` code points: just over (often in emoji, whose UTF-16 length is twice that), or far over. */
export function textOver(max: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.integer({ min: max + 1, max: max + 3 }).chain((n) => exactText(n)),
    fc.integer({ min: max + 1, max: max + 3 }).chain((n) => exactText(n, fc.constantFrom(...ASTRAL))),
    fc.integer({ min: max + 1, max: 2 * max }).chain((n) => exactText(n)),
  );
}

/** A non-empty id (any unicode). */
export const id = text(1, 24);

/** Null now and then: Engage treats null as absent, so an optional field may be null. */
function opt<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 12, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) });
}

/** An optional string field: now and then `null` or `""`, which Engage treats as absent. */
function optText(arb: fc.Arbitrary<string>): fc.Arbitrary<string | null> {
  return fc.oneof({ weight: 12, arbitrary: arb }, { weight: 1, arbitrary: fc.constantFrom<string | null>(null, '') });
}

// ---------------------------------------------------------------------------
// Dates

const MIN_DATE = new Date('0000-01-01T00:00:00.000Z');
const MAX_DATE = new Date('9999-12-31T23:59:59.999Z');
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A valid `Date` (JSON.stringify sends it as ISO 8601, with an expanded year beyond 0000–9999). */
export const dateObject = fc.oneof(
  { weight: 9, arbitrary: fc.date({ min: MIN_DATE, max: MAX_DATE, noInvalidDate: true }) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }) },
);
/** A `Date` of years 0000–9999, for the string forms built from it. */
const dateOf4DigitYear = fc.date({ min: MIN_DATE, max: MAX_DATE, noInvalidDate: true });

/** ISO 8601 as the spec shows it: a calendar date or a date-time, with `Z`, an offset, or no zone. */
export const isoDateString: fc.Arbitrary<string> = fc
  .tuple(
    dateOf4DigitYear,
    fc.constantFrom(
      'iso', 'date', 'seconds', 'minutes', 'local', 'offset', 'offset-compact', 'offset-hours', 'comma', 'lowercase',
      'basic', 'basic-date', 'month', 'year', 'ordinal', 'hours', 'long-fraction', 'space',
    ),
    fc.constantFrom('+', '-'),
    fc.integer({ min: 0, max: 14 }),
    fc.constantFrom(0, 30, 45),
  )
  .map(([date, form, sign, hours, minutes]) => {
    const iso = date.toISOString();
    const seconds = iso.slice(0, 19);
    switch (form) {
      case 'date':
        return iso.slice(0, 10);
      case 'seconds':
        return `${seconds}Z`;
      case 'minutes':
        return `${iso.slice(0, 16)}Z`;
      case 'local':
        return seconds;
      case 'offset':
        return `${seconds}${sign}${pad(hours)}:${pad(minutes)}`;
      case 'offset-compact':
        return `${seconds}${sign}${pad(hours)}${pad(minutes)}`;
      case 'offset-hours':
        return `${seconds}${sign}${pad(hours)}`;
      case 'comma':
        return `${seconds},${iso.slice(20, 23)}Z`;
      case 'lowercase':
        return iso.replace('T', 't').replace('Z', 'z');
      case 'basic':
        return `${iso.slice(0, 19).replace(/[-:]/g, '')}${sign}${pad(hours)}${pad(minutes)}`;
      case 'basic-date':
        return iso.slice(0, 10).replace(/-/g, '');
      case 'month':
        return iso.slice(0, 7);
      case 'year':
        return iso.slice(0, 4);
      case 'ordinal': {
        // Not Date.UTC: it reads years 0–99 as 1900–1999.
        const start = new Date(0).setUTCFullYear(date.getUTCFullYear(), 0, 1);
        const day = Math.floor((date.getTime() - start) / 86_400_000) + 1;
        return `${iso.slice(0, 4)}-${pad(day, 3)}`;
      }
      case 'hours':
        return `${iso.slice(0, 13)}Z`;
      case 'long-fraction':
        return `${seconds}.${iso.slice(20, 23)}456789${sign}${pad(hours)}:${pad(minutes)}`;
      case 'space':
        return `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
      default:
        return iso;
    }
  });

/** `dd/mm/yyyy` (the Send API page's examples) or `d/m/yyyy`. */
export const dayMonthYear: fc.Arbitrary<string> = fc
  .tuple(dateOf4DigitYear, fc.boolean())
  .map(([d, padded]) => (padded ? `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCFullYear(), 4)}` : `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${pad(d.getUTCFullYear(), 4)}`));

/** Epoch milliseconds, as the official Python SDK sends dates. */
export const epochMillis = fc.integer({ min: -8.64e15, max: 8.64e15 });

/** A date of a content or a user, in any form Engage takes. */
export const engageDate: fc.Arbitrary<string | number | Date> = fc.oneof(isoDateString, dateObject, dayMonthYear, epochMillis);
/** A date of an embedded user (author, recipient): the same forms. */
export const embeddedUserDate = engageDate;

// ---------------------------------------------------------------------------
// context_data

export const contextKey = fc.stringMatching(/^[a-zA-Z-]{1,16}$/).filter((key) => !RESERVED_KEYS.has(key));
const contextValue = fc.oneof(text(0, 30), fc.array(text(0, 15), { maxLength: 4 }));
export const contextData = fc.dictionary(contextKey, contextValue, { maxKeys: 5 });

// ---------------------------------------------------------------------------
// URLs

const REFUSED_SCHEMES = ['javascript', 'data', 'vbscript', 'file'];

/** An absolute http(s) URL (URLs Engage downloads). */
export const httpUrl = fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true });

const appScheme = fc.stringMatching(/^[a-z][a-z0-9+.-]{0,9}$/);
/** A deep link into an app, e.g. `github://repository/x` (README, decision 2). */
export const appUrl = fc
  .tuple(
    appScheme.filter((s) => !REFUSED_SCHEMES.includes(s)),
    fc.stringMatching(/^[a-z][a-z0-9]{0,9}(\/[a-zA-Z0-9._~-]{0,10}){0,3}$/),
  )
  .map(([scheme, rest]) => `${scheme}://${rest}`);

const URL_PREFIX = 'https://example.com/';
const urlUnit = fc.constantFrom(...'abcxyz0189-._~'.split(''), 'é', '中', '😀');
/** A valid https URL of exactly `n` code points. */
export function longUrl(n: number): fc.Arbitrary<string> {
  return exactText(n - URL_PREFIX.length, urlUnit).map((path) => URL_PREFIX + path);
}

/** A link people open (rich link, template, card, button, display_url): http(s) or an app scheme, at most 2048 characters. */
export const linkUrl: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: httpUrl },
  { weight: 2, arbitrary: appUrl },
  { weight: 1, arbitrary: fc.integer({ min: LIMITS.url - 8, max: LIMITS.url }).chain(longUrl) },
);

// ---------------------------------------------------------------------------
// Users

const profileModel = {
  firstname: optText(text(0, 20)),
  lastname: optText(text(0, 20)),
  avatar_url: optText(fc.oneof(httpUrl, text(0, 20))),
  email: optText(fc.oneof(fc.emailAddress(), text(0, 20))),
  home_phone: optText(fc.stringMatching(/^\+?[0-9 ]{4,16}$/)),
  mobile_phone: optText(fc.stringMatching(/^\+?[0-9 ]{4,16}$/)),
  gender: optText(fc.constantFrom('man', 'woman')),
  context_data: opt(contextData),
};

/** An `author` / `recipient`; `puppetizable: true` when it writes a structured content. */
export function embeddedUser(puppet: boolean): fc.Arbitrary<Params> {
  return fc.record(
    {
      id,
      screenname: id,
      ...profileModel,
      puppetizable: puppet ? fc.constant(true) : opt(fc.boolean()),
      created_at: opt(embeddedUserDate),
      updated_at: opt(embeddedUserDate),
    },
    { requiredKeys: puppet ? ['id', 'screenname', 'puppetizable'] : ['id', 'screenname'] },
  );
}

// ---------------------------------------------------------------------------
// Attachments

const base64Content = fc.uint8Array({ minLength: 1, maxLength: 48 }).map((bytes) => Buffer.from(bytes).toString('base64'));
/** Base64 as files are really sent: padded, unpadded, or MIME-wrapped (line breaks every few characters). */
const anyBase64Content = fc.tuple(base64Content, fc.constantFrom('padded', 'unpadded', 'mime')).map(([content, form]) => {
  if (form === 'unpadded') return content.replace(/=+$/, '');
  if (form === 'mime') return content.replace(/(.{8})/g, '$1\r\n');
  return content;
});
const NON_MP4_EXTENSIONS = ['pdf', 'png', 'jpg', 'txt', 'mp3', 'mov', 'm4a', 'mp4a', 'mp4.zip', 'mp'];
const fileName = fc.tuple(text(1, 16), fc.constantFrom(...NON_MP4_EXTENSIONS)).map(([name, ext]) => `${name}.${ext}`);
const mp4Name = fc.tuple(text(1, 16), fc.constantFrom('mp4', 'MP4', 'Mp4')).map(([name, ext]) => `${name}.${ext}`);
const mediaType = fc.constantFrom('audio', 'video');

/** An http(s) URL whose path ends with `last` (a file name), with a query or a fragment sometimes. */
function urlEndingWith(last: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(httpUrl, last, fc.constantFrom('', '?sig=abc', '#t=10', '?file=clip.mp4')).map(([base, file, suffix]) => {
    const url = new URL(base);
    url.search = '';
    url.hash = '';
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/${file}`;
    return url.href + suffix;
  });
}
const mp4Url = urlEndingWith(fc.constantFrom('clip.mp4', 'CLIP.MP4', 'a.b.mp4'));
const nonMp4Url = urlEndingWith(fc.constantFrom(...NON_MP4_EXTENSIONS.map((ext) => `file.${ext}`), 'get', 'clip.mp4x'));

/** A valid attachment: `{ url }`, `{ content, filename }` or `{ url, filename }`; any may add a media `type` (CDN URLs have no extension). */
export const attachment: fc.Arbitrary<Params> = fc.oneof(
  fc.record({ url: httpUrl }),
  fc.record({ content: anyBase64Content, filename: fileName }),
  fc.record({ url: fc.oneof(mp4Url, nonMp4Url), type: mediaType }, { requiredKeys: ['url'] }),
  fc.record({ content: anyBase64Content, filename: fc.oneof(mp4Name, fileName), type: mediaType }, { requiredKeys: ['content', 'filename'] }),
  fc.record({ url: httpUrl, filename: fc.oneof(fileName, mp4Name) }),
);

// ---------------------------------------------------------------------------
// Structured contents

/** An array of `min`..`max` items, now and then exactly `max` (the limit). */
function arrayUpTo<T>(arb: fc.Arbitrary<T>, min: number, max: number): fc.Arbitrary<T[]> {
  return fc.oneof({ weight: 5, arbitrary: fc.array(arb, { minLength: min, maxLength: max }) }, { weight: 1, arbitrary: fc.array(arb, { minLength: max, maxLength: max }) });
}

const itemTitle = textUpTo(LIMITS.itemTitle, 1);
const payload = textUpTo(LIMITS.payload);

export const selectItem = fc.record({ title: itemTitle, payload: opt(payload) }, { requiredKeys: ['title'] });
export const urlButton = fc.record({ type: fc.constant('url'), title: itemTitle, url: linkUrl });
export const replyButton = fc.record({ type: fc.constant('reply'), title: itemTitle, payload: opt(payload) }, { requiredKeys: ['type', 'title'] });
/** Buttons carrying the other type's field, which Engage ignores there (valid in the default mode). */
const buttonWithIgnoredField = fc.oneof(
  fc.record({ type: fc.constant('url'), title: itemTitle, url: linkUrl, payload: text(0, 20) }),
  fc.record({ type: fc.constant('reply'), title: itemTitle, payload: opt(payload), url: text(0, 20) }, { requiredKeys: ['type', 'title', 'url'] }),
);
export const button: fc.Arbitrary<Params> = fc.oneof(urlButton, replyButton);


const cardModel = {
  title: textUpTo(LIMITS.title, 1),
  subtitle: opt(textUpTo(LIMITS.subtitle)),
  url: opt(linkUrl),
  url_text: opt(textUpTo(LIMITS.urlText)),
  attachment_url: opt(httpUrl),
};

export const select = fc.record({ type: fc.constant('select'), items: arrayUpTo(selectItem, 1, LIMITS.selectItems) });
export const richLink = fc.record(
  {
    type: fc.constant('rich_link'),
    url: linkUrl,
    title: textUpTo(LIMITS.title, 1),
    url_text: opt(textUpTo(LIMITS.urlText)),
    subtitle: opt(textUpTo(LIMITS.subtitle)),
    attachment_url: opt(httpUrl),
  },
  { requiredKeys: ['type', 'url', 'title'] },
);
/** Templates have no documented button count: up to 6 here (more than a carousel card's 4). */
export const template = fc.record(
  { type: fc.constant('template'), ...cardModel, items: opt(fc.array(button, { maxLength: 6 })) },
  { requiredKeys: ['type', 'title'] },
);
/** A carousel card; `type: 'template'` is optional on cards (the docs call them templates). */
export const card = fc.record(
  { type: fc.constant('template'), ...cardModel, attachment_fallback_id: opt(text(0, 20)), items: opt(arrayUpTo(button, 0, LIMITS.cardButtons)) },
  { requiredKeys: ['title'] },
);
export const carousel = fc.record({ type: fc.constant('carousel'), items: arrayUpTo(card, 1, LIMITS.carouselItems) });
export const structuredContent: fc.Arbitrary<Params> = fc.oneof(select, richLink, template, carousel);

// ---------------------------------------------------------------------------
// Action params

/** A body: usually short, sometimes any length up to the limit, sometimes right at it. */
export const body: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: text(1, 200) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: LIMITS.body }).chain((n) => exactText(n)) },
  { weight: 1, arbitrary: fc.integer({ min: LIMITS.body - 4, max: LIMITS.body }).chain((n) => exactText(n)) },
);

const STANDARD_ACTIONS = ['create', 'delete', 'list', 'publish', 'show', 'unpublish', 'reply'];
const contentModel = {
  actions: opt(fc.array(fc.oneof(fc.constantFrom(...STANDARD_ACTIONS), text(1, 12)), { maxLength: 5 })),
  categories: opt(fc.array(text(0, 16), { maxLength: 4 })),
  context_data: opt(contextData),
  created_at: opt(engageDate),
  updated_at: opt(engageDate),
  display_url: optText(linkUrl),
  format: optText(fc.constantFrom('html', 'text')),
  ip: optText(fc.oneof(fc.ipV4(), fc.ipV6())),
};

/**
 * Fields Engage ignores on each object (the spec's list, and near misses),
 * added now and then: valid in the default mode, which forwards them.
 */
const IGNORED_FIELDS: Record<EngageAction, readonly string[]> = {
  'messages.create': ['title', 'recipient', 'thread_Id', 'threadId', 'x-custom'],
  'private_messages.create': ['thread_id', 'title', 'recipientId'],
  'threads.create': ['attachments', 'language', 'in_reply_to_id', 'threadTitle'],
  'users.create': ['nickname', 'createdAt'],
  'status.mark_as_read': ['thread_id', 'read_at'],
  'typing.start': ['author', 'typingPreview'],
  'typing.stop': ['preview', 'ended_at'],
};
function withIgnoredFields(action: EngageAction, params: fc.Arbitrary<Params>): fc.Arbitrary<Params> {
  const extra = fc.dictionary(fc.constantFrom(...IGNORED_FIELDS[action]), fc.oneof(text(0, 10), fc.integer(), fc.constant(null), fc.array(fc.record({ url: httpUrl }), { maxLength: 1 })), { maxKeys: 2 });
  const variants = [{ weight: 8, arbitrary: params }, { weight: 1, arbitrary: fc.tuple(params, extra).map(([p, e]) => ({ ...e, ...p })) }];
  if (action === 'messages.create' || action === 'private_messages.create') {
    // A template whose button carries the other button type's field.
    const content = fc.tuple(template, buttonWithIgnoredField).map(([t, b]) => ({ ...t, items: [b] }));
    variants.push({
      weight: 1,
      arbitrary: fc.tuple(params, content).map(([p, c]) => ({ ...p, author: { ...(p['author'] as Params), puppetizable: true }, structured_content: c })),
    });
  }
  return fc.oneof(...variants);
}

/** `body` and/or `attachments`: at least one of them carries content. */
const bodyAndAttachments: fc.Arbitrary<Params> = fc.oneof(
  fc.record({ body, attachments: fc.constantFrom(null, []) }, { requiredKeys: ['body'] }),
  fc.record({ body: fc.constantFrom('', null), attachments: fc.array(attachment, { minLength: 1, maxLength: 3 }) }, { requiredKeys: ['attachments'] }),
  fc.record({ body, attachments: fc.array(attachment, { minLength: 1, maxLength: 3 }) }),
);

/** An author, and a structured content only when the author is puppetizable (Engage's rule). */
const authorAndStructuredContent: fc.Arbitrary<Params> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ author: embeddedUser(false) }) },
  { weight: 2, arbitrary: fc.record({ author: embeddedUser(true), structured_content: structuredContent }) },
);

function messageContent(own: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Params> {
  const fields = fc.record(
    {
      id,
      ...own,
      ...contentModel,
      in_reply_to_id: optText(id),
      language: optText(fc.oneof(fc.constantFrom('en', 'fr', 'de', 'pt-BR'), text(0, 8))),
      structured_reply: opt(fc.record({ payload: text(1, 40) })),
    },
    { requiredKeys: ['id', ...Object.keys(own)] as never[] },
  );
  // A structured content stands for the body (the Structured messages page's examples have none).
  return fc.tuple(fields, bodyAndAttachments, authorAndStructuredContent, fc.boolean()).map(([f, b, a, bodiless]) =>
    a['structured_content'] !== undefined && bodiless ? { ...f, ...a } : { ...f, ...a, ...b },
  );
}

const typingTarget: fc.Arbitrary<Params> = fc.oneof(
  fc.record({ thread_id: id }),
  fc.record({ in_reply_to_id: id }),
  fc.record({ thread_id: id, in_reply_to_id: id }),
  fc.record({ thread_id: id, in_reply_to_id: fc.constant(null) }),
  fc.record({ thread_id: fc.constant(null), in_reply_to_id: id }),
);

const VALID: Record<EngageAction, fc.Arbitrary<Params>> = {
  'messages.create': messageContent({ thread_id: id }),
  'private_messages.create': messageContent({ recipient: embeddedUser(false) }),
  'threads.create': fc.record(
    { id, author: embeddedUser(false), body, title: optText(text(0, 60)), ...contentModel },
    { requiredKeys: ['id', 'author', 'body'] },
  ),
  // Only id and screenname are enforced: the Objects page's required dates are one reading among others.
  'users.create': fc.record(
    { id, screenname: id, created_at: opt(engageDate), updated_at: opt(engageDate), ...profileModel, puppetizable: opt(fc.boolean()) },
    { requiredKeys: ['id', 'screenname'] },
  ),
  'status.mark_as_read': fc.record({ id }),
  'typing.start': fc.tuple(typingTarget, text(1, 100)).map(([target, preview]) => ({ ...target, preview })),
  'typing.stop': typingTarget,
};

/** Params of `action` valid under some documented reading of the contract (fields Engage ignores included, now and then). */
export function validParams(action: EngageAction): fc.Arbitrary<Params> {
  return withIgnoredFields(action, VALID[action]);
}


// ---------------------------------------------------------------------------
// Invalid params: one mistake each

/** Params with one mistake, and where the validator must report it. */
export interface InvalidParams {
  action: EngageAction;
  /** The rule broken (one entry of the action's mutation catalogue). */
  rule: string;
  /** How it was broken (e.g. `removed`, `a number`). */
  detail: string;
  params: Params;
  /** Path of the error the mistake must produce, e.g. `params.author.id`. */
  path: string;
  /** Other paths this one mistake legitimately reports too (usually none). */
  also: string[];
  /** Subtrees (paths) where further errors are tolerated: only for an array where an object is expected. */
  tolerated: string[];
}

/** What a {@link Mutation} makes of valid params. */
export type MutationResult = Omit<InvalidParams, 'action' | 'rule' | 'tolerated'> & { tolerated?: string[] };

/** A way to break one rule of a valid params object. */
export interface Mutation {
  rule: string;
  /**
   * The mistake is a property Engage ignores (unknown, or not read where it
   * is): refused only in `unknownProperties: 'reject'` mode; the default mode
   * forwards it.
   */
  rejectModeOnly?: true;
  apply(valid: Params): fc.Arbitrary<MutationResult>;
}

/** Deletes the key when written by {@link patch}. */
const REMOVE = Symbol('remove');

/** A copy of `value` with `next` at `segs` (copies along the path only; `REMOVE` deletes the key). */
function patch(value: unknown, segs: readonly Seg[], next: unknown): unknown {
  if (segs.length === 0) return next;
  const [head, ...rest] = segs as [Seg, ...Seg[]];
  if (Array.isArray(value)) {
    const copy = [...(value as unknown[])];
    copy[head as number] = patch(copy[head as number], rest, next);
    return copy;
  }
  const copy: Params = { ...(value as Params) };
  const inner = patch(copy[head as string], rest, next);
  if (inner === REMOVE) delete copy[head as string];
  else copy[head as string] = inner;
  return copy;
}

function pathOf(segs: readonly Seg[]): string {
  return ['params', ...segs].join('.');
}

/** A bad value and how it is bad. */
interface Bad {
  value: unknown;
  how: string;
}
function bad(how: string, arb: fc.Arbitrary<unknown>): fc.Arbitrary<Bad> {
  return arb.map((value) => ({ value, how }));
}

const anyJson = fc.oneof(text(0, 10), fc.integer(), fc.boolean());

// Never `""`, `null` or `[]`: Engage treats those as absent (valid for an optional field).
const nonString: fc.Arbitrary<Bad> = fc.oneof(
  bad('a number', fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))),
  bad('a boolean', fc.boolean()),
  bad('an array', fc.array(text(0, 5), { minLength: 1, maxLength: 2 })),
  bad('an object', fc.record({ value: text(0, 5) }, { noNullPrototype: true })),
);
const missing: fc.Arbitrary<Bad> = fc.oneof(bad('removed', fc.constant(REMOVE)), bad('null', fc.constant(null)));
const badRequiredString: fc.Arbitrary<Bad> = fc.oneof(missing, bad('empty', fc.constant('')), nonString);

function badEnum(allowed: readonly string[]): fc.Arbitrary<Bad> {
  return fc.oneof(
    bad('another string', text(1, 12).filter((s) => !allowed.includes(s))),
    bad('another case', fc.constantFrom(...allowed).map((s) => s.toUpperCase())),
    bad('not a string', fc.oneof(fc.integer(), fc.boolean())),
  );
}

const badBoolean: fc.Arbitrary<Bad> = fc.oneof(
  bad('a string', fc.constantFrom('true', 'false', 'yes')),
  bad('a number', fc.constantFrom(0, 1)),
  bad('an array', fc.constant([true])),
);

const nonStringItem = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant({}), fc.constant([]));
/** An array of strings with one non-string inserted. */
const arrayWithNonString = fc
  .tuple(fc.array(text(0, 8), { maxLength: 3 }), nonStringItem, fc.nat())
  .map(([items, intruder, at]) => {
    const i = at % (items.length + 1);
    return [...items.slice(0, i), intruder, ...items.slice(i)];
  });
const badStringArray: fc.Arbitrary<Bad> = fc.oneof(
  bad('a string', text(1, 10)),
  bad('an object', fc.constant({ reply: true })),
  bad('an item that is not a string', arrayWithNonString),
);

const badContextKey = fc.oneof(
  fc.constantFrom('first_name', 'key1', 'my key', 'order.id', '', 'café', 'naïve', 'Straße', 'ключ', '😀', 'a:b'),
  text(1, 12).filter((key) => !/^[a-zA-Z-]+$/.test(key) && !RESERVED_KEYS.has(key)),
);
const badContextValue = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.record({ city: text(0, 8) }, { noNullPrototype: true }),
  arrayWithNonString,
  fc.constant([['nested']]),
);
const badContextData: fc.Arbitrary<Bad> = fc.oneof(
  bad('a key outside [a-zA-Z-]', fc.tuple(contextData, badContextKey, contextValue).map(([data, key, value]) => ({ ...data, [key]: value }))),
  bad('a value that is neither a string nor an array of strings', fc.tuple(contextData, contextKey, badContextValue).map(([data, key, value]) => ({ ...data, [key]: value }))),
  bad('not an object', fc.oneof(text(1, 10), fc.array(text(0, 5), { minLength: 1, maxLength: 2 }), fc.integer(), fc.constant(new Date(0)))),
);

const INVALID_DATE_STRINGS = [
  'yesterday',
  '2012/02/10',
  'Mon, 01 Oct 2012 17:18:40 GMT',
  '2012-13-01',
  '2012-00-10',
  '2019-02-29',
  '2012-04-31',
  '2012-10-01T25:18:40Z',
  '2012-10-01T17:61:40Z',
  '2012-10-01T17:18:40+25:00',
  '12-10-01',
  '2012-1-1',
  ' 2012-02-10',
  '2012-02-10 ',
  '2012-02-10T',
  '31/02/2019',
  '32/01/2020',
  '01/13/2020',
];
/** An ISO date-time with an impossible month, day or hour. */
const impossibleIsoDate = fc
  .tuple(dateOf4DigitYear, fc.constantFrom('month', 'day', 'hour', 'minute'), fc.integer({ min: 0, max: 99 }))
  .map(([date, part, n]) => {
    const iso = date.toISOString();
    switch (part) {
      case 'month':
        return `${iso.slice(0, 5)}${pad(n < 50 ? 0 : Math.max(13, n))}${iso.slice(7)}`;
      case 'day':
        return `${iso.slice(0, 8)}${pad(n < 50 ? 0 : Math.max(32, n))}${iso.slice(10)}`;
      case 'hour':
        // 25 and above: 24:00 is the end of a day, valid ISO 8601.
        return `${iso.slice(0, 11)}${pad(Math.max(25, n))}${iso.slice(13)}`;
      default:
        return `${iso.slice(0, 14)}${pad(Math.max(60, n))}${iso.slice(16)}`;
    }
  });
/** A dd/mm/yyyy date whose day or month does not exist. */
const impossibleDayMonthYear = fc
  .tuple(fc.integer({ min: 32, max: 99 }), fc.integer({ min: 13, max: 99 }), fc.integer({ min: 1000, max: 9999 }), fc.boolean())
  .map(([day, month, year, badDay]) => (badDay ? `${pad(day)}/01/${year}` : `15/${pad(month)}/${year}`));
/** A value that is no date in any form Engage takes (ISO 8601, dd/mm/yyyy, epoch milliseconds, Date). */
const badDate: fc.Arbitrary<Bad> = fc.oneof(
  bad('not a date', fc.oneof(fc.constantFrom(...INVALID_DATE_STRINGS.filter((s) => s !== '')), impossibleIsoDate, impossibleDayMonthYear)),
  bad('a number beyond the dates JavaScript can hold', fc.constantFrom(8.64e15 + 1, -9e15, 1e20)),
  bad('an invalid Date', fc.constant(new Date(Number.NaN))),
  bad('a boolean', fc.boolean()),
  bad('an object', fc.constant({ $date: '2012-02-10' })),
);

const REFUSED_LINKS = [
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:void(0)',
  '\u0001javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'DATA:,hello',
  'vbscript:msgbox(1)',
  'VBScript:run',
  'file:///etc/passwd',
  'file://C:/secret.txt',
];
const RELATIVE_URLS = ['/article', 'forum/posts/890', '//example.com/a.png', '?q=1', '#top', 'example.com/a', 'http//example.com'];

/** A value a link URL may not take, whatever its length (`display_url` has no length limit). */
const badLink: fc.Arbitrary<Bad> = fc.oneof(
  bad('a refused scheme', fc.constantFrom(...REFUSED_LINKS)),
  bad('relative', fc.constantFrom(...RELATIVE_URLS)),
  nonString,
);
/** A value a structured-content link (at most 2048 characters) may not take. */
const badLinkUrl: fc.Arbitrary<Bad> = fc.oneof(
  badLink,
  bad('over 2048 characters', fc.integer({ min: LIMITS.url + 1, max: LIMITS.url + 40 }).chain(longUrl)),
);
/** A value a URL Engage downloads may not take. */
const badHttpUrl: fc.Arbitrary<Bad> = fc.oneof(
  bad('an app scheme', appUrl.filter((url) => !/^https?:/.test(url))),
  bad('another scheme', fc.constantFrom('ftp://example.com/a.png', 'mailto:someone@example.com', 'ws://example.com/socket')),
  bad('a refused scheme', fc.constantFrom(...REFUSED_LINKS)),
  bad('relative', fc.constantFrom(...RELATIVE_URLS)),
  nonString,
);

/** An ip that is no IPv4 or IPv6 address. */
const badIp: fc.Arbitrary<Bad> = fc.oneof(
  bad(
    'not an address',
    fc.constantFrom('999.1.1.1', '1.2.3', '1.2.3.4.5', 'localhost', 'example.com', '::g', '1.2.3.4/24', '256.256.256.256', ' 1.2.3.4', '1:2:3:4:5:6:7:8:9'),
  ),
  nonString,
);

function badOver(max: number): fc.Arbitrary<Bad> {
  return bad(`over ${max} characters`, textOver(max));
}

/** A mutation writing one bad value at `segs`. */
function field(rule: string, segs: readonly Seg[], badValue: fc.Arbitrary<Bad>, also?: (valid: Params, bad: Bad) => string[]): Mutation {
  return {
    rule,
    apply: (valid) =>
      badValue.map((b) => ({ params: patch(valid, segs, b.value) as Params, path: pathOf(segs), also: also?.(valid, b) ?? [], detail: b.how })),
  };
}

function toCamel(key: string): string {
  return key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** A property name the object's contract does not define: a camelCase near miss, or anything else. */
function unknownKey(known: readonly string[]): fc.Arbitrary<string> {
  const camel = known.filter((key) => key.includes('_')).map(toCamel);
  const other = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,14}$/).filter((key) => !known.includes(key) && !RESERVED_KEYS.has(key));
  return camel.length > 0 ? fc.oneof(fc.constantFrom(...camel), other) : other;
}

/** Adds a property unknown to the object at `segs` (`[]` for params itself). */
function unknownProperty(segs: readonly Seg[], known: readonly string[]): Mutation {
  return {
    rule: `${pathOf(segs)}: unknown property`,
    rejectModeOnly: true,
    apply: (valid) =>
      fc.tuple(unknownKey(known), anyJson).map(([key, value]) => ({
        params: patch(valid, [...segs, key], value) as Params,
        path: pathOf([...segs, key]),
        also: [],
        detail: `"${key}"`,
      })),
  };
}

/**
 * Renames a snake_case field to camelCase (`thread_id` → `threadId`): a
 * required field goes missing (refused in every mode, the camelCase key named
 * too in 'reject' mode); an optional one only leaves an unknown key behind.
 */
function camelCaseRename(segs: readonly Seg[], key: string, required: boolean): Mutation {
  const camel = toCamel(key);
  return {
    rule: `${pathOf([...segs, key])}: written as ${camel}`,
    ...(required ? {} : { rejectModeOnly: true as const }),
    apply: (valid) => {
      const at = segs.reduce<unknown>((o, s) => (o as Params)[s as string], valid) as Params;
      const renamed = patch(patch(valid, [...segs, key], REMOVE), [...segs, camel], at[key] ?? 'x') as Params;
      return fc.constant({
        params: renamed,
        path: pathOf(required ? [...segs, key] : [...segs, camel]),
        also: [],
        // 'reject' mode names the camelCase key too.
        tolerated: required ? [pathOf([...segs, camel])] : [],
        detail: camel,
      });
    },
  };
}

// --- field lists, from the spec's tables

const USER_KEYS = ['id', 'screenname', 'created_at', 'updated_at', 'firstname', 'lastname', 'avatar_url', 'email', 'home_phone', 'mobile_phone', 'puppetizable', 'gender', 'context_data'];
const CONTENT_KEYS = ['id', 'actions', 'categories', 'context_data', 'created_at', 'updated_at', 'display_url', 'format', 'ip'];
const MESSAGE_KEYS = [...CONTENT_KEYS, 'author', 'body', 'attachments', 'in_reply_to_id', 'language', 'structured_content', 'structured_reply'];
const KNOWN: Record<EngageAction, readonly string[]> = {
  'messages.create': [...MESSAGE_KEYS, 'thread_id'],
  'private_messages.create': [...MESSAGE_KEYS, 'recipient'],
  'threads.create': [...CONTENT_KEYS, 'author', 'body', 'title'],
  'users.create': USER_KEYS,
  'status.mark_as_read': ['id'],
  'typing.start': ['thread_id', 'in_reply_to_id', 'preview'],
  'typing.stop': ['thread_id', 'in_reply_to_id'],
};
const ATTACHMENT_KEYS = ['url', 'content', 'filename', 'type'];
const SELECT_ITEM_KEYS = ['title', 'payload'];
const BUTTON_KEYS = ['type', 'title', 'url', 'payload'];
const CARD_KEYS = ['type', 'title', 'subtitle', 'url', 'url_text', 'attachment_url', 'attachment_fallback_id', 'items'];
const RICH_LINK_KEYS = ['type', 'url', 'title', 'url_text', 'subtitle', 'attachment_url'];
const TEMPLATE_KEYS = ['type', 'title', 'subtitle', 'url', 'url_text', 'attachment_url', 'items'];

// --- users (an author, a recipient, or users.create's params at segs [])

function userMutations(segs: readonly Seg[]): Mutation[] {
  const at = (key: string): Seg[] => [...segs, key];
  const name = (key: string): string => pathOf(at(key));
  const dateBad = badDate;
  return [
    field(`${name('id')}: not a non-empty string`, at('id'), badRequiredString),
    field(`${name('screenname')}: not a non-empty string`, at('screenname'), badRequiredString),
    ...['firstname', 'lastname', 'avatar_url', 'email', 'home_phone', 'mobile_phone'].map((key) =>
      field(`${name(key)}: not a string`, at(key), nonString),
    ),
    field(`${name('puppetizable')}: not a boolean`, at('puppetizable'), badBoolean),
    field(`${name('gender')}: neither man nor woman`, at('gender'), badEnum(['man', 'woman'])),
    field(`${name('context_data')}: bad context data`, at('context_data'), badContextData),
    field(`${name('created_at')}: bad date`, at('created_at'), dateBad),
    field(`${name('updated_at')}: bad date`, at('updated_at'), dateBad),
    unknownProperty(segs, USER_KEYS),
    camelCaseRename(segs, 'created_at', false),
  ];
}

/** Replaces the user at `segs` with something that is not an object, or removes it. */
function userNotAnObject(segs: readonly Seg[]): Mutation {
  return field(
    `${pathOf(segs)}: missing or not an object`,
    segs,
    fc.oneof(missing, bad('a string', text(0, 10)), bad('an array', fc.constant([])), bad('a number', fc.integer())),
  );
}

// --- fields shared by messages, private messages and threads

function contentMutations(): Mutation[] {
  return [
    field('params.id: not a non-empty string', ['id'], badRequiredString),
    field('params.actions: not an array of strings', ['actions'], badStringArray),
    field('params.categories: not an array of strings', ['categories'], badStringArray),
    field('params.context_data: bad context data', ['context_data'], badContextData),
    field('params.created_at: bad date', ['created_at'], badDate),
    field('params.updated_at: bad date', ['updated_at'], badDate),
    field('params.display_url: not an absolute link URL', ['display_url'], badLink),
    field('params.format: neither html nor text', ['format'], badEnum(['html', 'text'])),
    field('params.ip: not an IP address', ['ip'], badIp),
  ];
}

/** Body mutations; `attachmentsStandIn`: attachments (and a structured content) can replace the body (messages), so they go too. */
function bodyMutations(attachmentsStandIn: boolean): Mutation[] {
  const mutations: Mutation[] = [
    {
      rule: 'params.body: missing (and no attachments)',
      apply: (valid) =>
        fc
          .tuple(
            fc.constantFrom<[unknown, string]>([REMOVE, 'removed'], [null, 'null'], ['', 'empty']),
            attachmentsStandIn ? fc.constantFrom<unknown>(REMOVE, null, []) : fc.constant(REMOVE),
          )
          .map(([[value, how], attachments]) => ({
            params: patch(attachmentsStandIn ? patch(patch(valid, ['structured_content'], REMOVE), ['attachments'], attachments) : valid, ['body'], value) as Params,
            path: 'params.body',
            also: [],
            detail: `${how}${attachmentsStandIn ? `, attachments ${attachments === REMOVE ? 'removed' : JSON.stringify(attachments)}` : ''}`,
          })),
    },
    field('params.body: not a string', ['body'], nonString),
    field('params.body: over 20 000 characters', ['body'], badOver(LIMITS.body)),
  ];
  if (!attachmentsStandIn) return mutations;
  return [
    ...mutations,
    {
      rule: 'params.body: over 20 000 characters, with attachments',
      apply: (valid) =>
        fc.tuple(textOver(LIMITS.body), fc.array(attachment, { minLength: 1, maxLength: 2 })).map(([long, files]) => ({
          params: { ...valid, body: long, attachments: files },
          path: 'params.body',
          also: [],
          detail: `${codePointLength(long)} code points`,
        })),
    },
  ];
}

// --- items of arrays (attachments, select items, buttons, cards)

/** Stands for the array that holds a bad item, in {@link BadItem} paths. */
const ARRAY = 'the array' as const;
type ItemPath = Seg[] | typeof ARRAY;

/** A value breaking one rule, with where the error is reported, relative to the value. */
interface BadItem {
  item: unknown;
  /** Path of the error inside the item (`[]`: the item itself), or `ARRAY`: the array holding it. */
  segs: ItemPath;
  /** Other paths this mistake reports too. */
  also?: ItemPath[];
  /** Paths inside the item under which more errors are tolerated (see `nonObjectItems`). */
  tolerate?: Seg[][];
  how: string;
}

/** A named way to make a bad item: each becomes its own entry of the mutation catalogue. */
type Named<T> = readonly [name: string, arbitrary: fc.Arbitrary<T>];

/** Bad items that are fields Engage ignores: refused in 'reject' mode only. */
const IGNORED_ITEM_MISTAKES = ['unknown property', 'payload on a url button', 'url on a reply button'];
function isRejectModeOnly(name: string): boolean {
  return IGNORED_ITEM_MISTAKES.some((mistake) => name.endsWith(mistake));
}

/** The bad item's paths once it sits at index `i` of the array at `arraySegs`. */
function placedAt(b: BadItem, arraySegs: readonly Seg[], i: number): Omit<BadItem, 'item' | 'how'> & { segs: Seg[]; also: Seg[][] } {
  const resolve = (segs: ItemPath): Seg[] => (segs === ARRAY ? [...arraySegs] : [...arraySegs, i, ...segs]);
  return {
    segs: resolve(b.segs),
    also: (b.also ?? []).map(resolve),
    tolerate: (b.tolerate ?? []).map((segs) => [...arraySegs, i, ...segs]),
  };
}

/**
 * `base` with a bad item inserted among up to `maxValid` valid ones in the array
 * at `arraySegs` (kept under the array's maximum, so only the item is wrong).
 */
function withBadItem(
  base: fc.Arbitrary<Params>,
  arraySegs: readonly Seg[],
  validItem: fc.Arbitrary<unknown>,
  maxValid: number,
  [name, badItem]: Named<BadItem>,
): Named<BadItem> {
  return [
    name,
    fc.tuple(base, fc.array(validItem, { maxLength: maxValid }), badItem, fc.nat()).map(([o, items, b, at]) => {
      const i = at % (items.length + 1);
      return { item: patch(o, arraySegs, [...items.slice(0, i), b.item, ...items.slice(i)]), how: b.how, ...placedAt(b, arraySegs, i) };
    }),
  ];
}

/**
 * Items that are not objects. A scalar (or null) item is reported at its own
 * path and at the array's. An ARRAY item is reported at the array's path only:
 * the validator then also descends into it (class-validator validates nested
 * arrays), reporting paths inside the item such as `params.attachments.1.0.url`,
 * which are tolerated here: noise rather than a wrong verdict (the params are
 * refused, and the array is named), but `[[]]` names no item path at all.
 */
const nonObjectItems: Named<BadItem>[] = [
  ['item not an object (scalar or null)', fc.oneof(text(0, 5), fc.integer(), fc.boolean(), fc.constant(null)).map((v) => ({ item: v, segs: [], also: [ARRAY], how: `item ${JSON.stringify(v)}` }))],
  [
    'item an array',
    fc.array(fc.oneof(anyJson, fc.constant({})), { maxLength: 2 }).map((v) => ({ item: v, segs: ARRAY, tolerate: [[]], how: `item ${JSON.stringify(v)}` })),
  ],
];

/** One mutation per named bad item, placed at `segs` of the params (e.g. `structured_content`). */
function itemMutations(prefix: string, segs: readonly Seg[], named: readonly Named<BadItem>[], prepare: (valid: Params) => Params = (v) => v): Mutation[] {
  return named.map(([name, arb]) => ({
    rule: `${prefix}: ${name}`,
    ...(isRejectModeOnly(name) ? { rejectModeOnly: true as const } : {}),
    apply: (valid: Params) =>
      arb.map((b) => {
        const resolve = (rel: ItemPath): string => pathOf(rel === ARRAY ? segs : [...segs, ...rel]);
        return {
          params: patch(prepare(valid), segs, b.item) as Params,
          path: resolve(b.segs),
          also: (b.also ?? []).map(resolve),
          tolerated: (b.tolerate ?? []).map((rel) => pathOf([...segs, ...rel])),
          detail: b.how,
        };
      }),
  }));
}

// --- attachments

const badAttachments: Named<BadItem>[] = [
  ['neither form', fc.constant({ item: {}, segs: ['url'], how: '{}' })],
  ['content without filename', base64Content.map((content) => ({ item: { content }, segs: ['filename'], how: 'no filename' }))],
  ['filename without url or content', fileName.map((filename) => ({ item: { filename }, segs: ['content'], also: [['url']], how: 'no content' }))],
  [
    'content not base64',
    fc.tuple(base64Content, fc.constantFrom('!', '.', 'é', '*', '%'), fc.nat()).map(([content, intruder, at]) => {
      const i = at % (content.length + 1);
      return { item: { content: content.slice(0, i) + intruder + content.slice(i), filename: 'a.txt' }, segs: ['content'], how: `${JSON.stringify(intruder)} in it` };
    }),
  ],
  ['filename empty or null', fc.tuple(base64Content, fc.constantFrom('', null)).map(([content, filename]) => ({ item: { content, filename }, segs: ['filename'], how: `filename ${JSON.stringify(filename)}` }))],
  ['url not http(s)', badHttpUrl.map((b) => ({ item: { url: b.value }, segs: ['url'], how: b.how }))],
  ['type neither audio nor video', fc.tuple(fc.oneof(mp4Url, nonMp4Url), badEnum(['audio', 'video'])).map(([url, b]) => ({ item: { url, type: b.value }, segs: ['type'], how: b.how }))],
  [
    'unknown property',
    fc.tuple(fc.constantFrom('https://example.com/a.png', 'https://example.com/clip.mp4'), unknownKey(ATTACHMENT_KEYS), anyJson).map(([url, key, value]) => ({
      item: { url, [key]: value },
      segs: [key],
      how: `"${key}"`,
    })),
  ],
  ...nonObjectItems,
];

function attachmentMutations(): Mutation[] {
  return [
    // Among 0-2 valid attachments: a non-empty array, so the body may stay absent.
    ...badAttachments.map(([name, arb]) => {
      const [, placed] = withBadItem(fc.constant({}), ['attachments'], attachment, 2, [name, arb]);
      return {
        rule: `params.attachments.N: ${name}`,
        ...(isRejectModeOnly(name) ? { rejectModeOnly: true as const } : {}),
        apply: (valid: Params) =>
          placed.map((b) => ({
            params: { ...valid, attachments: (b.item as Params)['attachments'] },
            path: pathOf(b.segs as Seg[]),
            also: (b.also ?? []).map((segs) => pathOf(segs as Seg[])),
            tolerated: (b.tolerate ?? []).map(pathOf),
            detail: b.how,
          })),
      };
    }),
    // Given, though wrong: it still stands in for the body, so only attachments is named.
    field('params.attachments: not an array', ['attachments'], fc.oneof(bad('an object', attachment), bad('a string', httpUrl))),
  ];
}

// --- structured contents (fresh ones, from a puppetizable author)

function fieldOf(base: fc.Arbitrary<Params>, key: string, badValue: fc.Arbitrary<Bad>): fc.Arbitrary<BadItem> {
  return fc.tuple(base, badValue).map(([o, b]) => ({ item: patch(o, [key], b.value), segs: [key], how: b.how }));
}
function unknownIn(base: fc.Arbitrary<Params>, known: readonly string[]): fc.Arbitrary<BadItem> {
  return fc.tuple(base, unknownKey(known), anyJson).map(([o, key, value]) => ({ item: { ...o, [key]: value }, segs: [key], how: `"${key}"` }));
}

const badSelectItems: Named<BadItem>[] = [
  ['title not a non-empty string', fieldOf(selectItem, 'title', badRequiredString)],
  ['title over 80 characters', fieldOf(selectItem, 'title', badOver(LIMITS.itemTitle))],
  ['payload over 1000 characters or not a string', fieldOf(selectItem, 'payload', fc.oneof(badOver(LIMITS.payload), nonString))],
  ['unknown property', unknownIn(selectItem, SELECT_ITEM_KEYS)],
  ...nonObjectItems,
];

const badButtons: Named<BadItem>[] = [
  [
    'type missing or neither url nor reply',
    fc.tuple(button, fc.oneof(missing, badEnum(['url', 'reply']))).map(([b, t]) => ({
      item: patch(b, ['type'], t.value),
      segs: ['type'],
      // Its url or payload then sits on a button that is not of their type: 'reject' mode names them too.
      tolerate: [...(b['url'] == null ? [] : [['url']]), ...(b['payload'] == null ? [] : [['payload']])],
      how: t.how,
    })),
  ],
  ['title not a non-empty string, or over 80', fieldOf(button, 'title', fc.oneof(badRequiredString, badOver(LIMITS.itemTitle)))],
  ['url button without a valid url', fieldOf(urlButton, 'url', fc.oneof(missing, bad('empty', fc.constant('')), badLinkUrl))],
  ['payload on a url button', fieldOf(urlButton, 'payload', bad('a payload', text(1, 10)))],
  ['url on a reply button', fieldOf(replyButton, 'url', bad('a url', linkUrl))],
  ['reply payload over 1000 or not a string', fieldOf(replyButton, 'payload', fc.oneof(badOver(LIMITS.payload), nonString))],
  ['unknown property', unknownIn(button, BUTTON_KEYS)],
  ...nonObjectItems,
];

/** Fields a rich link, a template and a card share. */
function badCardFields(base: fc.Arbitrary<Params>, known: readonly string[], urlRequired: boolean): Named<BadItem>[] {
  return [
    ['title not a non-empty string, or over 350', fieldOf(base, 'title', fc.oneof(badRequiredString, badOver(LIMITS.title)))],
    ['subtitle over 1000 or not a string', fieldOf(base, 'subtitle', fc.oneof(badOver(LIMITS.subtitle), nonString))],
    ['url not a link, or over 2048', fieldOf(base, 'url', urlRequired ? fc.oneof(missing, bad('empty', fc.constant('')), badLinkUrl) : badLinkUrl)],
    ['url_text over 80 or not a string', fieldOf(base, 'url_text', fc.oneof(badOver(LIMITS.urlText), nonString))],
    ['attachment_url not http(s)', fieldOf(base, 'attachment_url', badHttpUrl)],
    ['unknown property', unknownIn(base, known)],
  ];
}

const badCards: Named<BadItem>[] = [
  ...badCardFields(card, CARD_KEYS, false),
  ['type other than template', fieldOf(card, 'type', fc.oneof(bad('another type', fc.constantFrom('select', 'carousel', 'rich_link', 'Template')), nonString))],
  ['attachment_fallback_id not a string', fieldOf(card, 'attachment_fallback_id', nonString)],
  [
    'more than 4 buttons',
    fc.tuple(card, fc.array(button, { minLength: LIMITS.cardButtons + 1, maxLength: LIMITS.cardButtons + 4 })).map(([c, buttons]) => ({
      item: { ...c, items: buttons },
      segs: ['items'],
      how: `${buttons.length} buttons`,
    })),
  ],
  ...badButtons.map((bad) => withBadItem(card, ['items'], button, LIMITS.cardButtons - 1, [`button: ${bad[0]}`, bad[1]])),
  ...nonObjectItems,
];

const TYPE_MUTATION = fc.oneof(missing, bad('an unknown type', fc.constantFrom('video', 'Select', 'rich-link', 'richLink', 'buttons', '')), bad('a number', fc.integer()));

/** Structured contents breaking one rule; paths are inside `structured_content`. */
const badStructuredContents: Named<BadItem>[] = [
  [
    'not an object',
    fc.oneof(bad('a string', fc.constantFrom('select', 'carousel')), bad('a number', fc.integer()), bad('an array', structuredContent.map((c) => [c]))).map((b) => ({
      item: b.value,
      segs: [],
      how: b.how,
    })),
  ],
  ['type missing or unknown', fc.tuple(structuredContent, TYPE_MUTATION).map(([c, t]) => ({ item: patch(c, ['type'], t.value), segs: ['type'], how: t.how }))],
  // select
  ['select: items missing, empty or not an array', fieldOf(select, 'items', fc.oneof(missing, bad('empty', fc.constant([])), bad('not an array', fc.oneof(selectItem, text(1, 5)))))],
  ['select: more than 13 items', fieldOf(select, 'items', bad('14+ items', fc.array(selectItem, { minLength: LIMITS.selectItems + 1, maxLength: LIMITS.selectItems + 8 })))],
  ...badSelectItems.map((b) => withBadItem(select, ['items'], selectItem, LIMITS.selectItems - 1, [`select item: ${b[0]}`, b[1]])),
  ['select: unknown property', unknownIn(select, ['type', 'items'])],
  // rich_link
  ...badCardFields(richLink, RICH_LINK_KEYS, true).map(([name, arb]): Named<BadItem> => [`rich_link: ${name}`, arb]),
  // template
  ...badCardFields(template, TEMPLATE_KEYS, false).map(([name, arb]): Named<BadItem> => [`template: ${name}`, arb]),
  ['template: items not an array', fieldOf(template, 'items', fc.oneof(bad('a string', text(1, 5)), bad('a number', fc.integer())))],
  ...badButtons.map((b) => withBadItem(template, ['items'], button, 5, [`template button: ${b[0]}`, b[1]])),
  // carousel
  ['carousel: items missing, empty or not an array', fieldOf(carousel, 'items', fc.oneof(missing, bad('empty', fc.constant([])), bad('not an array', fc.oneof(card, text(1, 5)))))],
  ['carousel: more than 10 cards', fieldOf(carousel, 'items', bad('11+ cards', fc.array(card, { minLength: LIMITS.carouselItems + 1, maxLength: LIMITS.carouselItems + 4 })))],
  ...badCards.map((b) => withBadItem(carousel, ['items'], card, LIMITS.carouselItems - 1, [`carousel card: ${b[0]}`, b[1]])),
];

function structuredMutations(): Mutation[] {
  return [
    // Written by a puppetizable author, as Engage requires (not a local rule: README, decision 5).
    ...itemMutations('params.structured_content', ['structured_content'], badStructuredContents, (valid) => ({
      ...valid,
      author: { ...(valid['author'] as Params), puppetizable: true },
    })),
    field(
      'params.structured_reply: bad structured reply',
      ['structured_reply'],
      fc.oneof(bad('a string', text(1, 10)), bad('an array', fc.constant([{ payload: 'P' }])), bad('a number', fc.integer())),
    ),
    // Not removed: an empty structured_reply ({}) is absent, which is fine.
    field('params.structured_reply.payload: not a non-empty string', ['structured_reply', 'payload'], fc.oneof(bad('null', fc.constant(null)), bad('empty', fc.constant('')), nonString)),
    {
      rule: 'params.structured_reply: unknown property',
      rejectModeOnly: true,
      apply: (valid) =>
        fc.tuple(text(1, 20), unknownKey(['payload']), anyJson).map(([reply, key, value]) => ({
          params: { ...valid, structured_reply: { payload: reply, [key]: value } },
          path: `params.structured_reply.${key}`,
          also: [],
          detail: `"${key}"`,
        })),
    },
  ];
}

function messageContentMutations(): Mutation[] {
  return [
    ...contentMutations(),
    userNotAnObject(['author']),
    ...userMutations(['author']),
    ...bodyMutations(true),
    ...attachmentMutations(),
    field('params.in_reply_to_id: not a string', ['in_reply_to_id'], nonString),
    field('params.language: not a string', ['language'], nonString),
    ...structuredMutations(),
  ];
}

/** Removes both typing targets (or nulls them): both paths are reported. */
const typingWithoutTarget: Mutation = {
  rule: 'params.thread_id / params.in_reply_to_id: neither given',
  apply: (valid) =>
    fc.constantFrom<[unknown, unknown, string]>([REMOVE, REMOVE, 'both removed'], [null, null, 'both null'], [REMOVE, null, 'removed and null']).map(
      ([thread, reply, how]) => ({
        params: patch(patch(valid, ['thread_id'], thread), ['in_reply_to_id'], reply) as Params,
        path: 'params.thread_id',
        also: ['params.in_reply_to_id'],
        detail: how,
      }),
    ),
};

/** A typing target that is given but not a string (an empty one is absent, which the other target may stand in for). */
function badTypingTarget(key: 'thread_id' | 'in_reply_to_id'): Mutation {
  return field(`params.${key}: not a string`, [key], nonString);
}

function typingMutations(start: boolean): Mutation[] {
  return [
    typingWithoutTarget,
    badTypingTarget('thread_id'),
    badTypingTarget('in_reply_to_id'),
    ...(start
      ? [field('params.preview: not a non-empty string', ['preview'], badRequiredString)]
      : [
          {
            rule: 'params.preview: on typing.stop',
            rejectModeOnly: true as const,
            apply: (valid: Params) =>
              text(1, 20).map((preview) => ({ params: { ...valid, preview }, path: 'params.preview', also: [], detail: 'preview given' })),
          },
        ]),
    unknownProperty([], KNOWN[start ? 'typing.start' : 'typing.stop']),
  ];
}

const MUTATIONS: Record<EngageAction, readonly Mutation[]> = {
  'messages.create': [
    ...messageContentMutations(),
    field('params.thread_id: not a non-empty string', ['thread_id'], badRequiredString),
    camelCaseRename([], 'thread_id', true),
    camelCaseRename([], 'in_reply_to_id', false),
    unknownProperty([], KNOWN['messages.create']),
    {
      rule: 'params.recipient: not a field of a message',
      rejectModeOnly: true,
      apply: (valid) => embeddedUser(false).map((recipient) => ({ params: { ...valid, recipient }, path: 'params.recipient', also: [], detail: 'recipient given' })),
    },
  ],
  'private_messages.create': [
    ...messageContentMutations(),
    userNotAnObject(['recipient']),
    ...userMutations(['recipient']),
    {
      rule: 'params.thread_id: not a field of a private message',
      rejectModeOnly: true,
      apply: (valid) => id.map((threadId) => ({ params: { ...valid, thread_id: threadId }, path: 'params.thread_id', also: [], detail: 'thread_id given' })),
    },
    unknownProperty([], KNOWN['private_messages.create']),
  ],
  'threads.create': [
    ...contentMutations(),
    userNotAnObject(['author']),
    ...userMutations(['author']),
    ...bodyMutations(false),
    field('params.title: not a string', ['title'], nonString),
    {
      rule: 'params.attachments: not a field of a thread',
      rejectModeOnly: true,
      apply: (valid) =>
        fc.array(attachment, { minLength: 1, maxLength: 2 }).map((files) => ({ params: { ...valid, attachments: files }, path: 'params.attachments', also: [], detail: 'attachments given' })),
    },
    unknownProperty([], KNOWN['threads.create']),
  ],
  'users.create': [...userMutations([])],
  'status.mark_as_read': [
    field('params.id: not a non-empty string', ['id'], badRequiredString),
    unknownProperty([], KNOWN['status.mark_as_read']),
  ],
  'typing.start': typingMutations(true),
  'typing.stop': typingMutations(false),
};

/**
 * The catalogue of single-rule mutations of `action`: by default those invalid
 * under every reading (refused in every mode); with `'reject'`, also the fields
 * Engage ignores (refused in that mode only).
 */
export function mutationsOf(action: EngageAction, mode: 'default' | 'reject' = 'default'): readonly Mutation[] {
  return mode === 'reject' ? MUTATIONS[action] : MUTATIONS[action].filter((m) => !m.rejectModeOnly);
}

/** Applies `mutation` to generated valid params of `action` (without fields Engage ignores, so the mistake is the only one in any mode). */
export function invalidParamsWith(action: EngageAction, mutation: Mutation): fc.Arbitrary<InvalidParams> {
  return VALID[action].chain((valid) =>
    mutation.apply(valid).map((result) => ({ action, rule: mutation.rule, ...result, tolerated: result.tolerated ?? [] })),
  );
}

/** Valid params of `action` with one mutation from its catalogue applied. */
export function invalidParams(action: EngageAction, mode: 'default' | 'reject' = 'default'): fc.Arbitrary<InvalidParams> {
  return fc.constantFrom(...mutationsOf(action, mode)).chain((mutation) => invalidParamsWith(action, mutation));
}
