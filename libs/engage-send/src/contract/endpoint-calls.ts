import type { FieldRule, ObjectRule } from './field-rule.js';

/*
 * The params of Engage's calls to the integration (source-endpoint.md): the
 * other half of the contract, read by the endpoint's DTOs and validator. The
 * spec marks no field of an agent's content required, so those fields are
 * typed and nothing more; fields it does not name are kept (Engage may add
 * some). A call is refused only for a value of the wrong type, or a missing
 * `id` where one names the content acted on.
 */

const text = (description: string, example?: string): FieldRule => ({ type: 'string', description, ...(example === undefined ? {} : { example }) });

/** A file an agent attached: Engage gives its URL, type and name. */
export const AGENT_ATTACHMENT: ObjectRule = {
  name: 'AgentAttachment',
  fields: {
    url: text('Where to download the file from.'),
    type: text("The file's MIME type, e.g. `image/png`."),
    filename: text("The file's name, e.g. `invoice.pdf`."),
  },
};

/** Fields every agent content carries (`<object>.create`). */
const agentContent: Readonly<Record<string, FieldRule>> = {
  content_id: text("Engage's own id of the content: the key to recognise a delivery made again.", '5f6c3b2a'),
  retry: { type: 'boolean', description: '`false` on Engage\'s first attempt, `true` when Engage delivers the same content again (up to 3 times).' },
  body: text('The text the agent wrote.'),
  format: text('`text` or `html`.'),
  attachments: { type: 'objects', object: AGENT_ATTACHMENT, description: 'Files the agent attached.' },
  author_id: text("The puppetizable user (an id on the integration's side) the agent posted as."),
  sender_name: text('The name the agent signs with.'),
  title: text('A title (often null).'),
  created_at: text('When the agent created it (ISO 8601, as Engage writes it).'),
  updated_at: text('When it was last updated.'),
};

/** Params of `messages.create`: an agent's public message. */
export const AGENT_MESSAGE: ObjectRule = {
  name: 'AgentMessage',
  fields: {
    ...agentContent,
    thread_id: text('The thread it belongs to (absent when the source has `messages.unthreaded`).'),
    in_reply_to_id: text("The integration's id of the content it answers."),
    structured_content: { type: 'json-object', description: 'A structured content (select, rich link, template, carousel) the agent sent.' },
  },
};

/** Params of `private_messages.create`: an agent's private message (no thread, a recipient). */
export const AGENT_PRIVATE_MESSAGE: ObjectRule = {
  name: 'AgentPrivateMessage',
  fields: {
    ...agentContent,
    recipient_id: text("The integration's id of the user it is addressed to."),
    in_reply_to_id: text("The integration's id of the content it answers."),
    structured_content: { type: 'json-object', description: 'A structured content the agent sent.' },
  },
};

/** Params of `threads.create`: a thread an agent opened. */
export const AGENT_THREAD: ObjectRule = { name: 'AgentThread', fields: agentContent };

/** Params of `<object>.list`. */
export const LIST_CALL: ObjectRule = {
  name: 'ListCall',
  fields: { since_id: text('Id of the last content Engage imported (the integration\'s id); absent the first time. Answer the contents after it.') },
};

/** Params of `<object>.show`, `.delete` (`.destroy`), `.publish` and `.unpublish`. */
export const CONTENT_ID_CALL: ObjectRule = {
  name: 'ContentIdCall',
  fields: { id: { type: 'string', required: true, description: "The integration's id of the content.", example: '890' } },
};

/** Params of a custom action: an agent clicked its button on a content. */
export const CUSTOM_ACTION_CALL: ObjectRule = {
  name: 'CustomActionCall',
  fields: { ...CONTENT_ID_CALL.fields, user_id: text("Engage's id of the agent who clicked.") },
};

/** Params of `messaging.queuing_update`: where a waiting customer stands in the agents' queue. */
export const QUEUING_UPDATE_CALL: ObjectRule = {
  name: 'QueuingUpdateCall',
  fields: {
    estimated_wait_time: { type: 'number', description: 'Estimated wait, in seconds.' },
    position: { type: 'number', description: 'Position in the queue.' },
    thread_id: text("The conversation's thread."),
    in_reply_to_id: text("The customer's content the update is about."),
  },
};
