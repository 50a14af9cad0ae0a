#!/usr/bin/env node
// One benchmark task in a fresh process: `node bench/client.js '<task JSON>'`; the result goes over IPC
// (or to stdout when not forked).
import { runTask } from './lib/tasks.js';

const task = JSON.parse(process.argv[2] ?? '{}');
let message;
try {
  message = await runTask(task);
} catch (error) {
  message = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
if (process.send) process.send(message, () => process.exit(message.error === undefined ? 0 : 1));
else {
  console.log(JSON.stringify(message, null, 2));
  process.exit(message.error === undefined ? 0 : 1);
}
