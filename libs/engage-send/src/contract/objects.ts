import type { FieldRule, ObjectRule } from './field-rule.js';
import { MAX_BODY_LENGTH } from './limits.js';
import { STRUCTURED_CONTENTS } from './structured-contents.js';

/*
 * The Send API's objects (Engage's *Objects* page, as summarised in
 * send-api.md). Fields Engage does not read on an object (a `title` on a
 * message, `preview` on `typing.stop`) are deliberately absent: the client
 * treats them as unknown fields (see `unknownProperties`).
 */

/** Values of a content's `format`. Engage defaults to `html`. */
export const CONTENT_FORMATS = ['html', 'text'] as const;

/** How Engage renders a content's `body`. */
export type ContentFormat = (typeof CONTENT_FORMATS)[number];

/** Values of a user's `gender`. */
export const USER_GENDERS = ['man', 'woman'] as const;

/** A user's gender as Engage knows it. */
export type UserGender = (typeof USER_GENDERS)[number];

/** Values of an attachment's `type`. */
export const ATTACHMENT_MEDIA_TYPES = ['audio', 'video'] as const;

/** How Engage should play a media attachment (documented for `.mp4`). */
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

const requiredId = (description: string, example: string): FieldRule => ({ type: 'string', required: true, description, example });
const text = (description: string, example?: string): FieldRule => ({ type: 'string', description, example });
const date = (description: string): FieldRule => ({ type: 'date', description, example: '2012-10-01T17:18:40Z' });
const contextData: FieldRule = {
  type: 'context-data',
  description: 'Free-form data shown to agents: keys of letters and hyphens, values strings or arrays of strings.',
  example: { country: 'Germany', fruits: ['Apple', 'Pear'] },
};

/**
 * A user: `users.create`'s params, and every `author` / `recipient`. Only `id`
 * and `screenname` are enforced (spec, "Where the docs disagree" 1: the
 * Objects page marks both dates required, every example omits them).
 */
export const USER: ObjectRule = {
  name: 'User',
  fields: {
    id: requiredId("Id of the user on the integration's side; the same id always means the same identity in Engage.", '666'),
    screenname: { type: 'string', required: true, description: 'Name displayed for the user in Engage.', example: 'John Doe' },
    created_at: date('When the user was created.'),
    updated_at: date('When the user was last updated.'),
    firstname: text('First name.'),
    lastname: text('Last name.'),
    avatar_url: text("URL of the user's avatar picture."),
    email: text('Email address.'),
    home_phone: text('Home phone number.'),
    mobile_phone: text('Mobile phone number.'),
    puppetizable: { type: 'boolean', description: 'Whether Engage may use this identity to create messages (needed for structured contents). Engage defaults to false.' },
    gender: { type: 'string', oneOf: USER_GENDERS, description: '`man` or `woman`.' },
    context_data: contextData,
  },
};

/** A file attached to a message: `{ url }`, or `{ content, filename }` (base64). */
export const ATTACHMENT: ObjectRule = {
  name: 'Attachment',
  fields: {
    url: {
      type: 'string',
      format: 'http-url',
      required: { unlessGiven: ['content'] },
      description: 'Public http(s) URL Engage downloads the file from.',
      example: 'https://example.com/invoice.pdf',
    },
    content: { type: 'string', format: 'base64', required: { ifGiven: 'filename', unlessGiven: ['url'] }, description: 'The file itself, base64-encoded.' },
    filename: { type: 'string', required: { ifGiven: 'content', unlessGiven: ['url'] }, description: "The file's name, e.g. `invoice.pdf`." },
    type: { type: 'string', oneOf: ATTACHMENT_MEDIA_TYPES, description: 'Play a media file (e.g. an `.mp4`, or a URL without extension) as `audio` or `video`.' },
  },
};

export const STRUCTURED_REPLY: ObjectRule = {
  name: 'StructuredReply',
  fields: {
    payload: { type: 'string', required: true, description: 'Payload of the chosen select item or reply button.', example: 'DEFINED_PAYLOAD' },
  },
};

