import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { EngageOutbox, type EngageOutboxJob } from 'engage-send/outbox';

/** `GET /outbox/jobs/:jobId`: a queued send's state (waiting, delayed, active, completed, failed), attempts and outcome. */
@Controller('outbox/jobs')
export class OutboxJobsController {
  constructor(private readonly outbox: EngageOutbox) {}

  @Get(':jobId')
  async show(@Param('jobId') jobId: string): Promise<EngageOutboxJob> {
    const job = await this.outbox.getJob(jobId);
    // The id is echoed only bounded: it comes from the URL.
    if (!job) throw new NotFoundException(`No outbox job ${JSON.stringify(jobId.slice(0, 200))} (finished jobs are kept for a while only)`);
    return job;
  }
}
