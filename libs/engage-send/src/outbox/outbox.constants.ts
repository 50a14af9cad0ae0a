// Internal injection tokens of an outbox registration (module-scoped: each
// `EngageOutboxModule.forRoot()` has its own). Public tokens are in `outbox.tokens.ts`.

/** The BullMQ `Queue` the outbox enqueues to (registered through `BullModule.registerQueue`). */
export const OUTBOX_QUEUE = Symbol('ENGAGE_OUTBOX_QUEUE');
/** The outbox's {@link OutboxMetrics}. */
export const OUTBOX_METRICS = Symbol('ENGAGE_OUTBOX_METRICS');
/** The {@link OutboxDelivery} the worker delivers with. */
export const OUTBOX_DELIVERY = Symbol('ENGAGE_OUTBOX_DELIVERY');
/** Name of the jobs' backoff strategy: the worker's `settings.backoffStrategy` computes it. */
export const OUTBOX_BACKOFF = 'engage-send';
