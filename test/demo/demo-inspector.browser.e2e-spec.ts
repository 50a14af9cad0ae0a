import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bootstrap, type RunningDemo } from '../../apps/demo/src/bootstrap.js';
import { launchChromium, SCREENSHOT_DIR, type Browser } from './browser.js';

/*
 * The inspector page at `/`, in a real headless Chromium: it shows what the
 * demo sent and what the embedded emulator received, live, and its form sends
 * a message — all under the demo's JSON-only and Host rules. Then a page of
 * another site (evil.example, mapped to loopback) tries what issue 9 found
 * possible, and nothing is sent.
 */

const now = new Date().toISOString();
const author = { id: 'browser-user-1', screenname: 'Jane Doe', created_at: now, updated_at: now };

describe('inspector page in Chromium', () => {
  let demo: RunningDemo;
  let browser: Browser;

  beforeAll(async () => {
    demo = await bootstrap({ env: { PORT: '0' }, logger: false });
    browser = await launchChromium(['--host-resolver-rules=MAP evil.example 127.0.0.1']);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('shows sends live, from its own form and from elsewhere, with what the emulator received', async () => {
    demo.emulator!.reset();
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(demo.url);
    await page.locator('#live', { hasText: 'live' }).waitFor();
    await expect(page.locator('#target').textContent()).resolves.toContain('embedded Engage emulator');

    // The form: POST /messages as JSON, from the demo's own origin.
    await page.fill('input[name=thread_id]', 'thread-browser-1');
    await page.fill('textarea[name=body]', 'Sent from the inspector form');
    await page.click('button[type=submit]');
    await page.locator('#answer', { hasText: '201 Created' }).waitFor();
    const sentRow = page.locator('#sent tbody tr[data-action="messages.create"]');
    await sentRow.waitFor();
    await expect(sentRow.locator('td').nth(4).textContent()).resolves.toMatch(/^201 ok, 1 attempt\(s\)/);
    await expect(sentRow.locator('td.ids').textContent()).resolves.toContain('thread_id=thread-browser-1');
    const receivedRow = page.locator('#received tbody tr[data-action="messages.create"]');
    await receivedRow.waitFor();
    await expect(receivedRow.locator('td.signature').textContent()).resolves.toBe('verified');
    await expect(receivedRow.locator('td').nth(4).textContent()).resolves.toBe('200 ok');

    // A send from outside the page appears without a reload.
    const res = await fetch(`${demo.url}/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(author) });
    expect(res.status).toBe(201);
    await page.locator('#sent tbody tr[data-action="users.create"]').waitFor();
    await page.locator('#received tbody tr[data-action="users.create"]').waitFor();

    // A refused send shows as such on both sides: an unknown thread is fine, a wrong signature is not possible here, so use a validation error.
    await fetch(`${demo.url}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'm-2' }) });
    const refused = page.locator('#sent tbody tr', { hasText: 'ENGAGE_VALIDATION' });
    await refused.waitFor();
    await expect(refused.locator('td').nth(4).textContent()).resolves.toMatch(/^400 ENGAGE_VALIDATION/);

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'inspector.png'), fullPage: true });
    expect(demo.emulator!.requests.map((r) => r.action)).toEqual(['messages.create', 'users.create']);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('renders Swagger UI at /docs, with the Send API routes', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${demo.url}/docs`);
    await page.locator('.opblock-summary-path', { hasText: '/messages/{id}/read' }).waitFor();
    const paths = await page.locator('.opblock-summary-path').allTextContents();

    expect(paths.map((p) => p.replace(/\u200b/g, ''))).toEqual(
      expect.arrayContaining(['/threads', '/users', '/messages', '/messages/{id}/read', '/private-messages', '/threads/{threadId}/typing']),
    );
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'docs.png') });
    await page.close();
  }, 30_000);

  describe('a page of another site', () => {
    let evil: Server;
    let evilPort: number;

    beforeAll(async () => {
      // What any site a developer visits could serve: it targets the demo on loopback.
      evil = createServer((req, res) => {
        const demoUrl = new URL(req.url ?? '/', 'http://x').searchParams.get('demo') ?? '';
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><title>evil</title>
<form id="f" method="POST" action="${demoUrl}/messages/forged-1/read" enctype="text/plain" target="sink"><input name='{"a":"' value='"}'></form>
<form id="g" method="POST" action="${demoUrl}/messages/forged-2/read" target="sink2"><input name="id" value="forged-2"></form>
<iframe name="sink"></iframe><iframe name="sink2"></iframe>
<script>
  window.attempts = Promise.allSettled([
    fetch('${demoUrl}/messages/forged-3/read', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'application/json' }, body: '{}' }),
    fetch('${demoUrl}/messages/forged-4/read', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
  ]).then((results) => results.map((r) => r.status));
  document.getElementById('f').submit();
  document.getElementById('g').submit();
</script>`);
      });
      await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
      evilPort = (evil.address() as AddressInfo).port;
    });

    afterAll(async () => {
      // Chromium keeps its connections to the page open.
      evil.closeAllConnections();
      await new Promise<void>((resolve) => evil.close(() => resolve()));
    });

    it('cannot make the demo send: forms, no-cors and CORS fetches are refused', async () => {
      demo.emulator!.reset();
      const page = await browser.context.newPage();
      const answers: { url: string; status: number }[] = [];
      page.on('response', (response) => {
        if (response.url().startsWith(demo.url)) answers.push({ url: response.url(), status: response.status() });
      });
      await page.goto(`http://evil.example:${evilPort}/?demo=${encodeURIComponent(demo.url)}`);
      const fetches = await page.evaluate(() => (globalThis as unknown as { attempts: Promise<string[]> }).attempts);
      await page.waitForTimeout(500);

      // The no-cors fetch "succeeds" opaquely (its answer was a refusal); the CORS one fails its preflight.
      expect(fetches).toEqual(['fulfilled', 'rejected']);
      expect(answers.length).toBeGreaterThanOrEqual(2);
      expect(answers.every((a) => a.status >= 400)).toBe(true);
      expect(demo.emulator!.received).toBe(0);
      await page.close();
    }, 30_000);

    it('cannot drive the demo by rebinding its own name to it (Host check)', async () => {
      demo.emulator!.reset();
      const demoPort = new URL(demo.url).port;
      const page = await browser.context.newPage();
      // evil.example now resolves to the demo: same origin as far as the browser knows.
      const response = await page.goto(`http://evil.example:${demoPort}/`);
      expect(response?.status()).toBe(403);
      const status = await page.evaluate(async () => {
        const res = await fetch('/messages/rebound-1/read', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        return res.status;
      });

      expect(status).toBe(403);
      expect(demo.emulator!.received).toBe(0);
      await page.close();
    }, 30_000);
  });
});
