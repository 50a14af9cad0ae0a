import { Body, Controller, Post } from '@nestjs/common';
import { EngageSendService, type EngageActionParamsMap, type EngageSendResult } from 'engage-send';
import { SendsAction } from './sends-action.decorator.js';

/** `POST /threads`: the body is a Thread, passed to the library as is (it validates). */
@Controller('threads')
export class ThreadsController {
  constructor(private readonly engage: EngageSendService) {}

  @Post()
  @SendsAction('threads.create')
  create(@Body() thread: EngageActionParamsMap['threads.create']): Promise<EngageSendResult<'threads.create'>> {
    return this.engage.threads.create(thread);
  }
}
