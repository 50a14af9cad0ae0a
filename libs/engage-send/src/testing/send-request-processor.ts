import {
  ENGAGE_ERRORS,
  isEngageAction,
  isGiven,
  isTypingAction,
  STRUCTURED_CONTENT_ACTIONS,
  STRUCTURED_CONTENT_OPTION,
  structuredContentAttributeEmpty,
  TYPING_OPTION,
  type EngageAction,
  type EngageErrorRow,
} from '../contract/index.js';
import { verifySignature } from '../signing/verify-signature.js';
import type { ContractFailure } from '../validation/contract-checker.js';
import { isDataObject } from '../validation/data-object.js';
import { keyOf } from './client-value-key.js';
import type { EmulatedSource } from './emulated-source.js';
import { isRefusal, parseSendEnvelope } from './send-envelope.js';
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
  | {
      readonly kind: 'refused';
      readonly refusal: EngageErrorRow;
      readonly action?: string;
      /** The contract rule the params broke, when that was the reason. */
      readonly failure?: ContractFailure;
    };

/**
 * Engage's processing of a Send API request after the size check: source,
 * signature, JSON, envelope, action, the contract (`src/contract`, read through
 * the contract checker: as Engage enforces it, or every rule in strict mode),
 * the source's structured-content support, puppetizable authors, the typing
 * rate limit. The first failing step decides the answer, so the order here is
 * part of the contract. Side effects happen only on acceptance.
 */
export class SendRequestProcessor {
  /**
   * @param sources the emulator's sources, by id (read live, so `addSource` takes effect at once)
   * @param typing the typing rate limiter shared by all sources (keys include the source id)
   * @param now the emulator clock
   * @param strict check every rule of the contract, not only what Engage enforces
   */
  constructor(
    private readonly sources: ReadonlyMap<string, EmulatedSource>,
    private readonly typing: TypingRateLimiter,
    private readonly now: () => number,
    private readonly strict = false,
  ) {}

  /** Decides, and applies the side effects of, one request. */
  process(input: SendRequestInput): SendOutcome {
    const source = this.sources.get(input.sourceId);
    if (source === undefined) return refused(ENGAGE_ERRORS.sourceNotFound);
    if (!verifySignature(input.rawBody, input.signature, source.accessToken, 'lower')) return refused(ENGAGE_ERRORS.invalidSignature);

    const envelope = parseSendEnvelope(input.rawBody);
    if (isRefusal(envelope)) return refused(envelope);
    const { action, params } = envelope;
    const actionName = typeof action === 'string' ? action.slice(0, 100) : undefined;

    if (!isEngageAction(action) || !source.actions.has(action)) return refused(ENGAGE_ERRORS.invalidAction, actionName);
    if (isTypingAction(action) && !source.options.has(TYPING_OPTION)) return refused(ENGAGE_ERRORS.invalidAction, action);

    const structured = STRUCTURED_CONTENT_ACTIONS.has(action) && isGiven(params['structured_content']);
    const checked = (this.strict ? source.strictChecker : source.checker).check(action, params);
    if (!checked.ok) {
      const { failure } = checked;
      // The source's support is decided before the content's own attributes.
      const unsupported = structured && failure.path.startsWith('params.structured_content') ? this.unsupportedStructuredContent(params, source) : undefined;
      return unsupported === undefined ? refused(refusalOf(failure), action, failure) : refused(unsupported, action);
    }
    if (structured) {
      const refusal = this.unsupportedStructuredContent(params, source) ?? this.notPuppetizable(params, source);
      if (refusal !== undefined) return refused(refusal, action);
    }
    if (isTypingAction(action)) {
      const key = `${source.id}\u0000${this.typingThread(params, source)}`;
      if (action === 'typing.stop') this.typing.stop(key);
      else if (!this.typing.tryStart(key, this.now())) return refused(ENGAGE_ERRORS.typingRateLimited, action);
    }
    this.remember(action, params, source);
    return { kind: 'accepted', action, params };
  }

  /** A structured content the source can't show: no `view.messaging`, or a type it does not support. */
  private unsupportedStructuredContent(params: Record<string, unknown>, source: EmulatedSource): EngageErrorRow | undefined {
    if (!source.options.has(STRUCTURED_CONTENT_OPTION)) return ENGAGE_ERRORS.structuredContentUnsupported;
    const content = params['structured_content'];
    const type = isDataObject(content) ? content['type'] : undefined;
    if (typeof type === 'string' && type !== '' && !source.structuredContentTypes.has(type)) return ENGAGE_ERRORS.structuredContentTypeUnsupported;
    return undefined;
  }

  /** Structured contents need a puppetizable author: on the message, or created so by an earlier `users.create`. */
  private notPuppetizable(params: Record<string, unknown>, source: EmulatedSource): EngageErrorRow | undefined {
    const author = params['author'];
    const puppetizable = isDataObject(author) && (author['puppetizable'] === true || source.puppetizableUserIds.has(keyOf(author['id'])));
    return puppetizable ? undefined : ENGAGE_ERRORS.authorNotPuppetizable;
  }

  /**
   * The thread a typing event counts against: `thread_id` wins (spec); else
   * the thread of the content it answers, when this source stored that content.
   */
  private typingThread(params: Record<string, unknown>, source: EmulatedSource): string {
    if (isGiven(params['thread_id'])) return `thread:${keyOf(params['thread_id'])}`;
    const reply = keyOf(params['in_reply_to_id']);
    const thread = source.threadOfContent.get(reply);
    return thread === undefined ? `reply:${reply}` : `thread:${thread}`;
  }

  /** State later requests depend on: puppetizable users, and the thread of each stored content. */
  private remember(action: EngageAction, params: Record<string, unknown>, source: EmulatedSource): void {
    const id = keyOf(params['id']);
    if (action === 'users.create') {
      // Later users.create calls update the identity, so puppetizable can be withdrawn too.
      if (params['puppetizable'] === true) source.puppetizableUserIds.set(id, true);
      else source.puppetizableUserIds.delete(id);
    } else if (action === 'threads.create') {
      source.threadOfContent.set(id, id);
    } else if (action === 'messages.create' && isGiven(params['thread_id'])) {
      source.threadOfContent.set(id, keyOf(params['thread_id']));
    }
  }
}

/** Engage's answer to a broken contract rule. */
function refusalOf(failure: ContractFailure): EngageErrorRow {
  if (failure.refusal === 'structuredContentAttributeEmpty') return structuredContentAttributeEmpty(failure.path.slice(failure.path.lastIndexOf('.') + 1));
  return ENGAGE_ERRORS[failure.refusal];
}

function refused(refusal: EngageErrorRow, action?: string, failure?: ContractFailure): SendOutcome {
  return { kind: 'refused', refusal, ...(action === undefined ? {} : { action }), ...(failure === undefined ? {} : { failure }) };
}
