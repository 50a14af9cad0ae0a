import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isBase64, isDayMonthYear, isEngageDate, isHttpUrl, isIso8601, isLinkUrl } from '../../src/contract/index.js';
import { PLAIN_HTTP_URL } from '../../src/contract/value-formats.js';
import { countCodePoints, exceedsCodePoints } from '../../src/validation/code-points.js';
import { listableParams, MAX_LISTED_KEYS_PER_OBJECT } from '../../src/validation/listable-params.js';
import { MAX_HINTED_KEY_CHARS, suggestProperty } from '../../src/validation/property-hints.js';

describe('ISO 8601 dates: every form', () => {
  it.each([
    '2012-02-10',
    '2012-10-01T17:18:40Z',
    '2012-10-01t17:18:40z',
    '2012-10-01T17:18Z',
    '2012-10-01T17:18:40.123Z',
    '2012-10-01T17:18:40,5Z',
    '2012-10-01T17:18:40.123456789123Z',
    '2012-10-01T17:18:40+02:00',
    '2012-10-01T17:18:40-0530',
    '2012-10-01T17:18:40+02',
    '2012-10-01T17:18:40',
    '2012-10-01T17',
    '2020-02-29',
    '2000-02-29T00:00:00Z',
    // basic format
    '20120210',
    '20121001T171840Z',
    '20121001T171840+0200',
    '20121001T1718',
    // reduced precision, ordinal and week dates, expanded years
    '2012-02',
    '2012',
    '2012-041',
    '2012041',
    '2012-W06',
    '2012-W06-5',
    '2012W065',
    '+002012-02-10T00:00:00Z',
    // end of day, leap second; RFC 3339's space separator
    '2012-10-01T24:00:00Z',
    '2016-12-31T23:59:60Z',
    '2012-02-10 17:18:40Z',
  ])('accepts %s', (value) => expect(isIso8601(value)).toBe(true));

  it.each([
    'yesterday',
    'now',
    '2012-2-10',
    '201202',
    '2012/02/10',
    '2012-02-30',
    '2019-02-29',
    '1900-02-29',
    '2012-00-10',
    '2012-13-10',
    '2013-366',
    '2012-W54',
    '2012-W06-8',
    '2012-10-01T24:01:00Z',
    '2012-10-01T25:00:00Z',
    '2012-10-01T17:60:00Z',
    '2012-10-01T17:18:61Z',
    '2012-10-01T17:18:40+2400',
    '2012-10-01T17:18:40+02:60',
    '2012-10-01T17:18:40ZZ',
    '2012-10-01T',
    ' 2012-02-10',
    '',
  ])('refuses %j', (value) => expect(isIso8601(value)).toBe(false));
});

describe('dd/mm/yyyy and d/m/yyyy dates', () => {
  it.each(['07/11/2019', '06/11/2017', '29/02/2020', '31/12/1999', '7/11/2019', '7/1/2019'])('accepts %s', (value) => expect(isDayMonthYear(value)).toBe(true));
  it.each(['31/02/2019', '29/02/2019', '00/01/2019', '01/13/2019', '07-11-2019', '007/11/2019', '7/11/19'])('refuses %s', (value) =>
    expect(isDayMonthYear(value)).toBe(false),
  );
});

describe('isEngageDate: strings, epoch milliseconds, Dates', () => {
  it('accepts ISO 8601, dd/mm/yyyy, epoch milliseconds and valid Dates', () => {
    for (const value of ['2012-02-10', '07/11/2019', 1349111920000, 0, -86_400_000, new Date('2012-10-01T17:18:40Z'), new Date(Date.UTC(10000, 0, 1))]) {
      expect(isEngageDate(value)).toBe(true);
    }
  });

  it('refuses what is no date in any form', () => {
    for (const value of ['yesterday', '', NaN, Infinity, 9e15, new Date('nope'), null, undefined, {}, ['2012-02-10'], true]) expect(isEngageDate(value)).toBe(false);
  });
});

describe('code points', () => {
  it('counts an emoji (surrogate pair) as one character', () => {
    expect(countCodePoints('😀')).toBe(1);
    expect(countCodePoints('a😀b')).toBe(3);
    expect(countCodePoints('é')).toBe(1);
  });

  it('counts a lone surrogate as one character', () => {
    expect(countCodePoints('\ud83d')).toBe(1);
    expect(countCodePoints('\ude00a')).toBe(2);
  });

  it('decides "more than max" exactly at the boundary', () => {
    expect(exceedsCodePoints('😀'.repeat(5), 5)).toBe(false);
    expect(exceedsCodePoints('😀'.repeat(6), 5)).toBe(true);
    expect(exceedsCodePoints('a'.repeat(5), 5)).toBe(false);
    expect(exceedsCodePoints('a'.repeat(6), 5)).toBe(true);
    expect(exceedsCodePoints('😀'.repeat(4) + 'aa', 5)).toBe(true);
    expect(exceedsCodePoints('😀'.repeat(4) + 'a', 5)).toBe(false);
  });
});

