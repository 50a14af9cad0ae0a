/** The Send API contract as data (and the params of Engage's calls to the integration): read by the DTOs, the validators, the emulator and the docs. */
export * from './actions.js';
export * from './date-forms.js';
export * from './endpoint-calls.js';
export * from './engage-errors.js';
export * from './field-rule.js';
export * from './limits.js';
export * from './objects.js';
export * from './source-options.js';
export * from './structured-contents.js';
export * from './value-formats.js';
