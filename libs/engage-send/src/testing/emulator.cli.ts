#!/usr/bin/env node
// The standalone Engage emulator. Deliberately thin: everything testable lives in run-emulator-cli.ts.
import { runEmulatorCli } from './run-emulator-cli.js';

runEmulatorCli().catch((error: unknown) => {
  console.error(`engage-emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
