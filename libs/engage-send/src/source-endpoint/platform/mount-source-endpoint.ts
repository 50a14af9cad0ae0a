import type { AbstractHttpAdapter } from '@nestjs/core';
import type { SourceEndpoint } from '../source-endpoint.js';
import { mountOnExpress, type ExpressLike } from './mount-on-express.js';
import { mountOnFastify, type FastifyLike } from './mount-on-fastify.js';

/** Paths taken on each platform instance, to refuse two registrations on one path. */
const mountedPaths = new WeakMap<object, Set<string>>();

/**
 * Mounts `endpoint` on the app's HTTP platform, in front of everything the
 * app parses or guards. Returns a problem instead when it cannot.
 */
export function mountSourceEndpoint(adapter: AbstractHttpAdapter, endpoint: SourceEndpoint): string | undefined {
  const type = adapter.getType();
  const instance = adapter.getInstance() as object;
  const paths = mountedPaths.get(instance) ?? new Set<string>();
  if (paths.has(endpoint.path)) return `endpoint.path ${endpoint.path} is already the endpoint of another registration`;
  if (type === 'express') mountOnExpress(instance as ExpressLike, endpoint);
  else if (type === 'fastify') mountOnFastify(instance as FastifyLike, endpoint);
  else return `endpoint: the HTTP platform "${type}" is not supported (Express and Fastify are)`;
  paths.add(endpoint.path);
  mountedPaths.set(instance, paths);
  return undefined;
}
