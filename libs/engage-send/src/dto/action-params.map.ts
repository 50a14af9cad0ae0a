import type { EngageAction } from '../contract/index.js';
import { MessagesCreateDto, PrivateMessagesCreateDto, StatusMarkAsReadDto, ThreadsCreateDto, TypingStartDto, TypingStopDto, UsersCreateDto } from './index.js';
import type {
  MessagesCreateParams,
  PrivateMessagesCreateParams,
  StatusMarkAsReadParams,
  ThreadsCreateParams,
  TypingStartParams,
  TypingStopParams,
  UsersCreateParams,
} from './index.js';

/** The DTO class of each action's params. */
export const ACTION_PARAMS_DTOS: { readonly [A in EngageAction]: new () => object } = Object.freeze({
  'messages.create': MessagesCreateDto,
  'private_messages.create': PrivateMessagesCreateDto,
  'threads.create': ThreadsCreateDto,
  'users.create': UsersCreateDto,
  'status.mark_as_read': StatusMarkAsReadDto,
  'typing.start': TypingStartDto,
  'typing.stop': TypingStopDto,
});

/** The params type of each action, for typed `send(action, params)` signatures. */
export interface EngageActionParamsMap {
  'messages.create': MessagesCreateParams;
  'private_messages.create': PrivateMessagesCreateParams;
  'threads.create': ThreadsCreateParams;
  'users.create': UsersCreateParams;
  'status.mark_as_read': StatusMarkAsReadParams;
  'typing.start': TypingStartParams;
  'typing.stop': TypingStopParams;
}