describe('URLs', () => {
  it.each(['https://example.com/a', 'http://example.com', 'github://repository/engage-send', 'myapp://orders/42', 'mailto:jane@example.com', 'tel:+33123456789'])(
    'a link may be %s',
    (url) => expect(isLinkUrl(url)).toBe(true),
  );

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<b>x</b>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '/relative/path',
    'example.com',
    '',
  ])('a link may not be %j', (url) => expect(isLinkUrl(url)).toBe(false));

  it('every URL the plain-URL test accepts without parsing, the URL parser accepts as http(s)', () => {
    const label = fc.oneof(fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/), fc.constantFrom('xn--a', 'XN--ls8h', '0x1f', '999'));
    const host = fc.tuple(fc.array(label, { maxLength: 4 }), fc.oneof(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,11}$/), label)).map(([labels, last]) => [...labels, last].join('.'));
    const rest = fc.oneof(fc.constant(''), fc.tuple(fc.constantFrom('/', '?', '#'), fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 30 })).map(([first, tail]) => first + tail));
    const url = fc.tuple(fc.constantFrom('http', 'https'), host, rest).map(([scheme, h, r]) => `${scheme}://${h}${r}`);
    fc.assert(
      fc.property(url, (candidate) => {
        if (!PLAIN_HTTP_URL.test(candidate)) return; // an xn-- label, an IP number: parsed, not taken on sight
        expect(['http:', 'https:']).toContain(new URL(candidate).protocol);
      }),
      { numRuns: 2_000 },
    );
  });

  it.each(['http://999.1.1.1/', 'http://a.0x1/', 'http://xn--a/', 'http://a:99999/', 'http://a b/', 'http://-/', 'http://a..b/'])(
    'the plain-URL test leaves %s to the URL parser',
    (url) => {
      expect(PLAIN_HTTP_URL.test(url)).toBe(false);
      let parsed: boolean;
      try {
        new URL(url);
        parsed = true;
      } catch {
        parsed = false;
      }
      expect(isHttpUrl(url)).toBe(parsed);
    },
  );

  it('a downloaded URL must be http or https', () => {
    expect(isHttpUrl('https://example.com/a.png')).toBe(true);
    expect(isHttpUrl('HTTP://EXAMPLE.COM/A.PNG')).toBe(true);
    for (const url of ['github://a.png', 'ftp://example.com/a.png', 'data:image/png;base64,AAAA', '//example.com/a.png']) {
      expect(isHttpUrl(url)).toBe(false);
    }
  });
});

describe('base64: as files are really sent', () => {
  it.each(['', 'aGVsbG8=', 'aGVsbA==', 'aGVs', 'ab+/', 'aGVsbG8', 'aGVsbA', 'aGVs\nbG8=', 'aGVs\r\nbG8=\r\n', 'aGV sbG8=', 'ab-_'])('accepts %j', (value) =>
    expect(isBase64(value)).toBe(true),
  );
  it.each(['aGVsbG8===', 'aG=s', 'a', 'aGVsb', 'not base64!', 'aGVs*bG8='])('refuses %j', (value) => expect(isBase64(value)).toBe(false));
});

describe('property hints', () => {
  const known = ['id', 'thread_id', 'in_reply_to_id', 'screenname', 'display_url', 'url', 'title'];

  it.each([
    ['threadId', 'thread_id'],
    ['ThreadID', 'thread_id'],
    ['thread-id', 'thread_id'],
    ['thread_Id', 'thread_id'],
    ['inReplyToId', 'in_reply_to_id'],
    ['screenName', 'screenname'],
    ['thread_di', 'thread_id'],
    ['titel', 'title'],
  ])('%s → %s', (unknown, expected) => expect(suggestProperty(unknown, known)).toBe(expected));

  it.each(['weather', 'zz', 'xy'])('no hint for %s', (unknown) => expect(suggestProperty(unknown, known)).toBeUndefined());

  it('computes no hint for a key too long to be a typo (the edit distance is quadratic)', () => {
    expect(suggestProperty(`thread_id${'x'.repeat(MAX_HINTED_KEY_CHARS)}`, known)).toBeUndefined();
  });
});

describe('listable params (what class-transformer may see when listing problems)', () => {
  it('hands clean params on without copying them', () => {
    const params = { id: '1', author: { id: '2' }, list: [1, 'a', null], at: new Date() };
    expect(listableParams(params)).toBe(params);
  });

  it('copies only to drop keys naming Object.prototype members, keeping the rest and the key order', () => {
    const params = JSON.parse('{"a":1,"__proto__":{"x":1},"b":{"c":2,"constructor":3},"d":[{"e":3}]}') as Record<string, unknown>;
    const listable = listableParams(params)!;
    expect(listable).not.toBe(params);
    expect(Object.keys(listable)).toEqual(['a', 'b', 'd']);
    expect(Object.keys(listable['b'] as object)).toEqual(['c']);
    expect(listable['d']).toBe(params['d']);
    expect(Object.getPrototypeOf(listable)).toBe(Object.prototype);
  });

  it('gives up on what would make listing slow or unsafe: too many keys, cycles, class instances, functions', () => {
    const many = Object.fromEntries(Array.from({ length: MAX_LISTED_KEYS_PER_OBJECT + 1 }, (_, i) => [`k${i}`, i]));
    const cyclic: Record<string, unknown> = { id: '1' };
    cyclic['self'] = cyclic;
    for (const params of [{ context_data: many }, cyclic, { at: new URL('https://example.com') }, { f: () => 1 }]) {
      expect(listableParams(params)).toBeUndefined();
    }
  });

  it('takes a shared (non-circular) object', () => {
    const shared = { id: '1' };
    expect(listableParams({ a: shared, b: shared })).toBeDefined();
  });
});
