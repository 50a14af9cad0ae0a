import { IsBoolean, IsOptional } from 'class-validator';
import type { ContextData } from './context-data.js';
import { IsContextData } from '../validation/context-data.decorator.js';
import { IsOneOf, IsRequiredString, IsStringValue } from '../validation/basic-rules.decorators.js';

/** Values of a user's `gender`. */
export const USER_GENDERS = ['man', 'woman'] as const;

/** A user's gender as Engage knows it. */
export type UserGender = (typeof USER_GENDERS)[number];

/**
 * Fields every Engage user (identity) has, whether created with `users.create`
 * or embedded as a content's `author` / `recipient`. Abstract: the two uses
 * differ only in their date rules ({@link UserDto}, {@link UsersCreateDto}).
 */
export abstract class UserProfileDto {
  /**
   * Id of the user on the integration's side (required, non-empty). The same id
   * always means the same identity in Engage.
   */
  @IsRequiredString()
  id!: string;

  /** Name displayed for the user in Engage (required, non-empty). */
  @IsRequiredString()
  screenname!: string;

  /** First name. */
  @IsOptional()
  @IsStringValue()
  firstname?: string;

  /** Last name. */
  @IsOptional()
  @IsStringValue()
  lastname?: string;

  /** URL of the user's avatar picture. */
  @IsOptional()
  @IsStringValue()
  avatar_url?: string;

  /** Email address. */
  @IsOptional()
  @IsStringValue()
  email?: string;

  /** Home phone number. */
  @IsOptional()
  @IsStringValue()
  home_phone?: string;

  /** Mobile phone number. */
  @IsOptional()
  @IsStringValue()
  mobile_phone?: string;

  /**
   * Whether Engage may use this identity to create messages on its behalf.
   * Engage defaults to `false`; it must be `true` on the author of a message
   * carrying a `structured_content`.
   */
  @IsOptional()
  @IsBoolean({ message: 'puppetizable must be a boolean' })
  puppetizable?: boolean;

  /** `man` or `woman`. */
  @IsOptional()
  @IsOneOf(USER_GENDERS)
  gender?: UserGender;

  /** Free-form data about the user (see {@link ContextData}). */
  @IsOptional()
  @IsContextData()
  context_data?: ContextData;
}
