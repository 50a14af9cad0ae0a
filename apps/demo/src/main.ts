import { Logger } from '@nestjs/common';
import { bootstrap } from './bootstrap.js';
import { describeStartupFailure } from './startup-failure.js';

// Entry point of `npm start`. Everything testable lives in bootstrap.ts;
// this file only turns a failed start into one clear message and exit code 1
// (Nest's own report of the same error is left out by DemoConsoleLogger).
try {
  await bootstrap();
} catch (error) {
  const { message, stack } = describeStartupFailure(error);
  new Logger('Demo').error(message, stack);
  process.exitCode = 1;
}
