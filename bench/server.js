#!/usr/bin/env node
/**
 * The benchmark's server: a minimal Engage stand-in that checks the
 * HMAC-SHA512 signature over the raw bytes and answers `ok` (or 422
 * `Invalid signature`). Runs in its own process, started by `bench/run.js`
 * (or `startServer()`), so its CPU is not the client's. Keeps no records:
 * a million-send soak must not grow it.
 *
 * Environment: BENCH_TOKEN (default `bench-token`), BENCH_PORT (default 0: a
 * free port). Reports `{ port }` over IPC when forked, and prints the port.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const token = process.env.BENCH_TOKEN || 'bench-token';
let refused = 0;

const server = createServer((req, res) => {
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    chunks.push(chunk);
    size += chunk.length;
  });
  req.on('end', () => {
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
    const expected = createHmac('sha512', token).update(body).digest();
    const given = Buffer.from(String(req.headers['x-smccsdk-signature'] ?? ''), 'hex');
    const ok = given.length === expected.length && timingSafeEqual(given, expected);
    if (!ok) refused++;
    const text = ok ? 'ok' : 'Invalid signature';
    res.writeHead(ok ? 200 : 422, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
});
// Keep connections for the whole run: the clients under test own keep-alive.
server.keepAliveTimeout = 120_000;
server.headersTimeout = 130_000;
server.requestTimeout = 0;

server.listen(Number(process.env.BENCH_PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address();
  if (process.send) process.send({ port });
  else console.log(`bench server on http://127.0.0.1:${port}`);
});

process.on('message', (message) => {
  if (message === 'stats') process.send?.({ refused });
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
