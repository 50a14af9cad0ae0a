import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { EngageSendService, type EngageActionParamsMap, type EngageSendResult } from 'engage-send';
import { SendsAction } from './sends-action.decorator.js';

/** Public messages: create one, or mark an agent's message as read. */
@Controller('messages')
export class MessagesController {
  constructor(private readonly engage: EngageSendService) {}

  /** `POST /messages`: the body is a Message, passed to the library as is (it validates). */
  @Post()
  @SendsAction('messages.create')
  create(@Body() message: EngageActionParamsMap['messages.create']): Promise<EngageSendResult<'messages.create'>> {
    return this.engage.messages.create(message);
  }

  /**
   * `POST /messages/:id/read`: `status.mark_as_read` for the message (or
   * private message) with that id on the integration's side. No body needed.
   * 200 rather than 201: nothing is created.
   */
  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @SendsAction('status.mark_as_read')
  markAsRead(@Param('id') id: string): Promise<EngageSendResult<'status.mark_as_read'>> {
    return this.engage.status.markAsRead({ id });
  }
}
