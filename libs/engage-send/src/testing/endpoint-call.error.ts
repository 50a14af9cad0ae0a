/**
 * A call the emulator made to an integration's endpoint went wrong: no
 * answer, a non-2xx status, an answer not signed over its bytes, or one
 * outside the contract. Never holds the token or a signature.
 */
export class EngageEndpointCallError extends Error {
  /** The action called. */
  readonly action: string;
  /** The HTTP status, when the integration answered. */
  readonly status?: number;

  constructor(action: string, problem: string, status?: number) {
    super(`${action}: ${problem}`);
    this.name = 'EngageEndpointCallError';
    this.action = action;
    this.status = status;
  }
}
