import { IsOptional } from 'class-validator';
import { UserProfileDto } from './user-profile.dto.js';
import { IsEngageDate } from '../validation/engage-date.decorator.js';

/**
 * A user embedded in a content: the `author` of a message, private message or
 * thread, or the `recipient` of a private message. Only `id` and `screenname`
 * are required.
 *
 * Dates are optional here and also accept the legacy `dd/mm/yyyy` form
 * (spec ambiguity 1: the Objects page requires both dates on every user, but
 * the Send API page's own examples send authors with only
 * `"created_at": "07/11/2019"`, and those examples must keep working).
 */
export class UserDto extends UserProfileDto {
  /**
   * When the user was created: an ISO 8601 string (`2012-02-10`,
   * `2012-10-01T17:18:40Z`), a `dd/mm/yyyy` string, or a `Date` (sent as ISO 8601).
   */
  @IsOptional()
  @IsEngageDate({ legacyDayMonthYear: true })
  created_at?: string | Date;

  /** When the user was last updated; same forms as `created_at`. */
  @IsOptional()
  @IsEngageDate({ legacyDayMonthYear: true })
  updated_at?: string | Date;
}

/** A user embedded in a content (`author`, `recipient`), as callers write it. */
export type EngageUser = UserDto;
