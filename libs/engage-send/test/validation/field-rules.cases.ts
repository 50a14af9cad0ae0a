/**
 * Field rules of the Send API contract as data: params that must be refused
 * (with the path of the field at fault) and params that must pass. Replayed by
 * the validator spec and, through the real service, by the integration test
 * against the emulator (invalid ones must never reach it). Self-contained:
 * only data and the small builders below, no dependency on the validator.
 */
import type { EngageAction } from '../../src/contract/index.js';
import type { UnknownPropertiesMode } from '../../src/validation/contract-checker.js';

/** Params that break one rule. */
export interface InvalidCase {
  /** The rule broken, in words. */
  rule: string;
  action: EngageAction;
  params: unknown;
  /** Path of (one of) the resulting errors, e.g. `params.author.id`. */
  path: string;
  /** Rule name expected among that error's constraints, e.g. `isDefined`. */
  constraint?: string;
  /** Engage source options the validator is built with. */
  sourceOptions?: string[];
  /** The validator's `unknownProperties` mode, when the case is refused only in it (default: the library's default). */
  mode?: UnknownPropertiesMode;
  /** `path` is a prefix of the error's path (a circular reference is reported where the walk gave up). */
  pathPrefix?: boolean;
}

/** Params that must pass. */
export interface ValidCase {
  name: string;
  /** Refused by the client before the conformance rule ("refuse only what Engage certainly refuses"). */
  refusedBefore?: true;
  action: EngageAction;
  params: unknown;
  /** Engage source options the validator is built with. */
  sourceOptions?: string[];
}

type Params = Record<string, unknown>;

// ---------------------------------------------------------------------------
// Builders: each call returns fresh objects, so no two cases share one.

function author(patch: Params = {}): Params {
  return { id: '666', screenname: 'John Doe', ...patch };
}

function puppet(): Params {
  return author({ puppetizable: true });
}

/** A valid `messages.create` params object with `patch` applied (`undefined` values remove the key). */
function message(patch: Params = {}): Params {
  return compact({ id: '890', thread_id: '42', author: author(), body: 'Awesome post !', ...patch });
}

function privateMessage(patch: Params = {}): Params {
  return compact({ id: 'pm-1', author: author(), recipient: author({ id: '777', screenname: 'Agent' }), body: 'Hi', ...patch });
}

function thread(patch: Params = {}): Params {
  return compact({ id: 't-1', author: author(), body: 'Opening post', title: 'Internet down', ...patch });
}

function user(patch: Params = {}): Params {
  return compact({
    id: '666',
    screenname: 'John Doe',
    created_at: '2012-02-10',
    updated_at: '2012-10-01T17:18:40Z',
    ...patch,
  });
}

/** A message carrying `content` as its structured content, from a puppetizable author. */
function structured(content: Params): Params {
  return message({ author: puppet(), structured_content: content });
}

function compact(params: Params): Params {
  for (const key of Object.keys(params)) if (params[key] === undefined) delete params[key];
  return params;
}

const chars = (n: number): string => 'a'.repeat(n);
const emoji = (n: number): string => '😀'.repeat(n);
const longUrl = (n: number): string => `https://example.com/${'p'.repeat(n - 'https://example.com/'.length)}`;

const selectItems = (n: number): Params[] => Array.from({ length: n }, (_, i) => ({ title: `Choice ${i}`, payload: `CHOICE_${i}` }));
const urlButton = (patch: Params = {}): Params => ({ type: 'url', title: 'Open', url: 'https://example.com/offer', ...patch });
const replyButton = (patch: Params = {}): Params => ({ type: 'reply', title: 'Yes', payload: 'YES', ...patch });
const richLink = (patch: Params = {}): Params =>
  compact({ type: 'rich_link', url: 'https://example.com/article', title: 'Article', ...patch });
const template = (patch: Params = {}): Params => compact({ type: 'template', title: 'Offer', items: [urlButton(), replyButton()], ...patch });
const card = (patch: Params = {}): Params => compact({ title: 'Card', items: [replyButton()], ...patch });
const carousel = (patch: Params = {}): Params => compact({ type: 'carousel', items: [card(), card({ title: 'Card 2' })], ...patch });

/** `{ items: [patched item] }` helpers for the nested structured-content cases. */
const templateWithButton = (button: Params): Params => structured(template({ items: [button] }));
const carouselWithCard = (cardPatch: Params): Params => structured(carousel({ items: [card(cardPatch)] }));

/** A params object that contains itself. */
function circular(): Params {
  const params = message();
  params['context'] = { loop: params };
  return params;
}

// ---------------------------------------------------------------------------

