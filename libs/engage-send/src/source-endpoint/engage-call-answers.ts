import type { AgentMessageDto } from './dto/agent-message.dto.js';
import type { AgentPrivateMessageDto } from './dto/agent-private-message.dto.js';
import type { AgentThreadDto } from './dto/agent-thread.dto.js';
import type { ContentIdCallDto } from './dto/content-id-call.dto.js';
import type { CustomActionCallDto } from './dto/custom-action-call.dto.js';
import type { ListCallDto } from './dto/list-call.dto.js';
import type { QueuingUpdateCallDto } from './dto/queuing-update-call.dto.js';
import type { EngageCall } from './engage-call.interface.js';
import type { EngageCallAction, QUEUING_UPDATE } from './engage-call-action.js';

/**
 * A content as the integration describes it to Engage (the shapes of the
 * Send API's objects): any object, an interface of the app's included.
 */
export type EngageContent = object;

/** The answer to `<object>.create`: the created content, at least its new id on the integration's side. */
export interface EngageCreatedContent {
  /** The integration's own, fresh id for the content (not the `in_reply_to_id`). */
  readonly id: string;
}

/** The params a handler of `A` receives. */
export type EngageCallParams<A extends string> = A extends typeof QUEUING_UPDATE
  ? QueuingUpdateCallDto
  : A extends `${string}.list`
    ? ListCallDto
    : A extends 'messages.create'
      ? AgentMessageDto
      : A extends 'private_messages.create'
        ? AgentPrivateMessageDto
        : A extends 'threads.create'
          ? AgentThreadDto
          : A extends `${string}.${'show' | 'delete' | 'destroy' | 'publish' | 'unpublish'}`
            ? ContentIdCallDto
            : CustomActionCallDto;

/**
 * What a handler of `A` returns (or resolves to):
 * - `list`: the contents after `since_id`, **oldest first** (the library sends them newest first);
 * - `create`: the created content, at least `{ id }`;
 * - `messaging.queuing_update`: anything (sent as `{}` when `undefined`);
 * - the others: the content.
 */
export type EngageCallAnswer<A extends string> = A extends typeof QUEUING_UPDATE
  ? unknown
  : A extends `${string}.list`
    ? readonly EngageContent[]
    : A extends `${string}.create`
      ? EngageCreatedContent
      : EngageContent;

/** A method that answers the call `A`. */
export type EngageCallHandler<A extends EngageCallAction> = (
  params: EngageCallParams<A>,
  call: EngageCall,
) => EngageCallAnswer<A> | Promise<EngageCallAnswer<A>>;
