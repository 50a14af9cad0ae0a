import { AgentContentDto } from './agent-content.dto.js';

/** Params of `threads.create`: a thread an agent opened (`title`, `body`, …). */
export class AgentThreadDto extends AgentContentDto {}

/** Params of `threads.create`. */
export type AgentThread = AgentThreadDto;
