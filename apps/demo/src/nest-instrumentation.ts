import type { InstrumentationNodeModuleDefinition } from '@opentelemetry/instrumentation';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';

/** The `@nestjs/core` versions the demo lets the instrumentation patch. */
export const NEST_CORE_VERSIONS = ['>=4.0.0 <13'];

/**
 * `@opentelemetry/instrumentation-nestjs-core`, also applied to Nest 12.
 *
 * Its 0.70 line (the last for Node 20 and the OpenTelemetry 2.x SDK) declares
 * `>=4.0.0 <12` and so silently skips Nest 12. What it patches is unchanged in
 * Nest 12 (`NestFactoryStatic.prototype.create` in `nest-factory.js`, and
 * `RouterExecutionContext.prototype.create(instance, callback, …)` in
 * `router/router-execution-context.js`), so the demo widens the range; the
 * e2e test `test/demo/demo-tracing.e2e-spec.ts` fails if the Nest spans stop appearing.
 * Drop this class for the plain `NestInstrumentation` once a release covers Nest 12.
 */
export class Nest12Instrumentation extends NestInstrumentation {
  // `init` runs inside the base constructor, before any field of this class exists.
  override init(): InstrumentationNodeModuleDefinition {
    const definition = super.init();
    definition.supportedVersions = NEST_CORE_VERSIONS;
    for (const file of definition.files) file.supportedVersions = NEST_CORE_VERSIONS;
    return definition;
  }
}
