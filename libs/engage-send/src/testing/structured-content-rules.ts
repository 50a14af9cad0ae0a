import type { EmulatedSource } from './emulated-source.js';
import { ENGAGE_REFUSALS, structuredContentAttributeEmpty, type EngageRefusal } from './engage-refusals.js';
import { isBlank, isJsonObject } from './engage-presence.js';

/** Mandatory attributes per structured content type, in the order Engage reports them. */
const MANDATORY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  select: ['items'],
  rich_link: ['url', 'title'],
  template: ['title'],
  carousel: ['items'],
};

/**
 * Engage's checks on a message's `structured_content`, in Engage's order;
 * returns the refusal, or `undefined` when there is no structured content or
 * it passes. Only mandatory attributes are checked (not lengths or schemes):
 * the spec documents refusals for those only.
 */
export function checkStructuredContent(params: Record<string, unknown>, source: EmulatedSource): EngageRefusal | undefined {
  const content = params['structured_content'];
  if (content === undefined || content === null) return undefined;
  if (!source.options.has('view.messaging')) return ENGAGE_REFUSALS.structuredContentUnsupported;
  const fields = isJsonObject(content) ? content : {};
  const type = fields['type'];
  if (isBlank(type)) return ENGAGE_REFUSALS.structuredContentTypeRequired;
  if (typeof type !== 'string' || !source.structuredContentTypes.has(type)) return ENGAGE_REFUSALS.structuredContentTypeUnsupported;
  for (const attribute of MANDATORY_ATTRIBUTES[type] ?? []) {
    if (isBlank(fields[attribute])) return structuredContentAttributeEmpty(attribute);
  }
  if (!isPuppetizable(params['author'], source)) return ENGAGE_REFUSALS.authorNotPuppetizable;
  return undefined;
}

/** Puppetizable on the message itself, or created earlier on this source through `users.create` with `puppetizable: true`. */
function isPuppetizable(author: unknown, source: EmulatedSource): boolean {
  if (!isJsonObject(author)) return false;
  return author['puppetizable'] === true || source.puppetizableUserIds.has(String(author['id']));
}
