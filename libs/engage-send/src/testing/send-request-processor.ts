import { isEngageAction, type EngageAction } from '../actions/engage-action.js';
import type { EmulatedSource } from './emulated-source.js';
import { ENGAGE_REFUSALS, type EngageRefusal } from './engage-refusals.js';
import { isBlank } from './engage-presence.js';
import { hasRequiredFields } from './required-fields.js';
import { isRefusal, parseSendEnvelope } from './send-envelope.js';
import { isValidSignature } from './signature-check.js';
import { checkStructuredContent } from './structured-content-rules.js';
import type { TypingRateLimiter } from './typing-rate-limiter.js';

/** A Send API request whose body was read completely and within the size limit. */
export interface SendRequestInput {
  /** `source_id` from the URL. */
  readonly sourceId: string;
  /** The body bytes as received. */
  readonly rawBody: Buffer;
  /** The `X-SMCCSDK-SIGNATURE` header. */
  readonly signature: string | string[] | undefined;
}

/** What Engage would answer to a {@link SendRequestInput}. */
export type SendOutcome =
  | { readonly kind: 'accepted'; readonly action: EngageAction; readonly params: Record<string, unknown> }
  | { readonly kind: 'refused'; readonly refusal: EngageRefusal; readonly action?: string };

const SUPPORTS_STRUCTURED_CONTENT: ReadonlySet<EngageAction> = new Set(['messages.create', 'private_messages.create']);

/**
 * Engage's processing of a Send API request after the size check (steps 2–10
 * of the contract): source, signature, JSON, envelope, action, required
 * fields, structured content, typing rate limit. The first failing step
 * decides the answer, so the order here is part of the contract.
 * Side effects (typing timers, puppetizable users) happen only on acceptance.
 */
export class SendRequestProcessor {
  /**
   * @param sources the emulator's sources, by id (read live, so `addSource` takes effect at once)
   * @param typing the typing rate limiter shared by all sources (keys include the source id)
   * @param now the emulator clock
   */
  constructor(
    private readonly sources: ReadonlyMap<string, EmulatedSource>,
    private readonly typing: TypingRateLimiter,
    private readonly now: () => number,
  ) {}

  /** Decides, and applies the side effects of, one request. */
  process(input: SendRequestInput): SendOutcome {
    const source = this.sources.get(input.sourceId);
    if (source === undefined) return refused(ENGAGE_REFUSALS.sourceNotFound);
    if (!isValidSignature(input.rawBody, input.signature, source.accessToken)) return refused(ENGAGE_REFUSALS.invalidSignature);

    const envelope = parseSendEnvelope(input.rawBody);
    if (isRefusal(envelope)) return refused(envelope);
    const { action, params } = envelope;
    const actionName = typeof action === 'string' ? action : undefined;

    if (!isEngageAction(action) || !source.actions.has(action)) return refused(ENGAGE_REFUSALS.invalidAction, actionName);
    const isTyping = action === 'typing.start' || action === 'typing.stop';
    if (isTyping && !source.options.has('messaging.typing_indicator')) return refused(ENGAGE_REFUSALS.invalidAction, action);

    if (!hasRequiredFields(action, params, source.options)) return refused(ENGAGE_REFUSALS.invalidResourceFormat, action);

    if (SUPPORTS_STRUCTURED_CONTENT.has(action)) {
      const refusal = checkStructuredContent(params, source);
      if (refusal !== undefined) return refused(refusal, action);
    }

    if (isTyping) {
      // thread_id wins when both are given (spec); required fields guarantee one of them.
      const thread = isBlank(params['thread_id']) ? params['in_reply_to_id'] : params['thread_id'];
      const key = `${source.id}\u0000${String(thread)}`;
      if (action === 'typing.stop') this.typing.stop(key);
      else if (!this.typing.tryStart(key, this.now())) return refused(ENGAGE_REFUSALS.typingRateLimited, action);
    }

    if (action === 'users.create') {
      // Later users.create calls update the identity, so puppetizable can be withdrawn too.
      const userId = String(params['id']);
      if (params['puppetizable'] === true) source.puppetizableUserIds.add(userId);
      else source.puppetizableUserIds.delete(userId);
    }
    return { kind: 'accepted', action, params };
  }
}

function refused(refusal: EngageRefusal, action?: string): SendOutcome {
  return action === undefined ? { kind: 'refused', refusal } : { kind: 'refused', refusal, action };
}
