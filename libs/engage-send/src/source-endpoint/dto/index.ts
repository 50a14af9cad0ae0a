/** Params of Engage's calls to the integration, as DTO classes (validated before a handler runs). */
export { AgentAttachmentDto } from './agent-attachment.dto.js';
export { AgentContentDto } from './agent-content.dto.js';
export { AgentMessageDto, type AgentMessage } from './agent-message.dto.js';
export { AgentPrivateMessageDto, type AgentPrivateMessage } from './agent-private-message.dto.js';
export { AgentThreadDto, type AgentThread } from './agent-thread.dto.js';
export { ListCallDto, type ListCall } from './list-call.dto.js';
export { ContentIdCallDto, type ContentIdCall } from './content-id-call.dto.js';
export { CustomActionCallDto, type CustomActionCall } from './custom-action-call.dto.js';
export { QueuingUpdateCallDto, type QueuingUpdateCall } from './queuing-update-call.dto.js';
