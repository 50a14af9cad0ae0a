import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { declaredSource, EngageEndpointClient, type DeliveryReport, type EngageEmulator } from 'engage-send/testing';
import type { EngageContentObject } from 'engage-send';
import { DEMO_ENDPOINT_PATH } from '../agent-replies/demo-endpoint.js';

/** What the embedded emulator plays Engage for. */
export interface EmulatedEngageSource {
  readonly emulator: EngageEmulator;
  readonly sourceId: string;
  readonly accessToken: string;
}

/** An agent's reply, as the demo's `POST /emulator/agent-replies` takes it. */
export interface AgentReplyRequest {
  readonly object?: EngageContentObject;
  readonly body?: string;
  readonly thread_id?: string;
  readonly in_reply_to_id?: string;
  /** Drop the demo's first answer, as a broken connection would: Engage then delivers again with `retry: true`. */
  readonly lose_first_answer?: boolean;
}

/**
 * The embedded emulator's Engage side: once the demo listens, it calls the
 * demo's `implementation.info` (as Engage does when a source is saved) and
 * from then on refuses the Send API actions the demo did not declare; on
 * request it delivers an agent's reply to `POST /engage` with Engage's
 * retry behaviour.
 */
@Injectable()
export class EmulatedEngage implements OnApplicationShutdown {
  private readonly logger = new Logger('EngageEmulator');
  private client: EngageEndpointClient | undefined;
  private contents = 0;
  /** Settles once `implementation.info` was read (or failed, logged). */
  readonly synced: Promise<void>;

  constructor(
    private readonly source: EmulatedEngageSource,
    adapterHost: HttpAdapterHost,
  ) {
    this.synced = new Promise((resolve) => {
      adapterHost.listen$.subscribe(() => {
        const address = adapterHost.httpAdapter.getHttpServer().address() as AddressInfo;
        void this.sync(`http://127.0.0.1:${address.port}${DEMO_ENDPOINT_PATH}`).finally(resolve);
      });
    });
  }

  /** Delivers an agent's reply to the demo's endpoint, as Engage would. */
  async deliverAgentReply(request: AgentReplyRequest): Promise<DeliveryReport> {
    if (this.client === undefined) throw new Error('the demo is not listening yet');
    const content = {
      content_id: `engage-content-${++this.contents}`,
      body: request.body ?? 'Hello, an agent here: how can I help?',
      format: 'text',
      sender_name: 'Agent Smith',
      author_id: 'agent-1',
      thread_id: request.thread_id,
      in_reply_to_id: request.in_reply_to_id,
      created_at: new Date().toISOString(),
    };
    const report = await this.client.deliver(request.object ?? 'messages', content, { loseAnswers: request.lose_first_answer ? 1 : 0 });
    const attempts = report.attempts.map((attempt) => `${attempt.retry ? 'retry' : 'first'}: ${attempt.status ?? '-'}${attempt.failure ? ` (${attempt.failure})` : ''}`);
    this.logger.log(`agent reply ${content.content_id} delivered to ${DEMO_ENDPOINT_PATH}: ${report.outcome} after ${attempts.join(', ')}`);
    return report;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.close();
  }

  private async sync(url: string): Promise<void> {
    const { emulator, sourceId, accessToken } = this.source;
    this.client = new EngageEndpointClient({ url, accessToken });
    try {
      const info = await this.client.implementationInfo();
      emulator.addSource(declaredSource({ id: sourceId, accessToken }, info));
      const objects = Object.entries(info.objects).map(([object, operations]) => `${object}: ${operations.join(', ')}`);
      this.logger.log(`implementation.info of ${url}: ${objects.join('; ')}; options: ${info.options.join(', ') || 'none'}. Undeclared Send API actions are now refused.`);
      this.logger.log('Watch a whole exchange: POST /messages, POST /emulator/agent-replies, GET /agent-replies, POST /messages/<reply id>/read');
    } catch (error) {
      this.logger.warn(`implementation.info of ${url} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
