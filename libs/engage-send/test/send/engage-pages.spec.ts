import { describe, expect, it } from '@jest/globals';
import { type EngageAction } from '../../src/index.js';
import { sendFixture } from '../support/emulator.fixture.js';
import { SPEC_EXAMPLES } from '../validation/field-rules.cases.js';

/*
 * Payloads as Engage's own pages write them (Send API, Quick start, Objects,
 * Structured messages), with only the ids a send needs around them. Every one
 * must be taken by the client and answered 200 by the emulator: a local
 * refusal of what Engage takes is the worst bug a client can have.
 */

const puppet = { id: '666', screenname: 'John Doe', puppetizable: true };

const PAGES: { page: string; action: EngageAction; params: Record<string, unknown> }[] = [
  ...SPEC_EXAMPLES.map((example, i) => ({ page: `Send API, example ${i + 1}`, ...example })),
  { page: 'Quick start: users.create', action: 'users.create', params: { id: '666', screenname: 'John Doe', puppetizable: true, created_at: '06/11/2017' } },
  { page: "Send API: the example's author sent as a user", action: 'users.create', params: { id: '666', created_at: '07/11/2019', screenname: 'John Doe' } },
  { page: 'Objects: attachment by URL', action: 'messages.create', params: { id: '891', thread_id: '42', author: puppet, attachments: [{ url: 'https://www.ringcentral.com/brand.png' }] } },
  {
    page: 'Objects: base64 attachment (unpadded, as written)',
    action: 'messages.create',
    params: { id: '892', thread_id: '42', author: puppet, attachments: [{ content: 'iVBORw0KGgoAAAANSUhEUgAAAfUAAAH2CAIAAAD', filename: 'master.jpg' }] },
  },
  {
    page: 'Objects: context_data example',
    action: 'messages.create',
    params: { id: '893', thread_id: '42', author: puppet, body: 'Hi', categories: ['TV', 'Internet'], context_data: { country: 'Germany', age: '34', fruits: ['Apple', 'Pear'] } },
  },
  {
    page: 'Structured messages: select',
    action: 'messages.create',
    params: {
      id: '894',
      thread_id: '42',
      author: puppet,
      body: 'What do you wish?',
      structured_content: { type: 'select', items: [{ title: 'Option 1', payload: 'first_option' }, { title: 'Option 2', payload: 'second_option' }, { title: 'Option 3' }] },
    },
  },
  {
    page: 'Structured messages: rich link, no body',
    action: 'messages.create',
    params: {
      id: '895',
      thread_id: '42',
      author: puppet,
      structured_content: { type: 'rich_link', url: 'github://github.com/ringcentral', url_text: 'Github', title: 'Ringcentral, Inc.', subtitle: 'Cloud Business Communications.', attachment_url: 'https://www.ringcentral.com/brand.png' },
    },
  },
  {
    page: 'Structured messages: template, no body',
    action: 'private_messages.create',
    params: {
      id: '896',
      author: puppet,
      recipient: { id: 'agent-1', screenname: 'Agent' },
      structured_content: {
        type: 'template',
        title: 'Ringcentral, Inc.',
        subtitle: 'Cloud Business Communications.',
        items: [
          { title: 'Go to website', type: 'url', url: 'github://github.com/ringcentral' },
          { title: 'Ok', type: 'reply' },
          { title: 'Give me more', type: 'reply', payload: 'more' },
        ],
      },
    },
  },
  {
    page: 'Structured messages: carousel as written (attachment_id, url_fallback: fields Engage reads elsewhere)',
    action: 'messages.create',
    params: {
      id: '897',
      thread_id: '42',
      author: puppet,
      structured_content: {
        type: 'carousel',
        items: [
          {
            attachment_id: '<attachment_id>',
            attachment_fallback_id: '<attachment_id>',
            title: 'Ringcentral, Inc.',
            subtitle: 'Cloud Business Communications.',
            items: [
              { title: 'Go to website', type: 'url', url: 'github://github.com/ringcentral', url_fallback: 'https://github.com/ringcentral' },
              { title: 'Ok', type: 'reply' },
              { title: 'Give me more', type: 'reply', payload: 'more' },
            ],
          },
          {
            attachment_id: '<attachment_id>',
            title: 'Ringcentral, Inc.',
            url: 'github://github.com/ringcentral',
            url_fallback: 'https://github.com/ringcentral',
            url_text: 'Github',
            items: [
              { title: 'Go to website', type: 'url', url: 'https://github.com/ringcentral' },
              { title: 'Ok', type: 'reply' },
              { title: 'Give me more', type: 'reply', payload: 'more' },
            ],
          },
        ],
      },
    },
  },
];

describe("payloads from Engage's own pages, through the service to the emulator", () => {
  const fixture = sendFixture();

  it.each(PAGES.map((p) => [p.page, p] as const))('%s: taken by the client, 200 from the emulator, sent as written', async (_page, { action, params }) => {
    await expect(fixture.engage.send(action, params as never)).resolves.toMatchObject({ status: 200 });
    expect(fixture.emulator.refused).toEqual([]);
    expect(fixture.emulator.requests).toHaveLength(1);
    expect(JSON.parse(fixture.emulator.requests[0]!.rawBody.toString('utf8'))).toEqual({ action, params });
  });
});
