import { AGENT_THREAD } from '../../contract/index.js';
import { ContractObject } from '../../dto/contract-object.decorator.js';
import { AgentContentDto } from './agent-content.dto.js';

/** Params of `threads.create`: a thread an agent opened (`title`, `body`, …). */
@ContractObject(AGENT_THREAD)
export class AgentThreadDto extends AgentContentDto {}

/** Params of `threads.create`. */
export type AgentThread = AgentThreadDto;
