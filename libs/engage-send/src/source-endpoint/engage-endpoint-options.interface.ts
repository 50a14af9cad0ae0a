import type { EngageAction } from '../contract/index.js';

/**
 * The source endpoint: where Engage's signed calls (`implementation.info`,
 * `<object>.list`, agents' replies…) reach the app. Part of the same
 * `EngageSendModule` registration that sends, so both sides share the access
 * token, the source options and the registration's `name`.
 */
export interface EngageEndpointOptions {
  /**
   * The path Engage POSTs to, e.g. `/engage`: the Base URI entered in Engage's
   * admin is the app's origin followed by this path. Matched as the HTTP
   * server sees it (Nest's global prefix is not added). Letters, digits and
   * `-._~/` only.
   */
  path: string;
  /**
   * Send API actions this app sends, declared to Engage in the
   * `implementation.info` answer (Engage refuses the ones not declared), e.g.
   * `['messages.create', 'status.mark_as_read']`. A `<object>.create` here also
   * tells Engage to deliver agents' replies of that object to this endpoint,
   * so it needs an `@OnEngageCall('<object>.create')` handler. `users.create`
   * needs no declaration (users have no operations); `typing.start` and
   * `typing.stop` are enabled by the source option `messaging.typing_indicator`
   * instead. Default: none.
   */
  sends?: readonly EngageAction[];
  /**
   * Labels of custom actions by language (`default`, `en`, `fr`…), e.g.
   * `{ default: { follow_up: 'Follow up' }, fr: { follow_up: 'Relancer' } }`.
   * Each key must be a custom action with a handler. Default: none (Engage
   * humanises the action's name).
   */
  locales?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * Largest request body accepted, in bytes; a larger one is refused with 413
   * before it is read. Default `1048576` (1 MiB): Engage's calls carry one
   * content, whose attachments are URLs.
   */
  maxBodyBytes?: number;
}
