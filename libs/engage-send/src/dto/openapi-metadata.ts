import { ENGAGE_DATE_FORMS, type FieldRule, type ObjectRule } from '../contract/index.js';
import type { DtoResolver } from './field-validators.js';

/*
 * OpenAPI metadata of a DTO, from the contract: the static
 * `_OPENAPI_METADATA_FACTORY` that `@nestjs/swagger` reads (the shape its CLI
 * plugin generates), so apps documenting routes with these DTOs get every
 * field's requirement, limits, enums and an example without this library
 * depending on `@nestjs/swagger`.
 */

/** The static method `@nestjs/swagger` looks for on a model class. */
export const OPENAPI_METADATA_FACTORY = '_OPENAPI_METADATA_FACTORY';

/** One property's metadata, as `@ApiProperty()` options. */
export type OpenApiProperty = Record<string, unknown>;

function describe(field: FieldRule): string {
  const { required } = field;
  if (required === undefined || required === true) return field.description;
  const conditions = [
    required.unlessOption && `unless the source has the \`${required.unlessOption}\` option`,
    required.unlessGiven && `unless ${required.unlessGiven.map((f) => `\`${f}\``).join(' or ')} is given`,
    required.ifGiven && `when \`${required.ifGiven}\` is given`,
    required.ifEquals && `when \`${required.ifEquals.field}\` is \`${required.ifEquals.value}\``,
  ].filter(Boolean);
  return `${field.description} Required ${conditions.join(', ')}.`;
}

function property(field: FieldRule, dtoFor: DtoResolver): OpenApiProperty {
  const common: OpenApiProperty = { required: field.required === true, description: describe(field) };
  if (field.example !== undefined) common['example'] = field.example;
  switch (field.type) {
    case 'string':
      return {
        ...common,
        type: () => String,
        ...(field.maxChars === undefined ? {} : { maxLength: field.maxChars }),
        ...(field.oneOf === undefined ? {} : { enum: [...field.oneOf] }),
        ...(field.format === 'http-url' || field.format === 'link-url' ? { format: 'uri' } : field.format === 'base64' ? { format: 'byte' } : {}),
      };
    case 'boolean':
      return { ...common, type: () => Boolean };
    case 'date':
      return { ...common, oneOf: [{ type: 'string' }, { type: 'number' }], description: `${describe(field)} ${ENGAGE_DATE_FORMS}.` };
    case 'strings':
      return { ...common, type: () => [String] };
    case 'context-data':
      return { ...common, type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } };
    case 'object':
      return { ...common, type: () => dtoFor(field.object!) };
    case 'objects':
      return {
        ...common,
        type: () => [dtoFor(field.object!)],
        ...(field.minItems === undefined ? {} : { minItems: field.minItems }),
        ...(field.maxItems === undefined ? {} : { maxItems: field.maxItems }),
      };
    case 'variant':
      // A union has no class: document the choice, and the types by name.
      return { ...common, type: 'object', description: `${describe(field)} One of: ${Object.values(field.variants!).map((v) => v.name).join(', ')} (by \`type\`).` };
  }
}

/** The `_OPENAPI_METADATA_FACTORY` of a DTO following `rule`. */
export function openApiMetadataFactory(rule: ObjectRule, dtoFor: DtoResolver): () => Record<string, OpenApiProperty> {
  return () => Object.fromEntries(Object.entries(rule.fields).map(([name, field]) => [name, property(field, dtoFor)]));
}
