/** The Send API contract as data: read by the DTOs, the validator, the emulator and the docs. */
export * from './actions.js';
export * from './date-forms.js';
export * from './engage-errors.js';
export * from './field-rule.js';
export * from './limits.js';
export * from './objects.js';
export * from './source-options.js';
export * from './structured-contents.js';
export * from './value-formats.js';
