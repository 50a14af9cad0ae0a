import type { EngageAction } from '../actions/engage-action.js';
import { isBlank, isEmbeddedUser } from './engage-presence.js';

type Params = Record<string, unknown>;
type Rule = (params: Params, options: ReadonlySet<string>) => boolean;

/** `body`, or at least one attachment. */
function hasContent(params: Params): boolean {
  return !isBlank(params['body']) || (Array.isArray(params['attachments']) && params['attachments'].length > 0);
}

/** `thread_id`, or else `in_reply_to_id`, as typing events are keyed. */
function hasTypingTarget(params: Params): boolean {
  return !isBlank(params['thread_id']) || !isBlank(params['in_reply_to_id']);
}

/**
 * Engage's required fields per action, written from the spec and not from the
 * client's DTOs, so the emulator cross-checks the client instead of echoing it.
 */
const RULES: Record<EngageAction, Rule> = {
  'messages.create': (p, options) =>
    !isBlank(p['id']) &&
    (options.has('messages.unthreaded') || !isBlank(p['thread_id'])) &&
    isEmbeddedUser(p['author']) &&
    hasContent(p),
  'private_messages.create': (p) =>
    !isBlank(p['id']) && isEmbeddedUser(p['author']) && isEmbeddedUser(p['recipient']) && hasContent(p),
  'threads.create': (p, options) =>
    !isBlank(p['id']) && (options.has('threads.no_content') || (isEmbeddedUser(p['author']) && !isBlank(p['body']))),
  // Standalone users follow the Objects page strictly (both dates); see the README's "author dates" decision.
  'users.create': (p) => !isBlank(p['id']) && !isBlank(p['screenname']) && !isBlank(p['created_at']) && !isBlank(p['updated_at']),
  'status.mark_as_read': (p) => !isBlank(p['id']),
  'typing.start': (p) => hasTypingTarget(p) && !isBlank(p['preview']),
  'typing.stop': (p) => hasTypingTarget(p),
};

/** Whether `params` has every field Engage requires for `action` on a source with `options`. */
export function hasRequiredFields(action: EngageAction, params: Params, options: ReadonlySet<string>): boolean {
  return RULES[action](params, options);
}
