import { describe, expect, it } from '@jest/globals';
import { isBase64 } from '../../src/actions/validation/base64.decorator.js';
import { countCodePoints, exceedsCodePoints } from '../../src/actions/validation/code-points.js';
import { isDayMonthYear, isEngageDate, isIso8601 } from '../../src/actions/validation/engage-date.decorator.js';
import { inspectParams } from '../../src/actions/validation/params-inspector.js';
import { suggestProperty } from '../../src/actions/validation/property-hints.js';
import { isHttpUrl, isLinkUrl } from '../../src/actions/validation/url.decorators.js';

describe('ISO 8601 dates', () => {
  it.each([
    '2012-02-10',
    '2012-10-01T17:18:40Z',
    '2012-10-01t17:18:40z',
    '2012-10-01T17:18Z',
    '2012-10-01T17:18:40.123Z',
    '2012-10-01T17:18:40,5Z',
    '2012-10-01T17:18:40+02:00',
    '2012-10-01T17:18:40-0530',
    '2012-10-01T17:18:40+02',
    '2012-10-01T17:18:40',
    '2020-02-29',
    '2000-02-29T00:00:00Z',
  ])('accepts %s', (value) => expect(isIso8601(value)).toBe(true));

  it.each([
    '2012-2-10',
    '20120210',
    '2012/02/10',
    '2012-02-10 17:18:40Z',
    '2012-02-30',
    '2019-02-29',
    '1900-02-29',
    '2012-00-10',
    '2012-13-10',
    '2012-10-01T24:00:00Z',
    '2012-10-01T17:60:00Z',
    '2012-10-01T17:18:60Z',
    '2012-10-01T17:18:40+2400',
    '2012-10-01T17:18:40+02:60',
    '2012-10-01T17:18:40ZZ',
    ' 2012-02-10',
    '',
  ])('refuses %j', (value) => expect(isIso8601(value)).toBe(false));
});

describe('dd/mm/yyyy dates (embedded users only)', () => {
  it.each(['07/11/2019', '06/11/2017', '29/02/2020', '31/12/1999'])('accepts %s', (value) => expect(isDayMonthYear(value)).toBe(true));
  it.each(['31/02/2019', '29/02/2019', '00/01/2019', '01/13/2019', '7/11/2019', '07-11-2019'])('refuses %s', (value) =>
    expect(isDayMonthYear(value)).toBe(false),
  );

  it('is accepted by isEngageDate only with legacyDayMonthYear', () => {
    expect(isEngageDate('07/11/2019')).toBe(false);
    expect(isEngageDate('07/11/2019', { legacyDayMonthYear: true })).toBe(true);
  });
});

describe('Date objects', () => {
  it('accepts a valid Date whose ISO form has a 4-digit year', () => {
    expect(isEngageDate(new Date('2012-10-01T17:18:40Z'))).toBe(true);
    expect(isEngageDate(new Date(Date.UTC(9999, 11, 31)))).toBe(true);
  });

  it('refuses an invalid Date and years ISO output would sign (+010000)', () => {
    expect(isEngageDate(new Date('nope'))).toBe(false);
    expect(isEngageDate(new Date(Date.UTC(10000, 0, 1)))).toBe(false);
    expect(isEngageDate(new Date(Date.UTC(-1, 0, 1)))).toBe(false);
  });

  it('refuses timestamps and other types', () => {
    for (const value of [1349111920000, null, undefined, {}, ['2012-02-10']]) expect(isEngageDate(value)).toBe(false);
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

  it('a downloaded URL must be http or https', () => {
    expect(isHttpUrl('https://example.com/a.png')).toBe(true);
    expect(isHttpUrl('HTTP://EXAMPLE.COM/A.PNG')).toBe(true);
    for (const url of ['github://a.png', 'ftp://example.com/a.png', 'data:image/png;base64,AAAA', '//example.com/a.png']) {
      expect(isHttpUrl(url)).toBe(false);
    }
  });
});

describe('base64', () => {
  it.each(['', 'aGVsbG8=', 'aGVsbA==', 'aGVs', 'ab+/'])('accepts %j', (value) => expect(isBase64(value)).toBe(true));
  it.each(['aGVsbG8', 'aGVsbG8===', 'aGV sbG8=', 'aGVs\nbG8=', 'aG=s', 'aGVs-_==', 'a==='])('refuses %j', (value) =>
    expect(isBase64(value)).toBe(false),
  );
});

describe('property hints', () => {
  const known = ['id', 'thread_id', 'in_reply_to_id', 'screenname', 'display_url', 'url', 'title'];

  it.each([
    ['threadId', 'thread_id'],
    ['ThreadID', 'thread_id'],
    ['thread-id', 'thread_id'],
    ['inReplyToId', 'in_reply_to_id'],
    ['screenName', 'screenname'],
    ['thread_di', 'thread_id'],
    ['titel', 'title'],
  ])('%s → %s', (unknown, expected) => expect(suggestProperty(unknown, known)).toBe(expected));

  it.each(['weather', 'zz', 'xy'])('no hint for %s', (unknown) => expect(suggestProperty(unknown, known)).toBeUndefined());
});

describe('params inspection', () => {
  it('hands clean params on without copying them', () => {
    const params = { id: '1', author: { id: '2' }, list: [1, 'a', null], at: new Date() };
    expect(inspectParams(params, true)).toEqual({ errors: [], data: params });
    expect(inspectParams(params, true).data).toBe(params);
  });

  it('copies only when something must go, keeping everything else and the key order', () => {
    const params = JSON.parse('{"a":1,"__proto__":{"x":1},"b":{"c":2},"d":[{"e":3}]}') as Record<string, unknown>;
    const { errors, data } = inspectParams(params, false);
    expect(errors).toEqual([]);
    expect(data).not.toBe(params);
    expect(Object.keys(data)).toEqual(['a', 'b', 'd']);
    expect((data as Record<string, unknown>)['b']).toBe(params['b']);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
  });

  it('keeps array indices when dropping an item', () => {
    const { errors, data } = inspectParams({ list: ['a', Symbol('s'), 'c'] }, true);
    expect(errors.map((e) => e.path)).toEqual(['params.list.1']);
    expect((data as { list: unknown[] }).list).toEqual(['a', undefined, 'c']);
  });

  it('reports a shared (non-circular) object without complaint', () => {
    const shared = { id: '1' };
    expect(inspectParams({ a: shared, b: shared }, true).errors).toEqual([]);
  });
});
