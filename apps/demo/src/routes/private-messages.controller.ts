import { Body, Controller, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { EngageSendService, PrivateMessagesCreateDto, type EngageActionParamsMap, type EngageSendResult } from 'engage-send';
import { SendsAction } from './sends-action.decorator.js';

/** `POST /private-messages`: the body is a PrivateMessage, passed to the library as is (it validates). */
@ApiTags('Send API')
@Controller('private-messages')
export class PrivateMessagesController {
  constructor(private readonly engage: EngageSendService) {}

  @Post()
  @SendsAction('private_messages.create', 'Creates a private message: the body is a PrivateMessage, passed to the library as is.')
  @ApiBody({ type: PrivateMessagesCreateDto })
  @ApiCreatedResponse({ description: 'Engage answered ok' })
  create(
    @Body() privateMessage: EngageActionParamsMap['private_messages.create'],
  ): Promise<EngageSendResult<'private_messages.create'>> {
    return this.engage.privateMessages.create(privateMessage);
  }
}
