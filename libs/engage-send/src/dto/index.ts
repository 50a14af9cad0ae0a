/**
 * Params of every Send API action, as DTO classes built from the contract
 * (`src/contract`). They carry the validation rules and the OpenAPI metadata,
 * and double as the params types: callers write plain object literals against
 * them (`const params: MessagesCreateParams = { id: '890', … }`).
 */

// Action params
export { MessagesCreateDto, type MessagesCreateParams } from './messages-create.dto.js';
export { PrivateMessagesCreateDto, type PrivateMessagesCreateParams } from './private-messages-create.dto.js';
export { ThreadsCreateDto, type ThreadsCreateParams } from './threads-create.dto.js';
export { UsersCreateDto, type UsersCreateParams } from './users-create.dto.js';
export { StatusMarkAsReadDto, type StatusMarkAsReadParams } from './status-mark-as-read.dto.js';
export { TypingStartDto, type TypingStartParams } from './typing-start.dto.js';
export { TypingStopDto, type TypingStopParams } from './typing-stop.dto.js';

// Shared parts
export { ContentDto, type EngageDate } from './content.dto.js';
export { MessageContentDto } from './message-content.dto.js';
export { TypingEventDto } from './typing-event.dto.js';
export { UserProfileDto, UserDto, type EngageUser } from './user.dto.js';
export { AttachmentDto, type MessageAttachment } from './attachment.dto.js';
export { StructuredReplyDto } from './structured-reply.dto.js';
export type { ContextData } from './context-data.js';

// Structured contents
export type { StructuredContent } from './structured-content/structured-content.js';
export { SelectContentDto } from './structured-content/select.dto.js';
export { SelectItemDto } from './structured-content/select-item.dto.js';
export { RichLinkContentDto } from './structured-content/rich-link.dto.js';
export { TemplateContentDto } from './structured-content/template.dto.js';
export { CarouselContentDto } from './structured-content/carousel.dto.js';
export { CarouselCardDto } from './structured-content/carousel-card.dto.js';
export { CardFieldsDto } from './structured-content/card-fields.dto.js';
export { ButtonDto, type StructuredButton } from './structured-content/button.dto.js';