export const INVALID_CASES: InvalidCase[] = [
  // --- params itself
  { rule: 'params must be an object (string)', action: 'messages.create', params: 'hello', path: 'params', constraint: 'isObject' },
  { rule: 'params must be an object (null)', action: 'status.mark_as_read', params: null, path: 'params', constraint: 'isObject' },
  { rule: 'params must be an object (array)', action: 'status.mark_as_read', params: [{ id: '1' }], path: 'params', constraint: 'isObject' },

  // --- messages.create: required fields, ids are non-empty strings
  { rule: 'message id required', action: 'messages.create', params: message({ id: undefined }), path: 'params.id', constraint: 'isDefined' },
  { rule: 'message id null counts as absent', action: 'messages.create', params: message({ id: null }), path: 'params.id', constraint: 'isDefined' },
  { rule: 'message id must be a string, not a number', action: 'messages.create', params: message({ id: 890 }), path: 'params.id', constraint: 'isString' },
  { rule: 'message id must not be empty', action: 'messages.create', params: message({ id: '' }), path: 'params.id', constraint: 'isDefined' },
  { rule: 'thread_id required', action: 'messages.create', params: message({ thread_id: undefined }), path: 'params.thread_id', constraint: 'isDefined' },
  { rule: 'thread_id must be a string', action: 'messages.create', params: message({ thread_id: 42 }), path: 'params.thread_id', constraint: 'isString' },
  {
    rule: 'thread_id, when given on an unthreaded source, must still be a string',
    action: 'messages.create',
    params: message({ thread_id: 42 }),
    path: 'params.thread_id',
    constraint: 'isString',
    sourceOptions: ['messages.unthreaded'],
  },
  { rule: 'author required', action: 'messages.create', params: message({ author: undefined }), path: 'params.author', constraint: 'isDefined' },
  { rule: 'author must be an object', action: 'messages.create', params: message({ author: 'John Doe' }), path: 'params.author', constraint: 'isObject' },
  { rule: 'author must not be an array', action: 'messages.create', params: message({ author: [author()] }), path: 'params.author', constraint: 'isObject' },

  // --- embedded user (author / recipient)
  { rule: 'author.id required', action: 'messages.create', params: message({ author: { screenname: 'John' } }), path: 'params.author.id', constraint: 'isDefined' },
  { rule: 'author.id must be a string', action: 'messages.create', params: message({ author: author({ id: 666 }) }), path: 'params.author.id', constraint: 'isString' },
  { rule: 'author.screenname required', action: 'messages.create', params: message({ author: { id: '666' } }), path: 'params.author.screenname', constraint: 'isDefined' },
  { rule: 'author.screenname must not be empty', action: 'messages.create', params: message({ author: author({ screenname: '' }) }), path: 'params.author.screenname', constraint: 'isDefined' },
  { rule: 'author.created_at must be a date', action: 'messages.create', params: message({ author: author({ created_at: 'yesterday' }) }), path: 'params.author.created_at', constraint: 'isEngageDate' },
  { rule: 'author.created_at ISO date must exist (month 13)', action: 'messages.create', params: message({ author: author({ created_at: '2019-13-01' }) }), path: 'params.author.created_at', constraint: 'isEngageDate' },
  { rule: 'author.created_at dd/mm/yyyy must exist (31/02)', action: 'messages.create', params: message({ author: author({ created_at: '31/02/2019' }) }), path: 'params.author.created_at', constraint: 'isEngageDate' },
    { rule: 'author.gender is man or woman', action: 'messages.create', params: message({ author: author({ gender: 'other' }) }), path: 'params.author.gender', constraint: 'isIn' },
  { rule: 'author.puppetizable is a boolean', action: 'messages.create', params: message({ author: author({ puppetizable: 'yes' }) }), path: 'params.author.puppetizable', constraint: 'isBoolean' },
  { rule: 'author.firstname is a string', action: 'messages.create', params: message({ author: author({ firstname: 1 }) }), path: 'params.author.firstname', constraint: 'isString' },
  { rule: 'author.lastname is a string', action: 'messages.create', params: message({ author: author({ lastname: ['Doe'] }) }), path: 'params.author.lastname', constraint: 'isString' },
  { rule: 'author.avatar_url is a string', action: 'messages.create', params: message({ author: author({ avatar_url: { url: 'https://example.com/a.png' } }) }), path: 'params.author.avatar_url', constraint: 'isString' },
  { rule: 'author.email is a string', action: 'messages.create', params: message({ author: author({ email: true }) }), path: 'params.author.email', constraint: 'isString' },
  { rule: 'author.home_phone is a string', action: 'messages.create', params: message({ author: author({ home_phone: 3312345678 }) }), path: 'params.author.home_phone', constraint: 'isString' },
  { rule: 'author.mobile_phone is a string', action: 'messages.create', params: message({ author: author({ mobile_phone: 3312345678 }) }), path: 'params.author.mobile_phone', constraint: 'isString' },
  { rule: 'author.context_data keys are letters and hyphens', action: 'messages.create', params: message({ author: author({ context_data: { first_name: 'John' } }) }), path: 'params.author.context_data', constraint: 'contextDataKeys' },

  // --- body
  { rule: 'body required without attachments', action: 'messages.create', params: message({ body: undefined }), path: 'params.body', constraint: 'isDefined' },
  { rule: 'body required when attachments is empty', action: 'messages.create', params: message({ body: undefined, attachments: [] }), path: 'params.body', constraint: 'isDefined' },
  { rule: 'body must not be empty without attachments', action: 'messages.create', params: message({ body: '' }), path: 'params.body', constraint: 'isDefined' },
  { rule: 'body must be a string', action: 'messages.create', params: message({ body: 42 }), path: 'params.body', constraint: 'isString' },
  { rule: 'body at most 20 000 characters (20 001)', action: 'messages.create', params: message({ body: chars(20_001) }), path: 'params.body', constraint: 'maxLength' },
  { rule: 'body at most 20 000 characters (20 001 emoji)', action: 'messages.create', params: message({ body: emoji(20_001) }), path: 'params.body', constraint: 'maxLength' },

  // --- other message fields
  { rule: 'format is html or text', action: 'messages.create', params: message({ format: 'markdown' }), path: 'params.format', constraint: 'isIn' },
  { rule: 'in_reply_to_id must be a string', action: 'messages.create', params: message({ in_reply_to_id: 889 }), path: 'params.in_reply_to_id', constraint: 'isString' },
    { rule: 'actions must be an array', action: 'messages.create', params: message({ actions: 'reply' }), path: 'params.actions', constraint: 'isArray' },
  { rule: 'actions items must be strings', action: 'messages.create', params: message({ actions: ['reply', 1] }), path: 'params.actions', constraint: 'isString' },
  { rule: 'categories must be an array', action: 'messages.create', params: message({ categories: 'TV' }), path: 'params.categories', constraint: 'isArray' },
  { rule: 'categories items must be strings', action: 'messages.create', params: message({ categories: [{ name: 'TV' }] }), path: 'params.categories', constraint: 'isString' },
  { rule: 'language must be a string', action: 'messages.create', params: message({ language: 1 }), path: 'params.language', constraint: 'isString' },
  { rule: 'created_at must be ISO 8601', action: 'messages.create', params: message({ created_at: '2012/02/10' }), path: 'params.created_at', constraint: 'isEngageDate' },
    { rule: 'created_at time must exist (25h)', action: 'messages.create', params: message({ created_at: '2012-10-01T25:18:40Z' }), path: 'params.created_at', constraint: 'isEngageDate' },
  { rule: 'created_at Date must be valid', action: 'messages.create', params: message({ created_at: new Date(Number.NaN) }), path: 'params.created_at', constraint: 'isEngageDate' },
    { rule: 'updated_at Feb 29 only in leap years', action: 'messages.create', params: message({ updated_at: '2019-02-29' }), path: 'params.updated_at', constraint: 'isEngageDate' },
  { rule: 'display_url must be an absolute URL', action: 'messages.create', params: message({ display_url: 'forum/posts/890' }), path: 'params.display_url', constraint: 'isLinkUrl' },
  { rule: 'display_url refuses javascript:', action: 'messages.create', params: message({ display_url: 'javascript:alert(1)' }), path: 'params.display_url', constraint: 'isLinkUrl' },
  { rule: 'ip must be an IP address', action: 'messages.create', params: message({ ip: '999.1.1.1' }), path: 'params.ip', constraint: 'isIp' },
  { rule: 'ip must be a string', action: 'messages.create', params: message({ ip: 1234 }), path: 'params.ip', constraint: 'isString' },

  // --- context_data
  { rule: 'context_data keys: no underscore', action: 'messages.create', params: message({ context_data: { first_name: 'John' } }), path: 'params.context_data', constraint: 'contextDataKeys' },
  { rule: 'context_data keys: no digit', action: 'messages.create', params: message({ context_data: { key1: 'x' } }), path: 'params.context_data', constraint: 'contextDataKeys' },
  { rule: 'context_data keys: no space', action: 'messages.create', params: message({ context_data: { 'my key': 'x' } }), path: 'params.context_data', constraint: 'contextDataKeys' },
  { rule: 'context_data values: not a number', action: 'messages.create', params: message({ context_data: { age: 42 } }), path: 'params.context_data', constraint: 'contextDataValues' },
  { rule: 'context_data values: arrays of strings only', action: 'messages.create', params: message({ context_data: { fruits: ['Apple', 2] } }), path: 'params.context_data', constraint: 'contextDataValues' },
  { rule: 'context_data values: not an object', action: 'messages.create', params: message({ context_data: { address: { city: 'Paris' } } }), path: 'params.context_data', constraint: 'contextDataValues' },
  { rule: 'context_data must be an object', action: 'messages.create', params: message({ context_data: ['country'] }), path: 'params.context_data', constraint: 'isObject' },

  // --- attachments
  { rule: 'attachments must be an array', action: 'messages.create', params: message({ attachments: { url: 'https://example.com/a.png' } }), path: 'params.attachments', constraint: 'isArray' },
  { rule: 'attachment items must be objects', action: 'messages.create', params: message({ attachments: ['https://example.com/a.png'] }), path: 'params.attachments.0', constraint: 'isObject' },
  { rule: 'attachment needs url or content+filename', action: 'messages.create', params: message({ attachments: [{}] }), path: 'params.attachments.0.url', constraint: 'isDefined' },
  { rule: 'attachment content needs filename', action: 'messages.create', params: message({ attachments: [{ content: 'aGVsbG8=' }] }), path: 'params.attachments.0.filename', constraint: 'isDefined' },
  { rule: 'attachment filename needs content', action: 'messages.create', params: message({ attachments: [{ filename: 'a.txt' }] }), path: 'params.attachments.0.content', constraint: 'isDefined' },
  { rule: 'attachment content must be base64', action: 'messages.create', params: message({ attachments: [{ content: 'not base64!', filename: 'a.txt' }] }), path: 'params.attachments.0.content', constraint: 'isBase64' },
    { rule: 'attachment url must be http(s)', action: 'messages.create', params: message({ attachments: [{ url: 'ftp://example.com/a.png' }] }), path: 'params.attachments.0.url', constraint: 'isHttpUrl' },
  { rule: 'attachment url must be absolute', action: 'messages.create', params: message({ attachments: [{ url: '/files/a.png' }] }), path: 'params.attachments.0.url', constraint: 'isHttpUrl' },
  { rule: 'attachment url must be a string', action: 'messages.create', params: message({ attachments: [{ url: 7 }] }), path: 'params.attachments.0.url', constraint: 'isString' },
  { rule: 'attachment filename must not be empty', action: 'messages.create', params: message({ attachments: [{ content: 'aGVsbG8=', filename: '' }] }), path: 'params.attachments.0.filename', constraint: 'isDefined' },
      { rule: 'attachment type is audio or video', action: 'messages.create', params: message({ attachments: [{ url: 'https://cdn.example.com/clip.mp4', type: 'image' }] }), path: 'params.attachments.0.type', constraint: 'isIn' },
  { rule: 'second attachment is checked too', action: 'messages.create', params: message({ attachments: [{ url: 'https://example.com/a.png' }, { content: 'aGVsbG8=' }] }), path: 'params.attachments.1.filename', constraint: 'isDefined' },

  // --- structured_reply
  { rule: 'structured_reply must be an object', action: 'messages.create', params: message({ structured_reply: 'YES' }), path: 'params.structured_reply', constraint: 'isObject' },
  { rule: 'structured_reply.payload required', action: 'messages.create', params: message({ structured_reply: { title: 'Yes' } }), path: 'params.structured_reply.payload', constraint: 'isDefined' },
  { rule: 'structured_reply.payload must be a string', action: 'messages.create', params: message({ structured_reply: { payload: 1 } }), path: 'params.structured_reply.payload', constraint: 'isString' },

  // --- structured_content: type
  { rule: 'structured_content must be an object', action: 'messages.create', params: structured('select' as unknown as Params), path: 'params.structured_content', constraint: 'isObject' },
  { rule: 'structured_content.type required', action: 'messages.create', params: structured({ items: selectItems(2) }), path: 'params.structured_content.type', constraint: 'isDefined' },
  { rule: 'structured_content.type is a known type', action: 'messages.create', params: structured({ type: 'video', url: 'https://example.com/v.mp4' }), path: 'params.structured_content.type', constraint: 'isIn' },

  // --- select
  { rule: 'select items required', action: 'messages.create', params: structured({ type: 'select' }), path: 'params.structured_content.items', constraint: 'isDefined' },
  { rule: 'select items: an empty list counts as absent', action: 'messages.create', params: structured({ type: 'select', items: [] }), path: 'params.structured_content.items', constraint: 'isDefined' },
  { rule: 'select items: at most 13', action: 'messages.create', params: structured({ type: 'select', items: selectItems(14) }), path: 'params.structured_content.items', constraint: 'arrayMaxSize' },
  { rule: 'select items must be objects', action: 'messages.create', params: structured({ type: 'select', items: ['Yes'] }), path: 'params.structured_content.items.0', constraint: 'isObject' },
  { rule: 'select item title required', action: 'messages.create', params: structured({ type: 'select', items: [{ payload: 'YES' }] }), path: 'params.structured_content.items.0.title', constraint: 'isDefined' },
  {
    rule: 'select item title at most 80',
    action: 'messages.create',
    params: structured({ type: 'select', items: [...selectItems(2), { title: chars(81) }] }),
    path: 'params.structured_content.items.2.title',
    constraint: 'maxLength',
  },
  { rule: 'select item payload at most 1000', action: 'messages.create', params: structured({ type: 'select', items: [{ title: 'Yes', payload: chars(1001) }] }), path: 'params.structured_content.items.0.payload', constraint: 'maxLength' },

  // --- rich_link
  { rule: 'rich_link url required', action: 'messages.create', params: structured(richLink({ url: undefined })), path: 'params.structured_content.url', constraint: 'isDefined' },
  { rule: 'rich_link title required', action: 'messages.create', params: structured(richLink({ title: undefined })), path: 'params.structured_content.title', constraint: 'isDefined' },
  { rule: 'rich_link title must not be empty', action: 'messages.create', params: structured(richLink({ title: '' })), path: 'params.structured_content.title', constraint: 'isDefined' },
  { rule: 'rich_link url at most 2048', action: 'messages.create', params: structured(richLink({ url: longUrl(2049) })), path: 'params.structured_content.url', constraint: 'maxLength' },
  { rule: 'rich_link title at most 350', action: 'messages.create', params: structured(richLink({ title: chars(351) })), path: 'params.structured_content.title', constraint: 'maxLength' },
  { rule: 'rich_link url_text at most 80', action: 'messages.create', params: structured(richLink({ url_text: chars(81) })), path: 'params.structured_content.url_text', constraint: 'maxLength' },
  { rule: 'rich_link subtitle at most 1000', action: 'messages.create', params: structured(richLink({ subtitle: chars(1001) })), path: 'params.structured_content.subtitle', constraint: 'maxLength' },
  { rule: 'rich_link attachment_url must be http(s), not an app scheme', action: 'messages.create', params: structured(richLink({ attachment_url: 'github://avatar.png' })), path: 'params.structured_content.attachment_url', constraint: 'isHttpUrl' },
  { rule: 'rich_link url refuses javascript:', action: 'messages.create', params: structured(richLink({ url: 'javascript:alert(1)' })), path: 'params.structured_content.url', constraint: 'isLinkUrl' },
  { rule: 'rich_link url refuses javascript: hidden by a tab', action: 'messages.create', params: structured(richLink({ url: 'java\tscript:alert(1)' })), path: 'params.structured_content.url', constraint: 'isLinkUrl' },
  { rule: 'rich_link url refuses data:', action: 'messages.create', params: structured(richLink({ url: 'data:text/html,<script>alert(1)</script>' })), path: 'params.structured_content.url', constraint: 'isLinkUrl' },
  { rule: 'rich_link url refuses vbscript:', action: 'messages.create', params: structured(richLink({ url: 'VBScript:msgbox(1)' })), path: 'params.structured_content.url', constraint: 'isLinkUrl' },
  { rule: 'rich_link url refuses file:', action: 'messages.create', params: structured(richLink({ url: 'file:///etc/passwd' })), path: 'params.structured_content.url', constraint: 'isLinkUrl' },
  { rule: 'rich_link url must be absolute', action: 'messages.create', params: structured(richLink({ url: '/article' })), path: 'params.structured_content.url', constraint: 'isLinkUrl' },

  // --- template
  { rule: 'template title required', action: 'messages.create', params: structured(template({ title: undefined })), path: 'params.structured_content.title', constraint: 'isDefined' },
  { rule: 'template title at most 350', action: 'messages.create', params: structured(template({ title: chars(351) })), path: 'params.structured_content.title', constraint: 'maxLength' },
  { rule: 'template subtitle at most 1000', action: 'messages.create', params: structured(template({ subtitle: chars(1001) })), path: 'params.structured_content.subtitle', constraint: 'maxLength' },
  { rule: 'template url at most 2048', action: 'messages.create', params: structured(template({ url: longUrl(2049) })), path: 'params.structured_content.url', constraint: 'maxLength' },
  { rule: 'template url refuses data:', action: 'messages.create', params: structured(template({ url: 'data:,hello' })), path: 'params.structured_content.url', constraint: 'isLinkUrl' },
  { rule: 'template url_text at most 80', action: 'messages.create', params: structured(template({ url_text: chars(81) })), path: 'params.structured_content.url_text', constraint: 'maxLength' },
  { rule: 'template attachment_url must be http(s)', action: 'messages.create', params: structured(template({ attachment_url: 'ftp://example.com/a.png' })), path: 'params.structured_content.attachment_url', constraint: 'isHttpUrl' },
  { rule: 'template items must be an array', action: 'messages.create', params: structured(template({ items: urlButton() })), path: 'params.structured_content.items', constraint: 'isArray' },

  // --- buttons (template and carousel cards)
  { rule: 'button type required', action: 'messages.create', params: templateWithButton({ title: 'Open', url: 'https://example.com' }), path: 'params.structured_content.items.0.type', constraint: 'isDefined' },
  { rule: 'button type is url or reply', action: 'messages.create', params: templateWithButton({ type: 'postback', title: 'Open' }), path: 'params.structured_content.items.0.type', constraint: 'isIn' },
  { rule: 'button title required', action: 'messages.create', params: templateWithButton({ type: 'reply', payload: 'YES' }), path: 'params.structured_content.items.0.title', constraint: 'isDefined' },
  { rule: 'button title at most 80', action: 'messages.create', params: templateWithButton(replyButton({ title: chars(81) })), path: 'params.structured_content.items.0.title', constraint: 'maxLength' },
  { rule: 'url button requires url', action: 'messages.create', params: templateWithButton(urlButton({ url: undefined })), path: 'params.structured_content.items.0.url', constraint: 'isDefined' },
  { rule: 'url button url at most 2048', action: 'messages.create', params: templateWithButton(urlButton({ url: longUrl(2049) })), path: 'params.structured_content.items.0.url', constraint: 'maxLength' },
  { rule: 'url button url refuses javascript:', action: 'messages.create', params: templateWithButton(urlButton({ url: 'javascript:void(0)' })), path: 'params.structured_content.items.0.url', constraint: 'isLinkUrl' },
  { rule: 'url button url refuses javascript: behind spaces', action: 'messages.create', params: templateWithButton(urlButton({ url: '  javascript:void(0)' })), path: 'params.structured_content.items.0.url', constraint: 'isLinkUrl' },
  { rule: 'reply button payload at most 1000', action: 'messages.create', params: templateWithButton(replyButton({ payload: chars(1001) })), path: 'params.structured_content.items.0.payload', constraint: 'maxLength' },
  { rule: 'payload only on reply buttons', action: 'messages.create', params: templateWithButton(urlButton({ payload: 'X' })), path: 'params.structured_content.items.0.payload', constraint: 'ignoredProperty', mode: 'reject' },
  { rule: 'url only on url buttons', action: 'messages.create', params: templateWithButton(replyButton({ url: 'https://example.com' })), path: 'params.structured_content.items.0.url', constraint: 'ignoredProperty', mode: 'reject' },
  { rule: 'button items must be objects', action: 'messages.create', params: structured(template({ items: [urlButton(), null] })), path: 'params.structured_content.items.1', constraint: 'isObject' },

  // --- carousel
  { rule: 'carousel items required', action: 'messages.create', params: structured({ type: 'carousel' }), path: 'params.structured_content.items', constraint: 'isDefined' },
  { rule: 'carousel items: an empty list counts as absent', action: 'messages.create', params: structured(carousel({ items: [] })), path: 'params.structured_content.items', constraint: 'isDefined' },
  {
    rule: 'carousel items: at most 10',
    action: 'messages.create',
    params: structured(carousel({ items: Array.from({ length: 11 }, (_, i) => card({ title: `Card ${i}` })) })),
    path: 'params.structured_content.items',
    constraint: 'arrayMaxSize',
  },
  { rule: 'carousel card title required', action: 'messages.create', params: carouselWithCard({ title: undefined }), path: 'params.structured_content.items.0.title', constraint: 'isDefined' },
  { rule: 'carousel card title at most 350', action: 'messages.create', params: carouselWithCard({ title: chars(351) }), path: 'params.structured_content.items.0.title', constraint: 'maxLength' },
  { rule: 'carousel card subtitle at most 1000', action: 'messages.create', params: carouselWithCard({ subtitle: chars(1001) }), path: 'params.structured_content.items.0.subtitle', constraint: 'maxLength' },
  { rule: 'carousel card url at most 2048', action: 'messages.create', params: carouselWithCard({ url: longUrl(2049) }), path: 'params.structured_content.items.0.url', constraint: 'maxLength' },
  { rule: 'carousel card url refuses file:', action: 'messages.create', params: carouselWithCard({ url: 'file:///C:/secret.txt' }), path: 'params.structured_content.items.0.url', constraint: 'isLinkUrl' },
  { rule: 'carousel card url_text at most 80', action: 'messages.create', params: carouselWithCard({ url_text: chars(81) }), path: 'params.structured_content.items.0.url_text', constraint: 'maxLength' },
  { rule: 'carousel card attachment_url must be http(s)', action: 'messages.create', params: carouselWithCard({ attachment_url: 'javascript:alert(1)' }), path: 'params.structured_content.items.0.attachment_url', constraint: 'isHttpUrl' },
  { rule: 'carousel card attachment_fallback_id must be a string', action: 'messages.create', params: carouselWithCard({ attachment_fallback_id: 12 }), path: 'params.structured_content.items.0.attachment_fallback_id', constraint: 'isString' },
  { rule: 'carousel card type, when given, is template', action: 'messages.create', params: carouselWithCard({ type: 'select' }), path: 'params.structured_content.items.0.type', constraint: 'isIn' },
  {
    rule: 'carousel card: at most 4 buttons',
    action: 'messages.create',
    params: carouselWithCard({ items: [replyButton(), replyButton(), replyButton(), replyButton(), urlButton()] }),
    path: 'params.structured_content.items.0.items',
    constraint: 'arrayMaxSize',
  },
  {
    rule: 'carousel card buttons are checked',
    action: 'messages.create',
    params: carouselWithCard({ items: [replyButton(), { type: 'url', title: 'Open' }] }),
    path: 'params.structured_content.items.0.items.1.url',
    constraint: 'isDefined',
  },

  // --- properties Engage ignores: refused in 'reject' mode only, with near-miss hints
  { rule: 'unknown property threadId (did you mean thread_id)', action: 'messages.create', params: compact({ ...message(), thread_id: undefined, threadId: '42' }), path: 'params.threadId', constraint: 'unknownProperty', mode: 'reject' },
  { rule: 'unknown property inReplyToId', action: 'messages.create', params: message({ inReplyToId: '889' }), path: 'params.inReplyToId', constraint: 'unknownProperty', mode: 'reject' },
  { rule: 'unknown nested property author.screenName', action: 'messages.create', params: message({ author: { id: '666', screenName: 'John' } }), path: 'params.author.screenName', constraint: 'unknownProperty', mode: 'reject' },
  { rule: 'unknown property in an attachment', action: 'messages.create', params: message({ attachments: [{ url: 'https://example.com/a.png', mime: 'image/png' }] }), path: 'params.attachments.0.mime', constraint: 'unknownProperty', mode: 'reject' },
  { rule: 'unknown property in a select item', action: 'messages.create', params: structured({ type: 'select', items: [{ title: 'Yes', label: 'y' }] }), path: 'params.structured_content.items.0.label', constraint: 'unknownProperty', mode: 'reject' },
  { rule: 'attachment_fallback_id is a carousel card field, not a template field', action: 'messages.create', params: structured(template({ attachment_fallback_id: 'f1' })), path: 'params.structured_content.attachment_fallback_id', constraint: 'unknownProperty', mode: 'reject' },

  // --- values JSON can't carry; reserved keys (refused in 'reject' mode, dropped otherwise)
  { rule: '__proto__ key is refused', action: 'messages.create', params: JSON.parse('{"id":"890","thread_id":"42","author":{"id":"666","screenname":"John"},"body":"x","__proto__":{"polluted":true}}'), path: 'params.__proto__', constraint: 'reservedProperty', mode: 'reject' },
  { rule: 'nested __proto__ key is refused', action: 'messages.create', params: JSON.parse('{"id":"890","thread_id":"42","author":{"id":"666","screenname":"John","__proto__":{"polluted":true}},"body":"x"}'), path: 'params.author.__proto__', constraint: 'reservedProperty', mode: 'reject' },
  { rule: 'constructor key is refused', action: 'messages.create', params: JSON.parse('{"id":"890","thread_id":"42","author":{"id":"666","screenname":"John"},"body":"x","constructor":{"prototype":{"polluted":true}}}'), path: 'params.constructor', constraint: 'reservedProperty', mode: 'reject' },
  { rule: 'a function is not JSON data', action: 'messages.create', params: message({ body: () => 'hello' }), path: 'params.body', constraint: 'isString' },
  { rule: 'a bigint is not JSON data', action: 'messages.create', params: message({ id: BigInt(890) }), path: 'params.id', constraint: 'isString' },
  { rule: 'a class instance (URL) is not JSON data', action: 'messages.create', params: message({ display_url: new URL('https://example.com/post/890') }), path: 'params.display_url', constraint: 'isString' },
  { rule: 'a circular reference is refused', action: 'messages.create', params: circular(), path: 'params.context.loop', constraint: 'maxDepth', pathPrefix: true },

  // --- private_messages.create
  { rule: 'private message recipient required', action: 'private_messages.create', params: privateMessage({ recipient: undefined }), path: 'params.recipient', constraint: 'isDefined' },
  { rule: 'private message recipient must be an object', action: 'private_messages.create', params: privateMessage({ recipient: '777' }), path: 'params.recipient', constraint: 'isObject' },
  { rule: 'private message recipient.id required', action: 'private_messages.create', params: privateMessage({ recipient: { screenname: 'Agent' } }), path: 'params.recipient.id', constraint: 'isDefined' },
  { rule: 'private message recipient.screenname must be a string', action: 'private_messages.create', params: privateMessage({ recipient: { id: '777', screenname: 7 } }), path: 'params.recipient.screenname', constraint: 'isString' },
  { rule: 'private message has no thread_id', action: 'private_messages.create', params: privateMessage({ thread_id: '42' }), path: 'params.thread_id', constraint: 'unknownProperty', mode: 'reject' },
  { rule: 'private message id required', action: 'private_messages.create', params: privateMessage({ id: undefined }), path: 'params.id', constraint: 'isDefined' },
  { rule: 'private message author required', action: 'private_messages.create', params: privateMessage({ author: undefined }), path: 'params.author', constraint: 'isDefined' },
  { rule: 'private message body required without attachments', action: 'private_messages.create', params: privateMessage({ body: undefined }), path: 'params.body', constraint: 'isDefined' },
  { rule: 'private message body at most 20 000', action: 'private_messages.create', params: privateMessage({ body: emoji(20_001) }), path: 'params.body', constraint: 'maxLength' },

  // --- threads.create
  { rule: 'thread id required', action: 'threads.create', params: thread({ id: undefined }), path: 'params.id', constraint: 'isDefined' },
  { rule: 'thread id required even without content', action: 'threads.create', params: {}, path: 'params.id', constraint: 'isDefined', sourceOptions: ['threads.no_content'] },
  { rule: 'thread author required', action: 'threads.create', params: thread({ author: undefined }), path: 'params.author', constraint: 'isDefined' },
  { rule: 'thread body required', action: 'threads.create', params: thread({ body: undefined }), path: 'params.body', constraint: 'isDefined' },
  { rule: 'thread body must not be empty', action: 'threads.create', params: thread({ body: '' }), path: 'params.body', constraint: 'isDefined' },
  { rule: 'thread body at most 20 000', action: 'threads.create', params: thread({ body: chars(20_001) }), path: 'params.body', constraint: 'maxLength' },
  { rule: 'thread body at most 20 000, also without content rules', action: 'threads.create', params: thread({ body: chars(20_001) }), path: 'params.body', constraint: 'maxLength', sourceOptions: ['threads.no_content'] },
  { rule: 'thread author, when given without content rules, is still checked', action: 'threads.create', params: thread({ author: { screenname: 'John' } }), path: 'params.author.id', constraint: 'isDefined', sourceOptions: ['threads.no_content'] },
  { rule: 'thread title must be a string', action: 'threads.create', params: thread({ title: 5 }), path: 'params.title', constraint: 'isString' },
  { rule: 'thread format is html or text', action: 'threads.create', params: thread({ format: 'rtf' }), path: 'params.format', constraint: 'isIn' },
  { rule: 'thread ip must be an IP address', action: 'threads.create', params: thread({ ip: 'localhost' }), path: 'params.ip', constraint: 'isIp' },
  { rule: 'thread context_data keys', action: 'threads.create', params: thread({ context_data: { 'order.id': '1' } }), path: 'params.context_data', constraint: 'contextDataKeys' },
  { rule: 'thread created_at must be ISO 8601', action: 'threads.create', params: thread({ created_at: 'Mon, 01 Oct 2012 17:18:40 GMT' }), path: 'params.created_at', constraint: 'isEngageDate' },
  { rule: 'thread display_url refuses vbscript:', action: 'threads.create', params: thread({ display_url: 'vbscript:run' }), path: 'params.display_url', constraint: 'isLinkUrl' },
  { rule: 'thread actions items are strings', action: 'threads.create', params: thread({ actions: [null] }), path: 'params.actions', constraint: 'isString' },
  { rule: 'thread has no attachments field', action: 'threads.create', params: thread({ attachments: [{ url: 'https://example.com/a.png' }] }), path: 'params.attachments', constraint: 'unknownProperty', mode: 'reject' },

  // --- users.create (only id and screenname are required)
  { rule: 'user id required', action: 'users.create', params: user({ id: undefined }), path: 'params.id', constraint: 'isDefined' },
  { rule: 'user id must be a string', action: 'users.create', params: user({ id: 666 }), path: 'params.id', constraint: 'isString' },
  { rule: 'user screenname required', action: 'users.create', params: user({ screenname: undefined }), path: 'params.screenname', constraint: 'isDefined' },
        { rule: 'user updated_at must be a real date', action: 'users.create', params: user({ updated_at: '2019-02-29T10:00:00Z' }), path: 'params.updated_at', constraint: 'isEngageDate' },
  { rule: 'user updated_at offset must be valid', action: 'users.create', params: user({ updated_at: '2012-10-01T17:18:40+25:00' }), path: 'params.updated_at', constraint: 'isEngageDate' },
  { rule: 'user gender is man or woman', action: 'users.create', params: user({ gender: 'male' }), path: 'params.gender', constraint: 'isIn' },
  { rule: 'user puppetizable is a boolean', action: 'users.create', params: user({ puppetizable: 'true' }), path: 'params.puppetizable', constraint: 'isBoolean' },
  { rule: 'user context_data values', action: 'users.create', params: user({ context_data: { vip: true } }), path: 'params.context_data', constraint: 'contextDataValues' },
  { rule: 'user firstname is a string', action: 'users.create', params: user({ firstname: null, lastname: 3 }), path: 'params.lastname', constraint: 'isString' },
  { rule: 'user near-miss createdAt', action: 'users.create', params: user({ createdAt: '2012-02-10' }), path: 'params.createdAt', constraint: 'unknownProperty', mode: 'reject' },

  // --- status.mark_as_read
  { rule: 'status id required', action: 'status.mark_as_read', params: {}, path: 'params.id', constraint: 'isDefined' },
  { rule: 'status id must be a string', action: 'status.mark_as_read', params: { id: 890 }, path: 'params.id', constraint: 'isString' },
  { rule: 'status takes only id', action: 'status.mark_as_read', params: { id: '890', thread_id: '42' }, path: 'params.thread_id', constraint: 'unknownProperty', mode: 'reject' },

  // --- typing.start / typing.stop
  { rule: 'typing.start needs thread_id or in_reply_to_id (thread_id)', action: 'typing.start', params: { preview: 'Hel' }, path: 'params.thread_id', constraint: 'isDefined' },
  { rule: 'typing.start needs thread_id or in_reply_to_id (in_reply_to_id)', action: 'typing.start', params: { preview: 'Hel' }, path: 'params.in_reply_to_id', constraint: 'isDefined' },
  { rule: 'typing.start preview required', action: 'typing.start', params: { thread_id: '42' }, path: 'params.preview', constraint: 'isDefined' },
  { rule: 'typing.start preview must not be empty', action: 'typing.start', params: { thread_id: '42', preview: '' }, path: 'params.preview', constraint: 'isDefined' },
  { rule: 'typing.start thread_id must be a string', action: 'typing.start', params: { thread_id: 42, preview: 'Hel' }, path: 'params.thread_id', constraint: 'isString' },
  { rule: 'typing.start in_reply_to_id, when given, must be a string', action: 'typing.start', params: { thread_id: '42', in_reply_to_id: 890, preview: 'Hel' }, path: 'params.in_reply_to_id', constraint: 'isString' },
  { rule: 'typing.stop needs thread_id or in_reply_to_id', action: 'typing.stop', params: {}, path: 'params.in_reply_to_id', constraint: 'isDefined' },
  { rule: 'typing.stop thread_id must not be empty', action: 'typing.stop', params: { thread_id: '' }, path: 'params.thread_id', constraint: 'isDefined' },
  { rule: 'typing.stop has no preview', action: 'typing.stop', params: { thread_id: '42', preview: 'Hel' }, path: 'params.preview', constraint: 'unknownProperty', mode: 'reject' },
];

