import { describe, expect, it } from '@jest/globals';
import { describeRedisUrl, resolveRedisUrl } from '../src/outbox/redis-url.js';

describe('resolveRedisUrl (REDIS_URL)', () => {
  it('unset or blank: no outbox, sends are direct', () => {
    expect(resolveRedisUrl(undefined)).toBeUndefined();
    expect(resolveRedisUrl('  ')).toBeUndefined();
  });

  it('accepts redis:// and rediss://', () => {
    expect(resolveRedisUrl(' redis://127.0.0.1:6379 ')).toBe('redis://127.0.0.1:6379');
    expect(resolveRedisUrl('rediss://user:pw@cache.example:6380/2')).toBe('rediss://user:pw@cache.example:6380/2');
  });

  it.each(['http://127.0.0.1:6379', 'localhost:6379', 'not a url'])('refuses %j, naming the variable', (value) => {
    expect(() => resolveRedisUrl(value)).toThrow('REDIS_URL');
  });

  it('masks the password when logged', () => {
    expect(describeRedisUrl('redis://user:s3cret@cache.example:6379/0')).toBe('redis://user:***@cache.example:6379/0');
  });
});
