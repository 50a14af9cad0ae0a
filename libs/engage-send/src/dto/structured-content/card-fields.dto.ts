import { Field } from '../contract-object.decorator.js';

/** Fields a `template` and a carousel card share. Abstract: see {@link TemplateContentDto}, {@link CarouselCardDto}. */
export abstract class CardFieldsDto {
  /** Title of the card (required, at most 350 characters). */
  @Field() title!: string;
  /** Text under the title (at most 1000 characters). */
  @Field() subtitle?: string;
  /** Link opened from the card (at most 2048 characters; http, https or an app scheme). */
  @Field() url?: string;
  /** Label of `url` (at most 80 characters). */
  @Field() url_text?: string;
  /** Picture of the card: a public http(s) jpg/jpeg/png under 5 MB, which Engage downloads. */
  @Field() attachment_url?: string;
}
