import { afterEach, describe, expect, it } from '@jest/globals';

import { AUTHOR, EmulatorPool, envelope, post, SOURCE, VALID_PARAMS } from './emulator-test-kit.js';

const pool = new EmulatorPool();
afterEach(() => pool.stopAll());

const PUPPET = { ...AUTHOR, puppetizable: true };
const SELECT = { type: 'select', items: [{ title: 'Yes', payload: 'YES' }] };

/** A messages.create with `structured_content` from `author` (default: a puppetizable one). */
function message(structuredContent: unknown, author: Record<string, unknown> = PUPPET): string {
  return envelope('messages.create', { ...VALID_PARAMS['messages.create'], author, structured_content: structuredContent });
}

describe('EngageEmulator structured contents', () => {
  it.each([
    ['select', SELECT],
    ['rich_link', { type: 'rich_link', url: 'https://example.com', title: 'Example' }],
    ['template', { type: 'template', title: 'Choose', items: [{ type: 'reply', title: 'Yes' }] }],
    ['carousel', { type: 'carousel', items: [{ title: 'Card 1' }] }],
  ])('accepts a %s from a puppetizable author', async (_type, content) => {
    const { emulator, baseUrl } = await pool.start();
    const answer = await post(baseUrl, message(content));
    expect([answer.status, answer.body]).toEqual([200, 'ok']);
    expect(emulator.requests[0]?.params['structured_content']).toEqual(content);
  });

  it('accepts structured contents on private messages too', async () => {
    const { baseUrl } = await pool.start();
    const answer = await post(baseUrl, envelope('private_messages.create', { ...VALID_PARAMS['private_messages.create'], author: PUPPET, structured_content: SELECT }));
    expect(answer.body).toBe('ok');
  });

  it("answers 422 Source doesn't support structured contents without view.messaging", async () => {
    const { baseUrl } = await pool.start({ sources: [{ ...SOURCE, options: ['messages.text'] }] });
    const answer = await post(baseUrl, message(SELECT));
    expect([answer.status, answer.body]).toEqual([422, "Source doesn't support structured contents"]);
  });

  it.each([
    ['missing', { items: [{ title: 'Yes' }] }],
    ['empty', { type: '', items: [{ title: 'Yes' }] }],
    ['null', { type: null }],
  ])('answers 422 Type is required for structured contents when the type is %s', async (_label, content) => {
    const { baseUrl } = await pool.start();
    const answer = await post(baseUrl, message(content));
    expect([answer.status, answer.body]).toEqual([422, 'Type is required for structured contents']);
  });

  it("answers 422 Source doesn't support this type of structured content for an unknown or undeclared type", async () => {
    const { baseUrl } = await pool.start({ sources: [{ ...SOURCE, structuredContentTypes: ['select'] }] });
    const unknown = await post(baseUrl, message({ type: 'poll', items: [{ title: 'Yes' }] }));
    const undeclared = await post(baseUrl, message({ type: 'carousel', items: [{ title: 'Card' }] }));
    const declared = await post(baseUrl, message(SELECT));
    expect([unknown.status, unknown.body]).toEqual([422, "Source doesn't support this type of structured content"]);
    expect(undeclared.body).toBe("Source doesn't support this type of structured content");
    expect(declared.body).toBe('ok');
  });

  it.each([
    ['select', { type: 'select', items: [] }, 'items'],
    ['select', { type: 'select' }, 'items'],
    ['rich_link', { type: 'rich_link', title: 'T' }, 'url'],
    ['rich_link', { type: 'rich_link', url: '', title: '' }, 'url'],
    ['rich_link', { type: 'rich_link', url: 'https://example.com', title: null }, 'title'],
    ['template', { type: 'template', items: [] }, 'title'],
    ['carousel', { type: 'carousel', items: null }, 'items'],
  ])('answers 422 for an empty mandatory attribute of %s: %j → "%s"', async (_type, content, attribute) => {
    const { baseUrl } = await pool.start();
    const answer = await post(baseUrl, message(content));
    expect([answer.status, answer.body]).toEqual([422, `structured_content: "${attribute}" must not be empty`]);
  });

  it('answers 422 The author must be puppetizable for an author not marked puppetizable', async () => {
    const { baseUrl } = await pool.start();
    const plain = await post(baseUrl, message(SELECT, AUTHOR));
    const falseFlag = await post(baseUrl, message(SELECT, { ...AUTHOR, puppetizable: false }));
    const stringFlag = await post(baseUrl, message(SELECT, { ...AUTHOR, puppetizable: 'true' }));
    for (const answer of [plain, falseFlag, stringFlag]) expect([answer.status, answer.body]).toEqual([422, 'The author must be puppetizable']);
  });

  it('treats an author created puppetizable through users.create on the same source as puppetizable', async () => {
    const other = { id: 'src-2', accessToken: 'token-2' };
    const { emulator, baseUrl } = await pool.start({ sources: [SOURCE, other] });
    const user = { id: AUTHOR.id, screenname: AUTHOR.screenname, created_at: '2019-11-07', updated_at: '2019-11-07', puppetizable: true };
    expect((await post(baseUrl, message(SELECT, AUTHOR))).body).toBe('The author must be puppetizable');
    expect((await post(baseUrl, envelope('users.create', user))).body).toBe('ok');
    expect((await post(baseUrl, message(SELECT, AUTHOR))).body).toBe('ok');

    // Per source: the other source never saw that users.create.
    const elsewhere = await post(baseUrl, message(SELECT, AUTHOR), { sourceId: other.id, token: other.accessToken });
    expect(elsewhere.body).toBe('The author must be puppetizable');

    // A later users.create without the flag withdraws it; reset() forgets it too.
    expect((await post(baseUrl, envelope('users.create', { ...user, puppetizable: false }))).body).toBe('ok');
    expect((await post(baseUrl, message(SELECT, AUTHOR))).body).toBe('The author must be puppetizable');
    await post(baseUrl, envelope('users.create', user));
    emulator.reset();
    expect((await post(baseUrl, message(SELECT, AUTHOR))).body).toBe('The author must be puppetizable');
  });

  it('does not register a puppetizable user from a refused users.create', async () => {
    const { baseUrl } = await pool.start();
    const incomplete = await post(baseUrl, envelope('users.create', { id: AUTHOR.id, puppetizable: true }));
    expect(incomplete.body).toBe('Invalid resource format');
    expect((await post(baseUrl, message(SELECT, AUTHOR))).body).toBe('The author must be puppetizable');
  });

  it('checks view.messaging, then type, then support, then attributes, then the author', async () => {
    const { baseUrl } = await pool.start({ sources: [{ ...SOURCE, structuredContentTypes: ['select'] }] });
    expect((await post(baseUrl, message({ items: [{ title: 'A' }] }, AUTHOR))).body).toBe('Type is required for structured contents');
    expect((await post(baseUrl, message({ type: 'carousel' }, AUTHOR))).body).toBe("Source doesn't support this type of structured content");
    expect((await post(baseUrl, message({ type: 'select' }, AUTHOR))).body).toBe('structured_content: "items" must not be empty');
  });
});
