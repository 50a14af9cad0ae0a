import { TransformationType, type TypeMetadata } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import type { DtoClass } from './property-hints.js';

/*
 * What class-transformer's `plainToInstance` does with a class and its
 * properties, read from its own metadata (the `@Type`, `@Transform`, `@Expose`
 * and `@Exclude` decorators), for the fast path's copy (instance-copy.ts).
 *
 * The storage is class-transformer's internal `defaultMetadataStorage`, which
 * it exports from `cjs/storage.js` only (as @nestjs/mapped-types also reads
 * it). Should that ever be a different instance from the one the decorators
 * wrote to (a bundler mixing its ESM and CJS builds), no `@Type` would be
 * found: compile-plan.ts then refuses every class with a nested rule, and the
 * fast path falls back to the slow one rather than guessing.
 */

/** How class-transformer copies one property of a class. */
export type PropertyTransform =
  /** Copied as untyped data (plain objects stay plain, arrays and Dates are copied). */
  | { readonly kind: 'plain' }
  /** `@Type`: turned into an instance of the class its type function picks. */
  | { readonly kind: 'typed'; readonly metadata: TypeMetadata }
  /** Something the fast path does not mirror (`@Transform`, a discriminator, a Map). */
  | { readonly kind: 'unsupported'; readonly reason: string };

const PLAIN: PropertyTransform = Object.freeze({ kind: 'plain' });

/** How class-transformer copies the property `key` of `cls` (own or inherited decorators). */
export function propertyTransform(cls: DtoClass, key: string): PropertyTransform {
  if (defaultMetadataStorage.findTransformMetadatas(cls, key, TransformationType.PLAIN_TO_CLASS).length > 0) {
    return { kind: 'unsupported', reason: `@Transform on ${cls.name}.${key}` };
  }
  const metadata = defaultMetadataStorage.findTypeMetadata(cls, key);
  if (metadata === undefined) return PLAIN;
  if (metadata.options?.discriminator !== undefined) {
    return { kind: 'unsupported', reason: `@Type discriminator on ${cls.name}.${key}` };
  }
  // A Map-typed property is copied into a Map, which the fast path does not produce.
  if (metadata.reflectedType === Map) return { kind: 'unsupported', reason: `Map-typed ${cls.name}.${key}` };
  return { kind: 'typed', metadata };
}

/**
 * Why class-transformer would copy instances of `cls` otherwise than "every own
 * enumerable key" (class-level or property `@Expose`/`@Exclude`), or
 * `undefined` when it copies them that way.
 */
export function classTransformUnsupported(cls: DtoClass): string | undefined {
  if (defaultMetadataStorage.getStrategy(cls) !== 'none') return `class-level @Expose/@Exclude on ${cls.name}`;
  if (defaultMetadataStorage.getExposedMetadatas(cls).length > 0) return `@Expose in ${cls.name}`;
  if (defaultMetadataStorage.getExcludedMetadatas(cls).length > 0) return `@Exclude in ${cls.name}`;
  return undefined;
}
