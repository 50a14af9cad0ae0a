import { isDataObject } from '../validation/data-object.js';
import { describeValue } from '../validation/value-description.js';
import type { ParsedCallAction } from './engage-call-action.js';

/** A handler's answer, checked against the contract and ready to serialise, or what is wrong with it. */
export type AnswerCheck = { ok: true; value: unknown } | { ok: false; problem: string };

/**
 * Checks what a handler returned for `call` before anything is signed:
 * `list` an array of objects (sent newest first: the handler gives them
 * oldest first), `create` an object with a non-empty string `id`,
 * `messaging.queuing_update` anything (`undefined` becomes `{}`), every other
 * call an object.
 */
export function checkAnswer(call: ParsedCallAction, answer: unknown): AnswerCheck {
  switch (call.kind) {
    case 'queuing_update':
      return { ok: true, value: answer === undefined ? {} : answer };
    case 'list': {
      if (!Array.isArray(answer)) return { ok: false, problem: `must answer an array of contents, got ${describeValue(answer)}` };
      const bad = answer.findIndex((item) => !isDataObject(item));
      if (bad !== -1) return { ok: false, problem: `must answer an array of contents; item ${bad} is ${describeValue(answer[bad])}` };
      return { ok: true, value: answer.toReversed() };
    }
    case 'create': {
      if (!isDataObject(answer)) return { ok: false, problem: `must answer the created content ({ id, … }), got ${describeValue(answer)}` };
      const id = answer['id'];
      if (typeof id !== 'string' || id === '') {
        return { ok: false, problem: `must answer the created content with its id on the integration's side (a non-empty string), got ${id === undefined ? 'no id' : describeValue(id)}` };
      }
      return { ok: true, value: answer };
    }
    default:
      if (!isDataObject(answer)) return { ok: false, problem: `must answer the content (an object), got ${describeValue(answer)}` };
      return { ok: true, value: answer };
  }
}
