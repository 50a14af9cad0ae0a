import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { EngageEmulator } from 'engage-send/testing';
import request from 'supertest';
import { DEMO_CONTROLLERS } from '../../apps/demo/src/routes/demo-controllers.js';
import { listRoutes } from '../../apps/demo/src/routes/route-table.js';
import { createDemoApp } from './create-demo-app.js';

/*
 * Issue 12: OpenAPI and Swagger UI at /docs, from the library's own DTOs —
 * every route's body with its required fields, limits, enums and an example.
 */

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  example?: unknown;
  enum?: unknown[];
  maxLength?: number;
};
interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string; required: boolean }[]; requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}

/** What each route's body must show: its required fields, and where the contract has them, a limit, an enum and examples. */
const EXPECTED: Record<string, { required: string[]; limit?: [string, number]; enum?: [string, unknown[]]; example?: string; absent?: string[] }> = {
  'POST /threads': { required: ['id'], limit: ['body', 20_000], enum: ['format', ['html', 'text']], example: 'id' },
  'POST /users': { required: ['id', 'screenname'], enum: ['gender', expect.arrayContaining(['man', 'woman']) as unknown as unknown[]], example: 'screenname' },
  'POST /messages': { required: ['id', 'author'], limit: ['body', 20_000], enum: ['format', ['html', 'text']], example: 'body' },
  'POST /private-messages': { required: ['id', 'recipient', 'author'], limit: ['body', 20_000], enum: ['format', ['html', 'text']], example: 'body' },
  'POST /messages/{id}/read': { required: [], absent: ['id'] },
  'POST /threads/{threadId}/typing': { required: ['preview'], example: 'preview', absent: ['thread_id'] },
  'DELETE /threads/{threadId}/typing': { required: [], absent: ['thread_id', 'preview'] },
};

describe('OpenAPI document and Swagger UI (/docs)', () => {
  let emulator: EngageEmulator;
  let app: NestExpressApplication;
  let doc: OpenApiDocument;

  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return doc.components.schemas[schema.$ref.split('/').pop()!]!;
    if (schema.allOf?.length === 1) return resolve(schema.allOf[0]!);
    return schema;
  };
  /** The body Swagger UI's "Try it out" starts from: the examples of the schema, nested objects included. */
  const exampleOf = (schema: Schema): unknown => {
    const s = resolve(schema);
    if (s.example !== undefined) return s.example;
    if (s.type === 'array' && s.items) return [exampleOf(s.items)];
    if (s.properties) {
      return Object.fromEntries(Object.entries(s.properties).flatMap(([name, property]) => {
        const value = exampleOf(property);
        return value === undefined ? [] : [[name, value]];
      }));
    }
    return undefined;
  };

  beforeAll(async () => {
    emulator = new EngageEmulator({ sources: [{ id: 'docs-source', accessToken: 'docs-token' }] });
    const baseUrl = await emulator.start(0, '127.0.0.1');
    app = await createDemoApp({ baseUrl, sourceId: 'docs-source', accessToken: 'docs-token' });
    const res = await request(app.getHttpServer()).get('/docs-json');
    expect(res.status).toBe(200);
    doc = res.body as OpenApiDocument;
  });

  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await request(app.getHttpServer()).get('/docs');
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
  });

  it('documents every sending route, and no other sending route', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations).filter(([, op]) => op.requestBody).map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    const served = listRoutes(DEMO_CONTROLLERS).map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(new Set(documented)).toEqual(new Set(served));
    expect(Object.keys(EXPECTED).sort()).toEqual([...served].sort());
  });

  it.each(Object.entries(EXPECTED))('%s: a JSON body with the library’s required fields, limits, enums and examples', (route, expected) => {
    const [method, path] = route.split(' ') as [string, string];
    const operation = doc.paths[path]![method.toLowerCase()]!;
    expect(Object.keys(operation.requestBody!.content)).toEqual(['application/json']);
    const schema = resolve(operation.requestBody!.content['application/json']!.schema);
    const properties = schema.properties ?? {};

    expect(schema.required ?? []).toEqual(expect.arrayContaining(expected.required));
    if (expected.limit) expect(properties[expected.limit[0]]?.maxLength).toBe(expected.limit[1]);
    if (expected.enum) expect(properties[expected.enum[0]]?.enum).toEqual(expected.enum[1]);
    if (expected.example) expect(properties[expected.example]?.example).toBeDefined();
    for (const name of expected.absent ?? []) expect(properties).not.toHaveProperty(name);
    for (const param of path.match(/\{(\w+)\}/g) ?? []) {
      expect(operation.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: param.slice(1, -1), in: 'path', required: true })]));
    }
  });

  it('nests the library’s own schemas (a message’s author is a User, with its required fields)', () => {
    const message = resolve({ $ref: '#/components/schemas/MessagesCreateDto' });
    expect(resolve(message.properties!['author']!).required).toEqual(expect.arrayContaining(['id', 'screenname']));
  });

  it.each(Object.keys(EXPECTED))('%s: the example body the document gives is sent as it is', async (route) => {
    const [method, path] = route.split(' ') as [string, string];
    const body = exampleOf(doc.paths[path]![method.toLowerCase()]!.requestBody!.content['application/json']!.schema);
    const url = path.replace('{id}', 'docs-example-1').replace('{threadId}', `docs-thread-${method}`);
    const res = await request(app.getHttpServer())[method === 'POST' ? 'post' : 'delete'](url).send(body as object);

    expect(res.status).toBeLessThan(300);
    expect(emulator.requests.at(-1)?.action).toBe(res.body.action);
  });
});
