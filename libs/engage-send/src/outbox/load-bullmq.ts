import type * as BullMQ from 'bullmq';
import type * as NestBullMQ from '@nestjs/bullmq';
import { EngageOutboxDependencyError } from './outbox.errors.js';

/** BullMQ and its Nest module, loaded on demand. */
export interface LoadedBullMQ {
  readonly bullmq: typeof BullMQ;
  readonly nest: typeof NestBullMQ;
}

const NOT_FOUND_CODES = new Set(['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND']);
const NOT_FOUND_NAME = /Cannot find (?:package|module) '([^']+)'/;

/** The package a "not found" error names (`bullmq` when `@nestjs/bullmq` could not find it), or `undefined` for any other error. */
function missingPackage(error: unknown, fallback: string): string | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || !NOT_FOUND_CODES.has(code)) return undefined;
  const named = typeof message === 'string' ? NOT_FOUND_NAME.exec(message)?.[1] : undefined;
  // A path (from a package's own files) names no package: report the one we asked for.
  return named !== undefined && !named.startsWith('.') && !named.startsWith('/') ? named : fallback;
}

/**
 * Loads `bullmq` and `@nestjs/bullmq`. Only `EngageOutboxModule.forRoot()`
 * calls it, at bootstrap: an app without the outbox never loads them.
 *
 * @throws EngageOutboxDependencyError naming the packages to install when either is missing.
 */
export async function loadBullMQ(): Promise<LoadedBullMQ> {
  const missing = new Set<string>();
  const attempt = async <T>(specifier: string, load: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await load();
    } catch (error) {
      const name = missingPackage(error, specifier);
      if (name === undefined) throw error;
      missing.add(name);
      return undefined;
    }
  };
  const bullmq = await attempt('bullmq', () => import('bullmq'));
  const nest = await attempt('@nestjs/bullmq', () => import('@nestjs/bullmq'));
  if (bullmq === undefined || nest === undefined) throw new EngageOutboxDependencyError([...missing]);
  return { bullmq, nest };
}
