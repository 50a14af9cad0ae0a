import { Body, Controller, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { EngageSendService, UsersCreateDto, type EngageActionParamsMap, type EngageSendResult } from 'engage-send';
import { SendsAction } from './sends-action.decorator.js';

/** `POST /users`: the body is a User, passed to the library as is (it validates). */
@ApiTags('Send API')
@Controller('users')
export class UsersController {
  constructor(private readonly engage: EngageSendService) {}

  @Post()
  @SendsAction('users.create', 'Creates or updates a user (an end customer): the body is a User, passed to the library as is.')
  @ApiBody({ type: UsersCreateDto })
  @ApiCreatedResponse({ description: 'Engage answered ok' })
  create(@Body() user: EngageActionParamsMap['users.create']): Promise<EngageSendResult<'users.create'>> {
    return this.engage.users.create(user);
  }
}
