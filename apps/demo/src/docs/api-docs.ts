import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Where Swagger UI is served; the OpenAPI document is at `${DOCS_PATH}-json`. */
export const DOCS_PATH = 'docs';

/**
 * OpenAPI for the demo's routes, with `@nestjs/swagger`: each sending route's
 * body is the library's own DTO (its required fields, limits, enums and
 * examples come from the library's metadata), served as Swagger UI at `/docs`
 * and as JSON at `/docs-json`. "Try it out" calls the demo from its own page,
 * as JSON: it passes the demo's browser rules.
 */
export function setUpApiDocs(app: NestExpressApplication): void {
  const config = new DocumentBuilder()
    .setTitle('engage-send demo')
    .setDescription(
      'One route per Send API action of RingCentral Engage Digital. Each takes a JSON object (Content-Type: application/json), ' +
        'validates it against the Send API contract, signs it and sends it to Engage (or to the embedded emulator). ' +
        'The inspector at / shows what was sent and received.',
    )
    .build();
  SwaggerModule.setup(DOCS_PATH, app, () => SwaggerModule.createDocument(app, config), { raw: ['json'] });
}
