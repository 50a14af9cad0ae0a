import { IsOptional, ValidateBy, ValidateIf, type ValidationArguments } from 'class-validator';
import { IsOneOf, IsRequiredString, IsStringValue } from '../../validation/basic-rules.decorators.js';
import { MaxChars } from '../../validation/max-chars.decorator.js';
import { IsLinkUrl } from '../../validation/url.decorators.js';
import { BUTTON_TYPES, STRUCTURED_CONTENT_LIMITS, type ButtonType } from './structured-content.limits.js';

/**
 * A field that only one button type may carry. Buttons are one class rather
 * than one class per type: class-transformer's per-item discriminator crashes
 * on a `null` array item, and one class keeps every error on its field.
 */
function OnlyForButtonType(type: ButtonType): PropertyDecorator {
  return ValidateBy({
    name: 'buttonType',
    validator: {
      validate: (_value: unknown, args: ValidationArguments): boolean => (args.object as { type?: unknown }).type === type,
      defaultMessage: (args: ValidationArguments): string => `${args.property} is allowed only on ${type} buttons`,
    },
  });
}

/**
 * A button of a `template` or of a `carousel` card.
 * - `{ type: 'url', title, url }` opens `url`;
 * - `{ type: 'reply', title, payload? }` answers with `payload` as the `structured_reply`.
 */
export class ButtonDto {
  /** `url` or `reply` (required). */
  @IsRequiredString()
  @IsOneOf(BUTTON_TYPES)
  type!: ButtonType;

  /** Label of the button (required, at most 80 characters). */
  @IsRequiredString()
  @MaxChars(STRUCTURED_CONTENT_LIMITS.itemTitle)
  title!: string;

  /**
   * For `url` buttons (required there, and only there): the link opened, at
   * most 2048 characters; http, https or an app scheme such as `github://…`.
   */
  @ValidateIf((b: { type?: unknown; url?: unknown }) => b.type === 'url' || (b.url !== undefined && b.url !== null))
  @IsRequiredString('url is required for url buttons')
  @IsLinkUrl()
  @MaxChars(STRUCTURED_CONTENT_LIMITS.url)
  @OnlyForButtonType('url')
  url?: string;

  /** For `reply` buttons only: the value of the `structured_reply` when clicked (at most 1000 characters). */
  @IsOptional()
  @IsStringValue()
  @MaxChars(STRUCTURED_CONTENT_LIMITS.payload)
  @OnlyForButtonType('reply')
  payload?: string;
}

/** A structured-content button, as callers write it. */
export type StructuredButton = ButtonDto;
