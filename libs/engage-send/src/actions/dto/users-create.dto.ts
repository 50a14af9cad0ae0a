import { UserProfileDto } from './user-profile.dto.js';
import { IsPresent } from '../validation/basic-rules.decorators.js';
import { IsEngageDate } from '../validation/engage-date.decorator.js';

/**
 * Params of `users.create`: creates or updates an Engage identity. Stricter
 * than an embedded {@link UserDto}, as the Objects page describes a user:
 * `created_at` and `updated_at` are required and must be ISO 8601 (or `Date`s).
 */
export class UsersCreateDto extends UserProfileDto {
  /** When the user was created (required): `2012-02-10`, `2012-10-01T17:18:40Z`, or a `Date`. */
  @IsPresent()
  @IsEngageDate()
  created_at!: string | Date;

  /** When the user was last updated (required); same forms as `created_at`. */
  @IsPresent()
  @IsEngageDate()
  updated_at!: string | Date;
}

/** Params of `users.create`. */
export type UsersCreateParams = UsersCreateDto;
