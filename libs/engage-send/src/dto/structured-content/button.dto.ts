import { BUTTON, type ButtonType } from '../../contract/index.js';
import { ContractObject, Field } from '../contract-object.decorator.js';

/**
 * A button of a `template` or of a carousel card:
 * `{ type: 'url', title, url }` opens `url`; `{ type: 'reply', title, payload? }`
 * answers with `payload` as the `structured_reply`.
 */
@ContractObject(BUTTON)
export class ButtonDto {
  /** `url` or `reply` (required). */
  @Field() type!: ButtonType;
  /** Label of the button (required, at most 80 characters). */
  @Field() title!: string;
  /** For `url` buttons (required there): the link opened, at most 2048 characters; http, https or an app scheme. */
  @Field() url?: string;
  /** For `reply` buttons: the value of the `structured_reply` when clicked (at most 1000 characters). */
  @Field() payload?: string;
}

/** A structured-content button, as callers write it. */
export type StructuredButton = ButtonDto;
