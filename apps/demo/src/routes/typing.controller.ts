import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EngageSendService, type EngageSendResult } from 'engage-send';
import { TypingStartBody, TypingStopBody } from './route-bodies.js';
import { SendsAction } from './sends-action.decorator.js';

/**
 * The end user's typing indicator in a thread. The body (`preview`,
 * `in_reply_to_id`) is passed on as is, with `thread_id` taken from the path:
 * the path wins over a `thread_id` in the body, so the URL always tells the
 * truth about which thread is affected.
 */
@ApiTags('Send API')
@Controller('threads/:threadId/typing')
export class TypingController {
  constructor(private readonly engage: EngageSendService) {}

  /** `POST /threads/:threadId/typing`: Engage allows one per thread every 2 s (else 429 with `Retry-After`). */
  @Post()
  @HttpCode(HttpStatus.OK)
  @SendsAction('typing.start', 'The end user is typing in the thread. Engage allows one per thread every 2 s; the library coalesces the others.')
  @ApiBody({ type: TypingStartBody })
  @ApiOkResponse({ description: 'Engage answered ok, or the start was coalesced (coalesced: true, nothing sent)' })
  start(@Param('threadId') threadId: string, @Body() body: TypingStartBody): Promise<EngageSendResult<'typing.start'>> {
    return this.engage.typing.start({ ...body, thread_id: threadId });
  }

  /** `DELETE /threads/:threadId/typing`: the body is a JSON object, `{}` at least; stopping also resets the 2-second window. */
  @Delete()
  @SendsAction('typing.stop', 'The end user stopped typing in the thread (also resets the 2-second window). The body is {} at least.')
  @ApiBody({ type: TypingStopBody })
  @ApiOkResponse({ description: 'Engage answered ok' })
  stop(@Param('threadId') threadId: string, @Body() body: TypingStopBody): Promise<EngageSendResult<'typing.stop'>> {
    return this.engage.typing.stop({ ...body, thread_id: threadId });
  }
}
