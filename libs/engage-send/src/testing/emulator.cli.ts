#!/usr/bin/env node
// The standalone Engage emulator, or with arguments one call to an integration's
// endpoint. Deliberately thin: everything testable lives in run-emulator-cli.ts
// and run-endpoint-command.ts.
import { runEmulatorCli } from './run-emulator-cli.js';
import { runEndpointCommand } from './run-endpoint-command.js';

const args = process.argv.slice(2);
const run = args.length > 0 ? runEndpointCommand(args).then((code) => void (process.exitCode = code)) : runEmulatorCli();
run.catch((error: unknown) => {
  console.error(`engage-emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
