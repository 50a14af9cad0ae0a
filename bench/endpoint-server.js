#!/usr/bin/env node
/**
 * The endpoint benchmark's server process (bench/lib/endpoint-app.js), so its
 * CPU is measured apart from the load generator's. Environment: BENCH_TOKEN.
 * Reports `{ origin }` over IPC, then answers `'cpu'` with `process.cpuUsage()`.
 */
import { startEndpointApp } from './lib/endpoint-app.js';

const app = await startEndpointApp({ token: process.env.BENCH_TOKEN || 'bench-token' });
process.send?.({ origin: app.origin });
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});
const stop = () => void app.close().finally(() => process.exit(0));
process.on('disconnect', stop);
process.on('SIGTERM', stop);
