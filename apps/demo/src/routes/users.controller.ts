import { Body, Controller, Post } from '@nestjs/common';
import { EngageSendService, type EngageActionParamsMap, type EngageSendResult } from 'engage-send';
import { SendsAction } from './sends-action.decorator.js';

/** `POST /users`: the body is a User, passed to the library as is (it validates). */
@Controller('users')
export class UsersController {
  constructor(private readonly engage: EngageSendService) {}

  @Post()
  @SendsAction('users.create')
  create(@Body() user: EngageActionParamsMap['users.create']): Promise<EngageSendResult<'users.create'>> {
    return this.engage.users.create(user);
  }
}
