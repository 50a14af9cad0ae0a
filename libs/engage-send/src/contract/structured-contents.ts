import type { FieldRule, ObjectRule } from './field-rule.js';
import { STRUCTURED_CONTENT_LIMITS as L } from './limits.js';

/*
 * Structured contents (Engage's *Structured messages* page): a message's
 * `structured_content` is one of four objects, told apart by `type`. Their
 * mandatory attributes are refused by Engage with
 * `structured_content: "<attribute>" must not be empty`.
 */

/** Values of a structured content's `type`. */
export const STRUCTURED_CONTENT_TYPES = ['select', 'rich_link', 'template', 'carousel'] as const;

/** A structured content's `type`. */
export type StructuredContentType = (typeof STRUCTURED_CONTENT_TYPES)[number];

/** Values of a button's `type`. */
export const BUTTON_TYPES = ['url', 'reply'] as const;

/** A button's `type`: `url` opens a link, `reply` answers with its payload. */
export type ButtonType = (typeof BUTTON_TYPES)[number];

/** The value of a structured content's `type`, as a field rule. */
function typeField(value: string): FieldRule {
  return { type: 'string', oneOf: [value], description: `Always \`${value}\`.`, example: value };
}

const title = (max: number, description: string): FieldRule => ({ type: 'string', maxChars: max, description });

export const SELECT_ITEM: ObjectRule = {
  name: 'SelectItem',
  fields: {
    title: { ...title(L.itemTitle, 'Text of the choice.'), required: true, example: 'Yes' },
    payload: { type: 'string', maxChars: L.payload, description: 'Value sent back in the `structured_reply` when the customer picks it.', example: 'YES' },
  },
};

export const BUTTON: ObjectRule = {
  name: 'Button',
  fields: {
    type: { type: 'string', required: true, oneOf: BUTTON_TYPES, description: '`url` opens `url`; `reply` answers with `payload`.', example: 'reply' },
    title: { ...title(L.itemTitle, 'Label of the button.'), required: true, example: 'Track my order' },
    url: {
      type: 'string',
      format: 'link-url',
      maxChars: L.url,
      required: { ifEquals: { field: 'type', value: 'url' } },
      readOnlyIf: { field: 'type', value: 'url' },
      description: 'For `url` buttons: the link opened (http, https or an app scheme).',
    },
    payload: {
      type: 'string',
      maxChars: L.payload,
      readOnlyIf: { field: 'type', value: 'reply' },
      description: 'For `reply` buttons: the value of the `structured_reply` when clicked.',
    },
  },
};

/** Fields a `template` and a carousel card share. */
const CARD_FIELDS: Readonly<Record<string, FieldRule>> = {
  title: { ...title(L.title, 'Title of the card.'), required: true, missing: 'structuredContentAttributeEmpty', example: 'Your order' },
  subtitle: { type: 'string', maxChars: L.subtitle, description: 'Text under the title.' },
  url: { type: 'string', format: 'link-url', maxChars: L.url, description: 'Link opened from the card (http, https or an app scheme).' },
  url_text: { type: 'string', maxChars: L.urlText, description: 'Label of `url`.' },
  attachment_url: { type: 'string', format: 'http-url', description: 'Picture of the card: a public http(s) jpg/jpeg/png under 5 MB, which Engage downloads.' },
};

export const SELECT: ObjectRule = {
  name: 'Select',
  fields: {
    type: typeField('select'),
    items: {
      type: 'objects',
      object: SELECT_ITEM,
      required: true,
      missing: 'structuredContentAttributeEmpty',
      minItems: L.selectItems.min,
      maxItems: L.selectItems.max,
      description: 'The choices.',
    },
  },
};

export const RICH_LINK: ObjectRule = {
  name: 'RichLink',
  fields: {
    type: typeField('rich_link'),
    url: {
      type: 'string',
      format: 'link-url',
      maxChars: L.url,
      required: true,
      missing: 'structuredContentAttributeEmpty',
      description: 'The link (http, https or an app scheme).',
      example: 'https://example.com/article',
    },
    title: { ...title(L.title, 'Title of the preview.'), required: true, missing: 'structuredContentAttributeEmpty', example: 'Our new plans' },
    url_text: CARD_FIELDS['url_text']!,
    subtitle: CARD_FIELDS['subtitle']!,
    attachment_url: CARD_FIELDS['attachment_url']!,
  },
};

export const TEMPLATE: ObjectRule = {
  name: 'Template',
  fields: {
    type: typeField('template'),
    ...CARD_FIELDS,
    items: { type: 'objects', object: BUTTON, description: 'Buttons of the card.' },
  },
};

export const CAROUSEL_CARD: ObjectRule = {
  name: 'CarouselCard',
  fields: {
    // The docs call carousel items "templates": a template object is accepted as a card.
    type: { type: 'string', oneOf: ['template'], description: 'Optional, and then `template`.' },
    ...CARD_FIELDS,
    title: { ...CARD_FIELDS['title']!, missing: undefined },
    attachment_fallback_id: { type: 'string', description: 'Id of a fallback attachment, shown where the carousel cannot be rendered.' },
    items: { type: 'objects', object: BUTTON, maxItems: L.carouselCardButtons, description: 'Buttons of the card.' },
  },
};

export const CAROUSEL: ObjectRule = {
  name: 'Carousel',
  fields: {
    type: typeField('carousel'),
    items: {
      type: 'objects',
      object: CAROUSEL_CARD,
      required: true,
      missing: 'structuredContentAttributeEmpty',
      minItems: L.carouselItems.min,
      maxItems: L.carouselItems.max,
      description: 'The cards.',
    },
  },
};

/** The four structured contents, by `type`. */
export const STRUCTURED_CONTENTS: Readonly<Record<StructuredContentType, ObjectRule>> = {
  select: SELECT,
  rich_link: RICH_LINK,
  template: TEMPLATE,
  carousel: CAROUSEL,
};
