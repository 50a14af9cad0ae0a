import type { Type } from '@nestjs/common';
import { MessagesController } from './messages.controller.js';
import { PrivateMessagesController } from './private-messages.controller.js';
import { ThreadsController } from './threads.controller.js';
import { TypingController } from './typing.controller.js';
import { UsersController } from './users.controller.js';

/** Every controller of the demo: one route per Send API action. */
export const DEMO_CONTROLLERS: readonly Type[] = [
  ThreadsController,
  UsersController,
  MessagesController,
  PrivateMessagesController,
  TypingController,
];
