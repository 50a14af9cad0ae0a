import { describe, expect, it } from '@jest/globals';
import { EngageSendOptionsError } from 'engage-send';
import { DemoConfigError } from '../src/demo-config.error.js';
import { resolveLogLevels } from '../src/logging/log-levels.js';
import { describeStartupFailure } from '../src/startup-failure.js';

describe('describeStartupFailure', () => {
  it('says a configuration mistake in its own words, without a stack', () => {
    expect(describeStartupFailure(new DemoConfigError('PORT must be an integer'))).toEqual({ message: 'Demo failed to start: PORT must be an integer' });
    const options = new EngageSendOptionsError(['baseUrl is not a URL']);
    expect(describeStartupFailure(options)).toEqual({ message: `Demo failed to start: ${options.message}` });
  });

  it('says how to pick another port when the port is in use', () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:3000'), { code: 'EADDRINUSE' });
    expect(describeStartupFailure(inUse).message).toBe(
      'Demo failed to start: listen EADDRINUSE: address already in use 127.0.0.1:3000; set PORT to a free port (PORT=0 picks one)',
    );
  });

  it('keeps the stack of anything else: it may be a bug', () => {
    const bug = new TypeError('x is undefined');
    expect(describeStartupFailure(bug)).toEqual({ message: 'Demo failed to start: x is undefined', stack: bug.stack });
  });
});

describe('resolveLogLevels', () => {
  it('prints log, warnings and errors by default, not debug', () => {
    expect(resolveLogLevels({})).toEqual(['fatal', 'error', 'warn', 'log']);
  });

  it('adds the lower levels on request', () => {
    expect(resolveLogLevels({ LOG_LEVEL: 'debug' })).toEqual(['fatal', 'error', 'warn', 'log', 'debug']);
    expect(resolveLogLevels({ LOG_LEVEL: ' WARN ' })).toEqual(['fatal', 'error', 'warn']);
  });

  it('refuses an unknown level, naming the variable', () => {
    expect(() => resolveLogLevels({ LOG_LEVEL: 'loud' })).toThrow('LOG_LEVEL must be one of error, warn, log, debug, verbose (got "loud")');
  });
});