/** Fields every content shares: messages, private messages and threads. */
const CONTENT_FIELDS: Readonly<Record<string, FieldRule>> = {
  id: requiredId("Id of the content on the integration's side; Engage refers to it later (replies, `status.mark_as_read`).", '890'),
  actions: { type: 'strings', description: 'What agents may do with the content, e.g. `["show", "reply"]`; anything but the standard actions is a custom action.', example: ['show', 'reply'] },
  categories: { type: 'strings', description: 'Categories of the content.', example: ['TV', 'Internet'] },
  context_data: contextData,
  created_at: date('When the content was created.'),
  updated_at: date('When the content was last updated.'),
  display_url: { type: 'string', format: 'link-url', description: 'Full URI of the content where it lives (http, https or an app scheme).' },
  format: { type: 'string', oneOf: CONTENT_FORMATS, description: 'How Engage renders `body`: `html` (Engage\'s default) or `text`.', example: 'text' },
  ip: { type: 'string', format: 'ip', description: 'IP address the content was posted from.', example: '1.2.3.4' },
};

const body = (required: FieldRule['required']): FieldRule => ({
  type: 'string',
  required,
  maxChars: MAX_BODY_LENGTH,
  description: `Text of the content, at most ${MAX_BODY_LENGTH} characters (Unicode code points).`,
  example: 'Awesome post !',
});

/** Fields a message and a private message share; `structured_content` last, as Engage checks it after the rest. */
function messageFields(head: Readonly<Record<string, FieldRule>>): Readonly<Record<string, FieldRule>> {
  return {
    ...CONTENT_FIELDS,
    ...head,
    author: { type: 'object', object: USER, required: true, description: 'Who wrote the content.' },
    // The Structured messages page's own examples carry no body.
    body: body({ unlessGiven: ['attachments', 'structured_content'] }),
    attachments: { type: 'objects', object: ATTACHMENT, description: 'Files attached; `body` is then optional.' },
    in_reply_to_id: text('Id of the content this one answers.'),
    language: text('Language of the content, e.g. `en`.', 'en'),
    structured_reply: { type: 'object', object: STRUCTURED_REPLY, description: "The customer's answer to a structured content." },
    structured_content: {
      type: 'variant',
      variants: STRUCTURED_CONTENTS,
      description: 'A select, rich link, template or carousel; needs the source\'s `view.messaging` option and a puppetizable author.',
    },
  };
}

/** `messages.create`: a public message in a thread. */
export const MESSAGE: ObjectRule = {
  name: 'Message',
  fields: messageFields({
    thread_id: {
      type: 'string',
      required: { unlessOption: 'messages.unthreaded' },
      description: 'Id of the thread; required unless the source has the `messages.unthreaded` option.',
      example: '42',
    },
  }),
};

/** `private_messages.create`: as a message, without `thread_id`, with a `recipient`. */
export const PRIVATE_MESSAGE: ObjectRule = {
  name: 'PrivateMessage',
  fields: messageFields({ recipient: { type: 'object', object: USER, required: true, description: 'Who receives the private message.' } }),
};

/** `threads.create`: a thread and its opening content. */
export const THREAD: ObjectRule = {
  name: 'Thread',
  fields: {
    ...CONTENT_FIELDS,
    author: { type: 'object', object: USER, required: { unlessOption: 'threads.no_content' }, description: 'Who opened the thread; required unless the source has `threads.no_content`.' },
    body: body({ unlessOption: 'threads.no_content' }),
    title: text('Title of the thread.', 'Internet down'),
  },
};

/** `status.mark_as_read`. */
export const STATUS: ObjectRule = {
  name: 'Status',
  fields: { id: requiredId("Id of the agent's message or private message on the integration's side.", '890') },
};

const typingTarget: Readonly<Record<string, FieldRule>> = {
  thread_id: { type: 'string', required: { unlessGiven: ['in_reply_to_id'] }, description: 'Thread the customer is typing in; wins when both are given.', example: '42' },
  in_reply_to_id: { type: 'string', required: { unlessGiven: ['thread_id'] }, description: 'Content the customer is answering; required when `thread_id` is absent.' },
};

/** `typing.stop`. */
export const TYPING_STOP: ObjectRule = { name: 'TypingStop', fields: typingTarget };

/** `typing.start`. */
export const TYPING_START: ObjectRule = {
  name: 'TypingStart',
  fields: { ...typingTarget, preview: { type: 'string', required: true, description: 'A preview of what the customer is typing.', example: 'Hello wor' } },
};
