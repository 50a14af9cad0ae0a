import type { ValidationError } from 'class-validator';
import type { EngageFieldError } from '../../errors/validation.error.js';
import { knownProperties, suggestProperty, type DtoClass } from './property-hints.js';

/*
 * Turns class-validator's error tree into flat EngageFieldErrors with full
 * dotted paths (`params.attachments.0.url`), and rewrites the few generic
 * constraints class-validator itself produces:
 * - `whitelistValidation` ("property x should not exist") → `unknownProperty`,
 *   with a "did you mean" hint when a known field is a near miss;
 * - `nestedValidation` ("nested property x must be either object or array") is
 *   dropped when the field already has a more precise error (`isObject`,
 *   `isArray`), else becomes `isObject`.
 */

/** Collects field errors by path, merging the constraints of errors on the same path, in first-seen order. */
export class FieldErrorCollector {
  private readonly byPath = new Map<string, Record<string, string>>();

  /** Adds (merges) the constraints of one path. */
  add(path: string, constraints: Record<string, string>): void {
    const existing = this.byPath.get(path);
    if (existing) Object.assign(existing, constraints);
    else this.byPath.set(path, { ...constraints });
  }

  /** Adds every error of `errors`. */
  addAll(errors: readonly EngageFieldError[]): void {
    for (const error of errors) this.add(error.path, error.constraints);
  }

  /** Adds class-validator's `errors`, found under `path`. */
  addValidationErrors(errors: readonly ValidationError[], path: string): void {
    for (const error of errors) {
      const errorPath = `${path}.${error.property}`;
      if (error.constraints) {
        const constraints = rewriteConstraints(error, errorPath);
        if (constraints) this.add(errorPath, constraints);
      }
      if (error.children && error.children.length > 0) this.addValidationErrors(error.children, errorPath);
    }
  }

  /** Number of paths with errors. */
  get size(): number {
    return this.byPath.size;
  }

  /** The collected errors. */
  toArray(): EngageFieldError[] {
    return Array.from(this.byPath, ([path, constraints]) => ({ path, constraints }));
  }
}

function rewriteConstraints(error: ValidationError, path: string): Record<string, string> | undefined {
  const constraints = { ...error.constraints };
  if ('whitelistValidation' in constraints) {
    delete constraints['whitelistValidation'];
    constraints['unknownProperty'] = unknownPropertyMessage(error);
  }
  if ('nestedValidation' in constraints) {
    delete constraints['nestedValidation'];
    if (Object.keys(constraints).length === 0) {
      // An array item that is not an object: name it after its array.
      const parent = path.slice(0, path.lastIndexOf('.'));
      constraints['isObject'] = `item ${error.property} of ${parent.slice(parent.lastIndexOf('.') + 1)} must be an object`;
    }
  }
  return Object.keys(constraints).length > 0 ? constraints : undefined;
}

function unknownPropertyMessage(error: ValidationError): string {
  const base = `property ${error.property} is not part of the Send API contract (Engage would ignore it)`;
  const target: unknown = error.target;
  const dto: unknown = typeof target === 'object' && target !== null ? Object.getPrototypeOf(target)?.constructor : undefined;
  const hint = typeof dto === 'function' ? suggestProperty(error.property, knownProperties(dto as DtoClass)) : undefined;
  return hint === undefined ? base : `${base}; did you mean "${hint}"?`;
}
