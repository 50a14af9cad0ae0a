import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiTags } from '@nestjs/swagger';
import {
  MessagesCreateDto,
  PrivateMessagesCreateDto,
  ThreadsCreateDto,
  UsersCreateDto,
  type EngageActionParamsMap,
} from 'engage-send';
import { EngageOutbox, type EngageOutboxEnqueued } from 'engage-send/outbox';
import { MarkAsReadBody } from '../routes/route-bodies.js';
import { SendsAction } from '../routes/sends-action.decorator.js';

/** What a queued send answers: the job, and where to follow it. */
export interface QueuedAnswer extends EngageOutboxEnqueued {
  /** `GET` it for the job's state and outcome. */
  readonly statusUrl: string;
}

function queued(enqueued: EngageOutboxEnqueued): QueuedAnswer {
  return { ...enqueued, statusUrl: `/outbox/jobs/${encodeURIComponent(enqueued.jobId)}` };
}

/**
 * With `REDIS_URL` set, the demo's content routes (same paths and bodies as
 * the direct ones) enqueue instead of sending: `202 Accepted` once the job is
 * in Redis, with its id. Invalid bodies still get the library's 400 at once,
 * and nothing is enqueued. Typing routes stay direct (a late indicator is wrong).
 */
@ApiTags('Send API')
@ApiAcceptedResponse({ description: 'Queued: the job id, and where to follow it' })
@Controller()
export class OutboxSendsController {
  constructor(private readonly outbox: EngageOutbox) {}

  @Post('threads')
  @HttpCode(HttpStatus.ACCEPTED)
  @SendsAction('threads.create', 'Queues a thread (the body is a Thread).')
  @ApiBody({ type: ThreadsCreateDto })
  async createThread(@Body() thread: EngageActionParamsMap['threads.create']): Promise<QueuedAnswer> {
    return queued(await this.outbox.threads.create(thread));
  }

  @Post('users')
  @HttpCode(HttpStatus.ACCEPTED)
  @SendsAction('users.create', 'Queues a user (the body is a User).')
  @ApiBody({ type: UsersCreateDto })
  async createUser(@Body() user: EngageActionParamsMap['users.create']): Promise<QueuedAnswer> {
    return queued(await this.outbox.users.create(user));
  }

  @Post('messages')
  @HttpCode(HttpStatus.ACCEPTED)
  @SendsAction('messages.create', 'Queues a public message (the body is a Message).')
  @ApiBody({ type: MessagesCreateDto })
  async createMessage(@Body() message: EngageActionParamsMap['messages.create']): Promise<QueuedAnswer> {
    return queued(await this.outbox.messages.create(message));
  }

  @Post('messages/:id/read')
  @HttpCode(HttpStatus.ACCEPTED)
  @SendsAction('status.mark_as_read', 'Queues marking the message with this id as read. The body is {}.')
  @ApiBody({ type: MarkAsReadBody })
  async markAsRead(@Param('id') id: string, @Body() body: MarkAsReadBody): Promise<QueuedAnswer> {
    return queued(await this.outbox.status.markAsRead({ ...body, id }));
  }

  @Post('private-messages')
  @HttpCode(HttpStatus.ACCEPTED)
  @SendsAction('private_messages.create', 'Queues a private message (the body is a PrivateMessage).')
  @ApiBody({ type: PrivateMessagesCreateDto })
  async createPrivateMessage(@Body() privateMessage: EngageActionParamsMap['private_messages.create']): Promise<QueuedAnswer> {
    return queued(await this.outbox.privateMessages.create(privateMessage));
  }
}
