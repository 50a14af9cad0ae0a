/*
 * Types for class-transformer's metadata storage. The package ships it as
 * `cjs/storage.js` (the module its own `plainToInstance` reads, so the same
 * instance) but declares it only under `types/`, out of reach of a deep import.
 * Only what the fast path reads is declared (see transformer-metadata.ts).
 */
declare module 'class-transformer/cjs/storage.js' {
  import type { ExcludeMetadata, ExposeMetadata, TransformationType, TransformMetadata, TypeMetadata } from 'class-transformer';

  /** A class, as class-transformer's storage keys its metadata. */
  type MetadataTarget = abstract new (...args: never[]) => unknown;

  /** The part of class-transformer's `MetadataStorage` the fast path reads. */
  interface TransformerMetadataStorage {
    findTypeMetadata(target: MetadataTarget, propertyName: string): TypeMetadata | undefined;
    findTransformMetadatas(target: MetadataTarget, propertyName: string, transformationType: TransformationType): TransformMetadata[];
    getStrategy(target: MetadataTarget): 'excludeAll' | 'exposeAll' | 'none';
    getExposedMetadatas(target: MetadataTarget): ExposeMetadata[];
    getExcludedMetadatas(target: MetadataTarget): ExcludeMetadata[];
  }

  export const defaultMetadataStorage: TransformerMetadataStorage;
}
