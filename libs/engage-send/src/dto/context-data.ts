/**
 * Free-form data attached to a content or a user, shown to agents and usable in
 * Engage rules. Keys may contain only letters and hyphens (`/^[a-zA-Z-]+$/`);
 * values are strings or arrays of strings.
 *
 * @example { country: 'Germany', fruits: ['Apple', 'Pear'] }
 */
export type ContextData = Record<string, string | string[]>;
