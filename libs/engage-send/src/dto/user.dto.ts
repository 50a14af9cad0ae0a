import { USER, type UserGender } from '../contract/index.js';
import type { EngageDate } from './content.dto.js';
import type { ContextData } from './context-data.js';
import { ContractObject, Field } from './contract-object.decorator.js';

/**
 * Fields of an Engage user (identity). Abstract: see {@link UserDto} (an
 * `author` or `recipient`) and {@link UsersCreateDto} (`users.create`).
 * Only `id` and `screenname` are required. Rules: `src/contract/objects.ts`.
 */
export abstract class UserProfileDto {
  /** Id of the user on the integration's side (required); the same id always means the same identity in Engage. */
  @Field() id!: string;
  /** Name displayed for the user in Engage (required). */
  @Field() screenname!: string;
  /** When the user was created (see {@link EngageDate}). */
  @Field() created_at?: EngageDate;
  /** When the user was last updated (see {@link EngageDate}). */
  @Field() updated_at?: EngageDate;
  /** First name. */
  @Field() firstname?: string;
  /** Last name. */
  @Field() lastname?: string;
  /** URL of the user's avatar picture. */
  @Field() avatar_url?: string;
  /** Email address. */
  @Field() email?: string;
  /** Home phone number. */
  @Field() home_phone?: string;
  /** Mobile phone number. */
  @Field() mobile_phone?: string;
  /** Whether Engage may use this identity to create messages (needed on the author of a structured content). Default false. */
  @Field() puppetizable?: boolean;
  /** `man` or `woman`. */
  @Field() gender?: UserGender;
  /** Free-form data about the user (see {@link ContextData}). */
  @Field() context_data?: ContextData;
}

/** A user embedded in a content: the `author` of a content, the `recipient` of a private message. */
@ContractObject(USER)
export class UserDto extends UserProfileDto {}

/** A user embedded in a content (`author`, `recipient`), as callers write it. */
export type EngageUser = UserDto;
