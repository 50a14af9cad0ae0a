// Injection tokens. Internal ones are module-scoped (each registration has its
// own); public ones are derived from the registration name by the helpers in
// `engage-send.tokens.ts`.

/** Internal: the validated {@link EngageSendConfig} of a registration. */
export const ENGAGE_SEND_CONFIG = Symbol('ENGAGE_SEND_CONFIG');
/** Internal: the registration's {@link EngageHttp}: its pool, its `HttpService`, its transport. */
export const ENGAGE_HTTP = Symbol('ENGAGE_HTTP');
/**
 * Internal: the registration's service instance. Public tokens alias it, so the
 * class token exists only in the unnamed registration (a named one must not
 * answer to `EngageSendService`).
 */
export const ENGAGE_SEND_SERVICE_INSTANCE = Symbol('ENGAGE_SEND_SERVICE_INSTANCE');
/** Tracer and meter name of the library. */
export const INSTRUMENTATION_SCOPE = 'engage-send';
