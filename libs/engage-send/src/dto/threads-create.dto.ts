import { THREAD } from '../contract/index.js';
import { ContentDto } from './content.dto.js';
import { ContractObject, Field } from './contract-object.decorator.js';
import type { UserDto } from './user.dto.js';

/** Params of `threads.create`: a thread and its opening content. */
@ContractObject(THREAD)
export class ThreadsCreateDto extends ContentDto {
  /** Who opened the thread; required unless the source has the `threads.no_content` option. */
  @Field() author?: UserDto;
  /** Text of the thread, at most 20 000 characters; required unless the source has the `threads.no_content` option. */
  @Field() body?: string;
  /** Title of the thread. */
  @Field() title?: string;
}

/** Params of `threads.create`. */
export type ThreadsCreateParams = ThreadsCreateDto;
