import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { EngageSendService, type EngageActionParamsMap, type EngageSendResult } from 'engage-send';
import { SendsAction } from './sends-action.decorator.js';

/** Typing params minus the thread, which the route's path names. */
type TypingStartBody = Omit<EngageActionParamsMap['typing.start'], 'thread_id'>;
type TypingStopBody = Omit<EngageActionParamsMap['typing.stop'], 'thread_id'>;

/**
 * The end user's typing indicator in a thread. The body (`preview`,
 * `in_reply_to_id`) is passed on as is, with `thread_id` taken from the path:
 * the path wins over a `thread_id` in the body, so the URL always tells the
 * truth about which thread is affected.
 */
@Controller('threads/:threadId/typing')
export class TypingController {
  constructor(private readonly engage: EngageSendService) {}

  /** `POST /threads/:threadId/typing`: Engage allows one per thread every 2 s (else 429 with `Retry-After`). */
  @Post()
  @HttpCode(HttpStatus.OK)
  @SendsAction('typing.start')
  start(@Param('threadId') threadId: string, @Body() body: TypingStartBody): Promise<EngageSendResult<'typing.start'>> {
    return this.engage.typing.start({ ...body, thread_id: threadId });
  }

  /** `DELETE /threads/:threadId/typing`: the body is a JSON object, `{}` at least; stopping also resets the 2-second window. */
  @Delete()
  @SendsAction('typing.stop')
  stop(@Param('threadId') threadId: string, @Body() body: TypingStopBody): Promise<EngageSendResult<'typing.stop'>> {
    return this.engage.typing.stop({ ...body, thread_id: threadId });
  }
}
