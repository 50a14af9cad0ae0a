import { UserDto } from './user.dto.js';

/** Params of `users.create`: creates or updates an Engage identity. The same fields and rules as an embedded {@link UserDto}. */
export class UsersCreateDto extends UserDto {}

/** Params of `users.create`. */
export type UsersCreateParams = UsersCreateDto;
