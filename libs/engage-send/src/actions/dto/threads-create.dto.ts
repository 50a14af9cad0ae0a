import { IsOptional } from 'class-validator';
import { MAX_BODY_LENGTH } from './content-limits.js';
import { ContentDto } from './content.dto.js';
import { UserDto } from './user.dto.js';
import { IsPresent, IsRequiredString, IsStringValue } from '../validation/basic-rules.decorators.js';
import { MaxChars } from '../validation/max-chars.decorator.js';
import { NestedObject } from '../validation/nested.decorators.js';
import { THREADS_NO_CONTENT } from '../validation/source-option-groups.js';

/** Params of `threads.create`: a thread (its opening content). */
export class ThreadsCreateDto extends ContentDto {
  /** Who opened the thread. Required unless the source has the `threads.no_content` option. */
  @IsOptional({ groups: [THREADS_NO_CONTENT] })
  @IsPresent()
  @NestedObject(() => UserDto)
  author?: UserDto;

  /**
   * Text of the thread, at most 20 000 characters (Unicode code points).
   * Required unless the source has the `threads.no_content` option.
   */
  @IsOptional({ groups: [THREADS_NO_CONTENT] })
  @IsRequiredString()
  @MaxChars(MAX_BODY_LENGTH)
  body?: string;

  /** Title of the thread. */
  @IsOptional()
  @IsStringValue()
  title?: string;
}

/** Params of `threads.create`. */
export type ThreadsCreateParams = ThreadsCreateDto;
