import { Logger } from '@nestjs/common';
import { bootstrap } from './bootstrap.js';

// Entry point of `npm start`. Everything testable lives in bootstrap.ts;
// this file only turns a failed start into a clear message and exit code 1.
try {
  await bootstrap();
} catch (error) {
  // The message is enough: ours name the variable to fix, and Nest has
  // already logged the stack of any error raised while building the app.
  new Logger('Demo').error(`Demo failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
