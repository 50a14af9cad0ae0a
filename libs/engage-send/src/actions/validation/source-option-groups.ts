/*
 * Some rules depend on the Engage source's options (declared by the integration
 * in its `implementation.info` answer). The DTO classes are static, so those
 * rules are class-validator *groups* named after the option: a rule tagged
 * `{ groups: [THREADS_NO_CONTENT] }` applies only when the validator is built
 * with that source option. Every other rule is ungrouped and always applies
 * (the validator passes `always: true`).
 */

/** Source option: threads carry no content, so a thread's `author` and `body` become optional. */
export const THREADS_NO_CONTENT = 'threads.no_content';

/** Source option: messages are not organised in threads, so `thread_id` becomes optional. */
export const MESSAGES_UNTHREADED = 'messages.unthreaded';

/** The source options that change validation rules. */
export const VALIDATION_SOURCE_OPTIONS: readonly string[] = [THREADS_NO_CONTENT, MESSAGES_UNTHREADED];

/**
 * Always-active group. class-validator treats an empty `groups` list as "all
 * groups", which would turn every option-dependent rule on at once; one
 * permanent group keeps the list non-empty.
 */
export const BASE_VALIDATION_GROUP = 'engage-send';
