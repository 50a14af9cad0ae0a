import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EngageSendService, MessagesCreateDto, type EngageActionParamsMap, type EngageSendResult } from 'engage-send';
import { MarkAsReadBody } from './route-bodies.js';
import { SendsAction } from './sends-action.decorator.js';

/** Public messages: create one, or mark an agent's message as read. */
@ApiTags('Send API')
@Controller('messages')
export class MessagesController {
  constructor(private readonly engage: EngageSendService) {}

  /** `POST /messages`: the body is a Message, passed to the library as is (it validates). */
  @Post()
  @SendsAction('messages.create', 'Creates a public message in a thread: the body is a Message, passed to the library as is.')
  @ApiBody({ type: MessagesCreateDto })
  @ApiCreatedResponse({ description: 'Engage answered ok' })
  create(@Body() message: EngageActionParamsMap['messages.create']): Promise<EngageSendResult<'messages.create'>> {
    return this.engage.messages.create(message);
  }

  /**
   * `POST /messages/:id/read`: `status.mark_as_read` for the message (or
   * private message) with that id on the integration's side. The body is a
   * JSON object, `{}` (like every sending route, so no form can trigger it);
   * the id comes from the path, over an `id` in the body. 200 rather than
   * 201: nothing is created.
   */
  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @SendsAction('status.mark_as_read', 'Marks the message (or private message) with this id on the integration side as read. The body is {}.')
  @ApiBody({ type: MarkAsReadBody })
  @ApiOkResponse({ description: 'Engage answered ok' })
  markAsRead(@Param('id') id: string, @Body() body: MarkAsReadBody): Promise<EngageSendResult<'status.mark_as_read'>> {
    return this.engage.status.markAsRead({ ...body, id });
  }
}
