// Module hooks for child processes of the tests: `.ts` files are compiled
// with SWC using Jest's settings, `./x.js` imports find `./x.ts`, and the
// `engage-send` entry points map to the sources, as in jest.config.js.
// ENGAGE_TEST_HIDE_PACKAGES=a,b makes those packages impossible to resolve,
// as on a machine where they are not installed.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from '@swc/core';

const SRC = new URL('../../../src/', import.meta.url);
const ENTRY_POINTS = new Map([
  ['engage-send', new URL('index.ts', SRC).href],
  ['engage-send/testing', new URL('testing/index.ts', SRC).href],
  ['engage-send/outbox', new URL('outbox/index.ts', SRC).href],
]);
const HIDDEN = new Set((process.env.ENGAGE_TEST_HIDE_PACKAGES ?? '').split(',').filter(Boolean));

const SWC = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export async function resolve(specifier, context, nextResolve) {
  const entry = ENTRY_POINTS.get(specifier);
  if (entry) return { url: entry, shortCircuit: true };
  if (HIDDEN.has(packageName(specifier))) {
    const error = new Error(`Cannot find package '${packageName(specifier)}' imported from ${context.parentURL}`);
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
    const ts = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (existsSync(fileURLToPath(ts))) return { url: ts.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith('.ts')) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const { code } = await transform(await readFile(path, 'utf8'), { ...SWC, filename: path });
  return { format: 'module', source: code, shortCircuit: true };
}

