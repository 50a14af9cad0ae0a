import { IsOptional } from 'class-validator';
import { IsRequiredString, IsStringValue } from '../../validation/basic-rules.decorators.js';
import { MaxChars } from '../../validation/max-chars.decorator.js';
import { STRUCTURED_CONTENT_LIMITS } from './structured-content.limits.js';

/** One choice of a `select` structured content. */
export class SelectItemDto {
  /** Text of the choice (required, at most 80 characters). */
  @IsRequiredString()
  @MaxChars(STRUCTURED_CONTENT_LIMITS.itemTitle)
  title!: string;

  /** Value sent back in the `structured_reply` when the customer picks it (at most 1000 characters). */
  @IsOptional()
  @IsStringValue()
  @MaxChars(STRUCTURED_CONTENT_LIMITS.payload)
  payload?: string;
}
