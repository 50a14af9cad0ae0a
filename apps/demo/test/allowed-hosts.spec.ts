import { describe, expect, it } from '@jest/globals';
import { hostNameOf, resolveAllowedHosts } from '../src/request-rules/allowed-hosts.js';

describe('resolveAllowedHosts', () => {
  it('allows the loopback names by default', () => {
    expect([...resolveAllowedHosts({})]).toEqual(['localhost', '127.0.0.1', '[::1]']);
  });

  it('adds the listen address when it names a host, not when it is a wildcard', () => {
    expect(resolveAllowedHosts({ HOST: 'Demo.Local' }).has('demo.local')).toBe(true);
    expect(resolveAllowedHosts({ HOST: '::1' }).has('[::1]')).toBe(true);
    expect(resolveAllowedHosts({ HOST: '0.0.0.0' }).size).toBe(3);
    expect(resolveAllowedHosts({ HOST: '::' }).size).toBe(3);
  });

  it('adds every name of ALLOWED_HOSTS', () => {
    const allowed = resolveAllowedHosts({ ALLOWED_HOSTS: ' demo.internal , 10.0.0.7,,[fd00::1] ' });
    expect([...allowed].slice(3)).toEqual(['demo.internal', '10.0.0.7', '[fd00::1]']);
  });

  it.each(['demo.internal:3000', 'http://demo.internal', 'demo.internal/x', 'a b'])('refuses %j in ALLOWED_HOSTS, naming it', (entry) => {
    expect(() => resolveAllowedHosts({ ALLOWED_HOSTS: entry })).toThrow(`ALLOWED_HOSTS must list host names without port or scheme, separated by commas (got ${JSON.stringify(entry)})`);
  });
});

describe('hostNameOf', () => {
  it.each([
    ['127.0.0.1:3000', '127.0.0.1'],
    ['LOCALHOST', 'localhost'],
    ['localhost.:3000', 'localhost'],
    ['[::1]:3000', '[::1]'],
  ])('reads %j as %j', (header, name) => {
    expect(hostNameOf(header)).toBe(name);
  });

  it.each([undefined, '', 'evil.example@127.0.0.1', '127.0.0.1/path', '127.0.0.1:3000:1', 'a b'])('finds no host name in %j', (header) => {
    expect(hostNameOf(header)).toBeUndefined();
  });
});
