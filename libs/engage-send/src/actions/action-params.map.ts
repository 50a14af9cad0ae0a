import type { ClassConstructor } from 'class-transformer';
import type { EngageAction } from './engage-action.js';
import { MessagesCreateDto, type MessagesCreateParams } from './dto/messages-create.dto.js';
import { PrivateMessagesCreateDto, type PrivateMessagesCreateParams } from './dto/private-messages-create.dto.js';
import { StatusMarkAsReadDto, type StatusMarkAsReadParams } from './dto/status-mark-as-read.dto.js';
import { ThreadsCreateDto, type ThreadsCreateParams } from './dto/threads-create.dto.js';
import { TypingStartDto, type TypingStartParams } from './dto/typing-start.dto.js';
import { TypingStopDto, type TypingStopParams } from './dto/typing-stop.dto.js';
import { UsersCreateDto, type UsersCreateParams } from './dto/users-create.dto.js';

/** The DTO class validating each action's params. */
export const ACTION_PARAMS_DTOS: { readonly [A in EngageAction]: ClassConstructor<object> } = Object.freeze({
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
