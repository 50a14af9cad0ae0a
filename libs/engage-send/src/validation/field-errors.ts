import type { ValidationError } from 'class-validator';
import type { EngageFieldError } from '../errors/validation.error.js';
import { suggestProperty } from './property-hints.js';
import { RuleMessages } from './rule-messages.js';
import { pathKey } from './value-description.js';

/** Most field errors listed in one validation error; the rest are counted, not listed. */
export const MAX_LISTED_ERRORS = 10;

/** The contract's field names for a DTO instance, for "did you mean" hints. */
export type KnownFields = (instance: unknown) => readonly string[];

/**
 * Collects field errors by path, at most {@link MAX_LISTED_ERRORS} of them,
 * merging the constraints of errors on the same path, in first-seen order;
 * counts the rest. Turns class-validator's error tree into flat errors with
 * full dotted paths (`params.attachments.0.url`) and rewrites its generic
 * constraints: `whitelistValidation` becomes `unknownProperty` (with a hint),
 * `nestedValidation` is dropped when the field has a precise error.
 */
export class FieldErrorCollector {
  private readonly byPath = new Map<string, Record<string, string>>();
  private dropped = 0;

  constructor(private readonly knownFields: KnownFields = () => []) {}

  /** Adds (merges) the constraints of one path; a rule already there keeps its first message. */
  add(path: string, constraints: Record<string, string>): void {
    const existing = this.byPath.get(path);
    if (existing) for (const rule in constraints) existing[rule] ??= constraints[rule]!;
    else if (this.byPath.size < MAX_LISTED_ERRORS) this.byPath.set(path, { ...constraints });
    else this.dropped++;
  }

  /** Adds class-validator's `errors`, found under `path`. */
  addValidationErrors(errors: readonly ValidationError[], path: string): void {
    for (const error of errors) {
      const errorPath = `${path}.${pathKey(error.property)}`;
      if (error.constraints) {
        const constraints = this.rewrite(error, errorPath);
        if (constraints) this.add(errorPath, constraints);
      }
      if (error.children && error.children.length > 0) this.addValidationErrors(error.children, errorPath);
    }
  }

  /** Errors found but not listed. */
  get unlisted(): number {
    return this.dropped;
  }

  /** The listed errors. */
  toArray(): EngageFieldError[] {
    return Array.from(this.byPath, ([path, constraints]) => ({ path, constraints }));
  }

  private rewrite(error: ValidationError, path: string): Record<string, string> | undefined {
    const constraints = { ...error.constraints };
    if ('whitelistValidation' in constraints) {
      delete constraints['whitelistValidation'];
      constraints['unknownProperty'] = RuleMessages.unknown(error.property, suggestProperty(error.property, this.knownFields(error.target)));
    }
    if ('nestedValidation' in constraints) {
      delete constraints['nestedValidation'];
      if (Object.keys(constraints).length === 0) {
        // An array item that is not an object: name it after its array.
        const parent = path.slice(0, path.lastIndexOf('.'));
        constraints['isObject'] = `item ${pathKey(error.property)} of ${parent.slice(parent.lastIndexOf('.') + 1)} must be an object`;
      }
    }
    return Object.keys(constraints).length > 0 ? constraints : undefined;
  }
}
