import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, FileTypeValidator, Get, Req } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';

// package.json `overrides` swap two Node 22-only transitive dependencies for
// their Node 20 releases (see the README's Requirements). These tests fail if
// a swapped-in version stops doing the job its dependent needs.

describe('file-type 21 under @nestjs/common (FileTypeValidator)', () => {
  // The 8-byte PNG signature and an IHDR chunk header: enough for magic-number detection.
  const png = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001080600000000', 'hex');
  const validator = new FileTypeValidator({ fileType: 'image/png' });

  it('recognises a PNG by its magic number', async () => {
    await expect(validator.isValid({ mimetype: 'image/png', buffer: png, size: png.length } as never)).resolves.toBe(true);
  });

  it('refuses text that only claims to be a PNG', async () => {
    const text = Buffer.from('not an image, whatever the mimetype says');
    await expect(validator.isValid({ mimetype: 'image/png', buffer: text, size: text.length } as never)).resolves.toBe(false);
  });
});

@Controller('cookies')
class CookieEchoController {
  @Get()
  echo(@Req() req: { headers: Record<string, string | undefined> }) {
    return { cookie: req.headers.cookie ?? null };
  }
}

describe('cookie 1.1 under light-my-request (Fastify inject)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [CookieEchoController] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('encodes the cookies it is given into the request', async () => {
    const response = await app.inject({ method: 'GET', url: '/cookies', cookies: { session: 'a b;c', theme: 'dark' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ cookie: 'session=a%20b%3Bc; theme=dark' });
  });
});