// ---------------------------------------------------------------------------

/** The five example bodies of the Send API page, as their `{ action, params }`. */
export const SPEC_EXAMPLES: { action: EngageAction; params: Params }[] = [
  {
    action: 'messages.create',
    params: {
      id: '890',
      actions: ['reply', 'show', 'list'],
      author: { id: '666', created_at: '07/11/2019', screenname: 'John Doe' },
      body: 'Awesome post !',
      format: 'text',
      thread_id: '42',
    },
  },
  {
    action: 'messages.create',
    params: { id: '890', author: { id: '666', created_at: '06/11/2017', screenname: 'John Doe' }, body: 'Awesome post !', thread_id: '42' },
  },
  { action: 'status.mark_as_read', params: { id: '890' } },
  { action: 'typing.start', params: { thread_id: '42', in_reply_to_id: '890', preview: 'Hello world' } },
  { action: 'typing.stop', params: { thread_id: '42', in_reply_to_id: '890' } },
];

export const VALID_CASES: ValidCase[] = [
  ...SPEC_EXAMPLES.map((example, i) => ({ name: `Send API page example ${i + 1} (${example.action})`, ...example })),

  // --- messages.create
  { name: 'minimal message', action: 'messages.create', params: message() },
  {
    name: 'message with every optional field',
    action: 'messages.create',
    params: message({
      actions: ['show', 'reply', 'custom-action'],
      categories: ['TV', 'Internet'],
      context_data: { country: 'Germany', fruits: ['Apple', 'Pear'], 'customer-tier': 'gold', empty: [] },
      created_at: '2012-10-01T17:18:40Z',
      updated_at: '2012-10-01T19:18:40.123+02:00',
      display_url: 'https://forum.example.com/posts/890',
      format: 'html',
      in_reply_to_id: '889',
      ip: '2001:db8::1',
      language: 'en',
      structured_reply: { payload: 'DEFINED_PAYLOAD' },
      author: author({
        firstname: 'John',
        lastname: 'Doe',
        avatar_url: 'https://example.com/john.png',
        email: 'john@example.com',
        home_phone: '+33 1 23 45 67 89',
        mobile_phone: '+33 6 12 34 56 78',
        puppetizable: false,
        gender: 'man',
        context_data: { 'loyalty-id': 'L-1' },
        created_at: '2019-11-07',
        updated_at: '2019-11-07T10:00:00Z',
      }),
    }),
  },
  { name: 'message with a date-only created_at and a +hhmm offset', action: 'messages.create', params: message({ created_at: '2012-02-10', updated_at: '2012-02-10T08:00:00+0530' }) },
  {
    name: 'message and author dates as Date objects',
    action: 'messages.create',
    params: message({
      created_at: new Date('2012-10-01T17:18:40Z'),
      updated_at: new Date(Date.UTC(2020, 1, 29, 12, 0, 0)),
      author: author({ created_at: new Date('2019-11-07T00:00:00Z'), updated_at: new Date('2019-11-08T00:00:00Z') }),
    }),
  },
  { name: 'null optional fields count as absent', action: 'messages.create', params: message({ format: null, in_reply_to_id: null, attachments: null, context_data: null }) },
  { name: 'message body of exactly 20 000 characters', action: 'messages.create', params: message({ body: chars(20_000) }) },
  { name: 'message body of 20 000 emoji (40 000 UTF-16 units)', action: 'messages.create', params: message({ body: emoji(20_000) }) },
  { name: 'message with a url attachment and no body', action: 'messages.create', params: message({ body: undefined, attachments: [{ url: 'https://example.com/files/invoice.pdf' }] }) },
  { name: 'empty body next to attachments counts as absent', action: 'messages.create', params: message({ body: '', attachments: [{ url: 'https://example.com/a.png' }] }) },
  {
    name: 'message with a base64 attachment and a body',
    action: 'messages.create',
    params: message({ attachments: [{ content: 'aGVsbG8gd29ybGQ=', filename: 'hello.txt' }] }),
  },
  {
    name: 'message with mp4 attachments typed audio and video',
    action: 'messages.create',
    params: message({
      body: undefined,
      attachments: [
        { content: 'AAAAIGZ0eXBpc29t', filename: 'voice-note.MP4', type: 'audio' },
        { url: 'https://cdn.example.com/clips/clip.mp4?signature=abc', type: 'video' },
      ],
    }),
  },
  { name: 'message on an unthreaded source without thread_id', action: 'messages.create', params: message({ thread_id: undefined }), sourceOptions: ['messages.unthreaded'] },
  {
    name: 'message with a select (13 items at the length limits)',
    action: 'messages.create',
    params: structured({
      type: 'select',
      items: [{ title: chars(80), payload: chars(1000) }, ...selectItems(11), { title: 'No payload' }],
    }),
  },
  {
    name: 'message with a rich_link (app-scheme url, limits reached)',
    action: 'messages.create',
    params: structured(
      richLink({
        url: 'github://repository/engage-send',
        title: chars(350),
        url_text: chars(80),
        subtitle: chars(1000),
        attachment_url: 'https://example.com/preview.jpg',
      }),
    ),
  },
  { name: 'message with a rich_link with a 2048-character url', action: 'messages.create', params: structured(richLink({ url: longUrl(2048) })) },
  {
    name: 'message with a template (url and reply buttons)',
    action: 'messages.create',
    params: structured(
      template({
        subtitle: 'Our best offer',
        url: 'https://example.com/offer',
        url_text: 'See the offer',
        attachment_url: 'http://example.com/offer.png',
        items: [urlButton({ url: 'github://notifications' }), replyButton(), { type: 'reply', title: 'No payload' }],
      }),
    ),
  },
  {
    name: 'message with a carousel (10 cards of 4 buttons)',
    action: 'messages.create',
    params: structured(
      carousel({
        items: Array.from({ length: 10 }, (_, i) =>
          card({
            ...(i === 0 ? { type: 'template' } : {}),
            title: `Card ${i}`,
            subtitle: 'Subtitle',
            url: 'https://example.com/cards',
            url_text: 'More',
            attachment_url: 'https://example.com/card.png',
            attachment_fallback_id: `fallback-${i}`,
            items: [replyButton(), replyButton({ title: 'No' }), urlButton(), urlButton({ url: 'myapp://cards/1' })],
          }),
        ),
      }),
    ),
  },

  // --- private_messages.create
  { name: 'private message', action: 'private_messages.create', params: privateMessage() },
  { name: 'private message with attachments only', action: 'private_messages.create', params: privateMessage({ body: undefined, in_reply_to_id: '890', attachments: [{ url: 'https://example.com/a.png' }] }) },
  { name: 'private message with a select', action: 'private_messages.create', params: privateMessage({ author: puppet(), structured_content: { type: 'select', items: selectItems(2) } }) },

  // --- threads.create
  { name: 'thread', action: 'threads.create', params: thread({ format: 'text', categories: ['Internet'], context_data: { country: 'France' } }) },
  { name: 'thread without content on a threads.no_content source', action: 'threads.create', params: { id: 't-2' }, sourceOptions: ['threads.no_content'] },
  { name: 'thread with a title only on a threads.no_content source', action: 'threads.create', params: { id: 't-3', title: 'No content' }, sourceOptions: ['threads.no_content'] },

  // --- users.create
  { name: 'user with ISO dates', action: 'users.create', params: user() },
  { name: 'user with Date objects', action: 'users.create', params: user({ created_at: new Date('2012-02-10T00:00:00Z'), updated_at: new Date() }) },
  {
    name: 'user with every field',
    action: 'users.create',
    params: user({
      firstname: 'John',
      lastname: 'Doe',
      avatar_url: 'https://example.com/john.png',
      email: 'john@example.com',
      home_phone: '+33 1 23 45 67 89',
      mobile_phone: '+33 6 12 34 56 78',
      puppetizable: true,
      gender: 'woman',
      context_data: { tier: 'gold', tags: ['a', 'b'] },
    }),
  },

  // --- status, typing
  { name: 'typing.start with in_reply_to_id only', action: 'typing.start', params: { in_reply_to_id: '890', preview: 'Hel' } },
  { name: 'typing.stop with thread_id only', action: 'typing.stop', params: { thread_id: '42' } },

  // --- accepted since the conformance rule: every documented reading (refused before)
  // Users: only id and screenname are enforced.
  { name: 'users.create with id and screenname only', action: 'users.create', params: { id: '666', screenname: 'John Doe' }, refusedBefore: true },
  { name: 'users.create with created_at only', action: 'users.create', params: { id: '666', screenname: 'John Doe', created_at: '2012-02-10' }, refusedBefore: true },
  { name: "users.create as the quick start writes it", action: 'users.create', params: { id: '666', screenname: 'John Doe', puppetizable: true, created_at: '06/11/2017' }, refusedBefore: true },
  { name: "the Send API page's author object sent as a user", action: 'users.create', params: { id: '666', created_at: '07/11/2019', screenname: 'John Doe' }, refusedBefore: true },
  // Dates: any ISO 8601 form, d/m/yyyy, epoch milliseconds, on users and contents alike.
  { name: 'content dates in ISO 8601 basic form', action: 'messages.create', params: message({ created_at: '20121001T171840Z', updated_at: '20121001' }), refusedBefore: true },
  { name: 'content dates with fractions and offsets', action: 'messages.create', params: message({ created_at: '2012-10-01T17:18:40.123456+05:30', updated_at: '2012-10-01T17:18+02' }), refusedBefore: true },
  { name: 'content dates as dd/mm/yyyy and d/m/yyyy', action: 'threads.create', params: thread({ created_at: '07/11/2019', updated_at: '7/1/2020' }), refusedBefore: true },
  { name: 'content and user dates as epoch milliseconds (the Python SDK)', action: 'messages.create', params: message({ created_at: 1349111920000, author: author({ created_at: 1573084800000, updated_at: 1573084800000 }) }), refusedBefore: true },
  { name: 'user dates as epoch milliseconds and ISO week dates', action: 'users.create', params: { id: '1', screenname: 'Jo', created_at: 1349111920000, updated_at: '2012-W40-1' }, refusedBefore: true },
  // Attachments.
  { name: 'attachment type on a URL without extension', action: 'messages.create', params: message({ attachments: [{ url: 'https://cdn.example.com/media/8f3a2c?sig=abc', type: 'video' }] }), refusedBefore: true },
  { name: 'attachment type on a non-mp4 file', action: 'messages.create', params: message({ attachments: [{ content: 'aGVsbG8=', filename: 'voice.m4a', type: 'audio' }] }), refusedBefore: true },
  { name: 'MIME-wrapped base64 (line breaks)', action: 'messages.create', params: message({ attachments: [{ content: 'aGVsbG8gd29y\r\nbGQgaGVsbG8g\r\nd29ybGQ=\r\n', filename: 'a.txt' }] }), refusedBefore: true },
  { name: 'unpadded base64', action: 'messages.create', params: message({ attachments: [{ content: 'aGVsbG8', filename: 'a.txt' }] }), refusedBefore: true },
  { name: 'attachment { url, filename }', action: 'messages.create', params: message({ attachments: [{ url: 'https://example.com/files/42', filename: 'invoice.pdf' }] }), refusedBefore: true },
  { name: 'attachment with url, content and filename', action: 'messages.create', params: message({ attachments: [{ url: 'https://example.com/a.png', content: 'aGVsbG8=', filename: 'a.png' }] }), refusedBefore: true },
  // Structured contents without body (the Structured messages page's own examples).
  { name: 'rich_link without body', action: 'messages.create', params: structured(richLink()), refusedBefore: true },
  { name: 'template without body', action: 'messages.create', params: compact({ ...structured(template()), body: undefined }), refusedBefore: true },
  { name: 'carousel without body', action: 'messages.create', params: compact({ ...structured(carousel()), body: undefined }), refusedBefore: true },
  // Empty values are absent values.
  { name: '"" in optional fields counts as absent', action: 'messages.create', params: message({ in_reply_to_id: '', format: '', ip: '', language: '', display_url: '', created_at: '' }), refusedBefore: true },
  { name: '"" in optional user fields counts as absent', action: 'users.create', params: { id: '666', screenname: 'John', gender: '', email: '', created_at: '', puppetizable: null }, refusedBefore: true },
  // Fields Engage ignores are sent (and warned about once), not refused.
  { name: 'payload on a url button', action: 'messages.create', params: templateWithButton(urlButton({ payload: 'X' })), refusedBefore: true },
  { name: 'url on a reply button', action: 'messages.create', params: templateWithButton(replyButton({ url: 'https://example.com' })), refusedBefore: true },
  { name: 'thread_id on a private message', action: 'private_messages.create', params: privateMessage({ thread_id: '42' }), refusedBefore: true },
  { name: 'preview on typing.stop', action: 'typing.stop', params: { thread_id: '42', preview: 'Hel' }, refusedBefore: true },
  { name: 'attachments and language on a thread', action: 'threads.create', params: thread({ attachments: [{ url: 'https://example.com/a.png' }], language: 'fr' }), refusedBefore: true },
  { name: 'title on a message', action: 'messages.create', params: message({ title: 'Re: Internet down' }), refusedBefore: true },
  { name: 'a typo such as thread_Id next to thread_id', action: 'messages.create', params: message({ thread_Id: '43' }), refusedBefore: true },
];
