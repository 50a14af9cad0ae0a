import { describe, expect, it } from '@jest/globals';
import { resolveListenAddress } from '../src/listen-address.js';

describe('resolveListenAddress', () => {
  it('defaults to port 3000 on loopback', () => {
    expect(resolveListenAddress({})).toEqual({ host: '127.0.0.1', port: 3000 });
  });

  it('reads PORT (0 meaning a free port) and HOST', () => {
    expect(resolveListenAddress({ PORT: '0' }).port).toBe(0);
    expect(resolveListenAddress({ PORT: ' 8080 ', HOST: '0.0.0.0' })).toEqual({ host: '0.0.0.0', port: 8080 });
  });

  it.each(['abc', '-1', '3000.5', '65536', '1e3'])('rejects PORT=%s', (port) => {
    expect(() => resolveListenAddress({ PORT: port })).toThrow('PORT must be an integer from 0 to 65535');
  });
});
