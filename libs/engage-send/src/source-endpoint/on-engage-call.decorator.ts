import 'reflect-metadata';
import type { EngageCallHandler } from './engage-call-answers.js';
import { canonicalAction, parseCallAction, type EngageCallAction } from './engage-call-action.js';

/** Metadata key of the calls a method answers (an array: a method may answer several). */
export const ENGAGE_CALL_HANDLERS = 'engage-send:call-handlers';

/** Options of {@link OnEngageCall}. */
export interface OnEngageCallOptions {
  /**
   * The `name` of the `EngageSendModule` registration whose endpoint this
   * handler serves. Default: the unnamed registration.
   */
  name?: string;
}

/** What {@link OnEngageCall} records on a method. */
export interface EngageCallHandlerMetadata {
  /** Canonical action (`messages.delete` for `messages.destroy`). */
  readonly action: string;
  readonly name?: string;
}

/**
 * Marks a provider's (or controller's) method as the handler of one of
 * Engage's calls to the source endpoint, the way `@MessagePattern` marks a
 * message handler. The module finds it at bootstrap and declares it in its
 * `implementation.info` answer.
 *
 * ```ts
 * @Injectable()
 * export class Inbox {
 *   @OnEngageCall('messages.create')
 *   async reply(message: AgentMessage): Promise<EngageCreatedContent> { … }
 *
 *   @OnEngageCall('messages.list')
 *   list({ since_id }: ListCall): Promise<EngageContent[]> { … } // oldest first
 * }
 * ```
 * `<object>.delete` also answers Engage's `<object>.destroy`; any operation
 * that is not a standard one is a custom action (a button for agents). The
 * method receives the validated params and an {@link EngageCall}; its
 * parameter and return types are checked against the action.
 *
 * @throws TypeError at class definition for a name that is no call of the
 *   contract (`implementation.info` is answered by the library).
 */
export function OnEngageCall<A extends EngageCallAction>(
  action: A,
  options: OnEngageCallOptions = {},
): <H extends EngageCallHandler<A>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<H>) => void {
  const parsed = typeof action === 'string' ? parseCallAction(action) : undefined;
  if (parsed === undefined || parsed.kind === 'info') {
    throw new TypeError(
      `@OnEngageCall(${JSON.stringify(action)}): not a call an endpoint handles; expected "<messages|private_messages|threads>.<create|show|list|delete|publish|unpublish|custom action>" or "messaging.queuing_update" (implementation.info is answered by the library)`,
    );
  }
  if (options.name !== undefined && (typeof options.name !== 'string' || options.name === '')) {
    throw new TypeError(`@OnEngageCall(${JSON.stringify(action)}): name must be a non-empty string`);
  }
  const entry: EngageCallHandlerMetadata = { action: canonicalAction(parsed), name: options.name };
  return (_target, _key, descriptor) => {
    const method = descriptor.value;
    if (typeof method !== 'function') throw new TypeError(`@OnEngageCall(${JSON.stringify(action)}) decorates methods only`);
    const existing = (Reflect.getMetadata(ENGAGE_CALL_HANDLERS, method) as EngageCallHandlerMetadata[] | undefined) ?? [];
    Reflect.defineMetadata(ENGAGE_CALL_HANDLERS, [...existing, entry], method);
  };
}
