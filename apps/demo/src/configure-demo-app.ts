import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { NestApplicationOptions } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { setUpApiDocs } from './docs/api-docs.js';
import { LOOPBACK_HOST_NAMES, type AllowedHosts } from './request-rules/allowed-hosts.js';
import { hostOriginCheck } from './request-rules/host-origin-check.middleware.js';
import { useJsonBodyParser } from './request-rules/json-body-parser.js';

/**
 * Options the demo app is created with, by `bootstrap` and the tests alike.
 * `bodyParser: false`: no urlencoded parser (Nest's default adds one);
 * {@link configureDemoApp} installs the JSON one.
 */
export const DEMO_APP_OPTIONS = { bodyParser: false } as const satisfies NestApplicationOptions;

/** The inspector page's files (plain HTML, CSS and JS: no build step). Same relative place from src/ and dist/. */
export const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));

/** The page runs its own script and style only; it calls the demo and nothing else. */
const PAGE_SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
};

/** What {@link configureDemoApp} needs from the environment. */
export interface DemoAppSettings {
  /** Host names the demo answers to. Default: loopback names only. */
  readonly allowedHosts?: AllowedHosts;
}

/**
 * Settings shared by `bootstrap` and the tests, applied before `init()`/`listen()`,
 * in the order requests meet them: the Host/Origin check (before any body is
 * read), the JSON body parser, the inspector page's files, then the API docs.
 * No ValidationPipe on purpose: it would strip or reject fields by its own
 * rules; the library validates every send against the Send API contract.
 */
export function configureDemoApp(app: NestExpressApplication, settings: DemoAppSettings = {}): NestExpressApplication {
  app.use(hostOriginCheck(settings.allowedHosts ?? new Set(LOOPBACK_HOST_NAMES)));
  useJsonBodyParser(app);
  app.useStaticAssets(PUBLIC_DIR, {
    index: 'index.html',
    setHeaders: (res: ServerResponse) => {
      for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) res.setHeader(name, value);
    },
  });
  setUpApiDocs(app);
  return app;
}
