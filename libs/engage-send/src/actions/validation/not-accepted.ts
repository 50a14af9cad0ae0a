/*
 * The fast path's one way out. Its copy and its checks stop at the first thing
 * they can't vouch for (a rule that fails, a value the slow path would report,
 * a decorator they don't mirror) by throwing this one preallocated signal:
 * the caller catches it (and any other exception, e.g. from a validator) and
 * runs the slow path, which produces the real errors. Preallocated, so giving
 * up costs no stack trace.
 */

/** Thrown by the fast path when it does not accept the params; never escapes {@link CompiledChecker}. */
export class NotAccepted extends Error {
  constructor() {
    super('not accepted by the fast path');
    this.name = 'NotAccepted';
  }
}

const NOT_ACCEPTED = new NotAccepted();

/** Stops the fast path: the slow path decides. */
export function notAccepted(): never {
  throw NOT_ACCEPTED;
}
