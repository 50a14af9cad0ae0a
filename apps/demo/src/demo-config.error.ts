/**
 * A setting of the demo's environment is wrong. Its message names the
 * variable and what it should be, so `main.ts` prints the message alone (no
 * stack: there is no bug to find, only a variable to fix).
 */
export class DemoConfigError extends Error {
  override readonly name = 'DemoConfigError';
}
