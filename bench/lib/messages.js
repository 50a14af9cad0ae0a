/**
 * The message mixes of the benchmark: every variant sends the same params
 * objects, built once per process (the harness measures sends, not object
 * construction). Each is a valid `messages.create` under the Send API contract.
 */

/** Distinct objects cycled through per mix, so no variant sends one object over and over. */
const POOL_SIZE = 64;

const AUTHOR = { id: 'user-666', screenname: 'John Doe' };
const PUPPET = { id: 'bot-1', screenname: 'Support bot', puppetizable: true };

function small(i) {
  return { id: `msg-${i}`, thread_id: `thread-${i % 8}`, author: AUTHOR, body: `Still down! (${i})`, format: 'text' };
}

/** About 2 KB of serialised body, with some non-ASCII text, categories and context data. */
function twoKb(i) {
  const sentence = 'My internet is down again — the router blinks orange, I rebooted it twice. Crème brûlée? ';
  return {
    id: `msg-2k-${i}`,
    thread_id: `thread-${i % 8}`,
    author: { ...AUTHOR, firstname: 'John', lastname: 'Doe', email: 'john@example.com' },
    body: sentence.repeat(20).slice(0, 1800),
    format: 'text',
    categories: ['Internet', 'Router'],
    context_data: { country: 'Germany', plan: ['fiber', 'tv'] },
    created_at: '2024-05-01T10:00:00Z',
  };
}

/** A carousel of three cards with buttons: the deepest nesting the contract has. */
function structured(i) {
  const card = (n) => ({
    title: `Plan ${n}`,
    subtitle: 'Fast fiber, no contract',
    url: `https://example.com/plans/${n}`,
    url_text: 'See the plan',
    attachment_url: `https://example.com/plans/${n}.png`,
    items: [
      { type: 'url', title: 'Details', url: `https://example.com/plans/${n}/details` },
      { type: 'reply', title: 'Choose', payload: `CHOOSE_${n}` },
    ],
  });
  return {
    id: `msg-sc-${i}`,
    thread_id: `thread-${i % 8}`,
    author: PUPPET,
    body: 'Which plan?',
    structured_content: { type: 'carousel', items: [card(1), card(2), card(3)] },
  };
}

/** Mix name → builder of the i-th params object. */
export const MIXES = { small, '2kb': twoKb, structured };

/** The mixes, in the order they are run and reported. */
export const MIX_NAMES = Object.keys(MIXES);

/** `POOL_SIZE` params objects of a mix. */
export function paramsPool(mix) {
  const build = MIXES[mix];
  if (build === undefined) throw new Error(`unknown mix ${mix}`);
  return Array.from({ length: POOL_SIZE }, (_, i) => build(i));
}

/** A `messages.create` whose serialised body is about `bytes` bytes, filled by a base64 attachment. */
export function largeParams(bytes) {
  const shell = { id: 'msg-large', thread_id: 'thread-1', author: AUTHOR, body: 'See attachment', attachments: [{ content: '', filename: 'big.bin' }] };
  const overhead = JSON.stringify({ action: 'messages.create', params: shell }).length;
  // A flat one-byte string, built without the intermediate ropes of String#repeat.
  const content = Buffer.alloc(Math.max(0, Math.floor((bytes - overhead) / 4)) * 4, 'QUJD').toString('latin1');
  return { ...shell, attachments: [{ content, filename: 'big.bin' }] };
}
