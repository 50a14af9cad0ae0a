import { OmitType } from '@nestjs/swagger';
import { StatusMarkAsReadDto, TypingStartDto, TypingStopDto } from 'engage-send';

// Bodies of the routes whose path names an id: the library's DTO minus that
// field, made with @nestjs/swagger's OmitType so the OpenAPI schema is the
// library's own (the library validates the params the route builds).

/** `POST /threads/:threadId/typing`: `typing.start` params without `thread_id`. */
export class TypingStartBody extends OmitType(TypingStartDto, ['thread_id'] as const) {}

/** `DELETE /threads/:threadId/typing`: `typing.stop` params without `thread_id`. */
export class TypingStopBody extends OmitType(TypingStopDto, ['thread_id'] as const) {}

/** `POST /messages/:id/read`: `status.mark_as_read` params without `id`, so `{}`. */
export class MarkAsReadBody extends OmitType(StatusMarkAsReadDto, ['id'] as const) {}
