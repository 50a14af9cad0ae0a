import { Body, Controller, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { EngageSendService, ThreadsCreateDto, type EngageActionParamsMap, type EngageSendResult } from 'engage-send';
import { SendsAction } from './sends-action.decorator.js';

/** `POST /threads`: the body is a Thread, passed to the library as is (it validates). */
@ApiTags('Send API')
@Controller('threads')
export class ThreadsController {
  constructor(private readonly engage: EngageSendService) {}

  @Post()
  @SendsAction('threads.create', 'Creates a thread: the body is a Thread, passed to the library as is.')
  @ApiBody({ type: ThreadsCreateDto })
  @ApiCreatedResponse({ description: 'Engage answered ok' })
  create(@Body() thread: EngageActionParamsMap['threads.create']): Promise<EngageSendResult<'threads.create'>> {
    return this.engage.threads.create(thread);
  }
}
