import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { bootstrap, type RunningDemo } from '../../apps/demo/src/bootstrap.js';
import { RedisServer } from '../../libs/engage-send/test/support/redis-server.js';

// The demo with REDIS_URL: content routes enqueue to the outbox and answer 202
// with the job id; GET /outbox/jobs/:jobId shows the job; typing stays direct.

let redis: RedisServer;
let demo: RunningDemo;

beforeAll(async () => {
  redis = await RedisServer.start();
  demo = await bootstrap({ env: { PORT: '0', REDIS_URL: redis.url }, logger: false });
});
afterAll(async () => {
  await demo?.close();
  await redis?.stop();
});

const author = { id: 'user-1', screenname: 'Jane Doe' };
const message = { id: 'demo-outbox-1', thread_id: 'thread-1', body: 'Queued hello', author };

async function jobWhenSettled(statusUrl: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const res = await request(demo.url).get(statusUrl);
    if (res.status === 200 && (res.body.state === 'completed' || res.body.state === 'failed')) return res.body as Record<string, unknown>;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job at ${statusUrl} did not settle`);
}

describe('demo with REDIS_URL (outbox)', () => {
  it('POST /messages answers 202 with the job id; the job shows its state, then Engage has the message', async () => {
    const res = await request(demo.url).post('/messages').send(message);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      jobId: 'messages.create-demo-outbox-1',
      action: 'messages.create',
      queue: 'engage-send',
      statusUrl: '/outbox/jobs/messages.create-demo-outbox-1',
    });
    const job = await jobWhenSettled(res.body.statusUrl as string);
    expect(job).toMatchObject({ id: 'messages.create-demo-outbox-1', state: 'completed', attemptsMade: 1, result: { status: 200 } });
    expect(demo.emulator!.requests.filter((r) => r.params.id === 'demo-outbox-1')).toHaveLength(1);
  });

  it('POST /messages/:id/read is queued too', async () => {
    const res = await request(demo.url).post('/messages/agent-9/read').send({});
    expect(res.status).toBe(202);
    expect(res.body.jobId).toBe('status.mark_as_read-agent-9');
    expect(await jobWhenSettled(res.body.statusUrl as string)).toMatchObject({ state: 'completed' });
  });

  it('an invalid body gets the library’s 400 at once, and no job', async () => {
    const res = await request(demo.url).post('/messages').send({ ...message, id: 'demo-outbox-bad', author: { screenname: 'No id' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ENGAGE_VALIDATION');
    expect((await request(demo.url).get('/outbox/jobs/messages.create-demo-outbox-bad')).status).toBe(404);
  });

  it('typing stays direct (200), paced across replicas through the same Redis', async () => {
    const res = await request(demo.url).post('/threads/thread-1/typing').send({ preview: 'Hel' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ action: 'typing.start', status: 200, coalesced: false });
  });

  it('an unknown job is a 404 that echoes the id only bounded', async () => {
    const res = await request(demo.url).get(`/outbox/jobs/${'x'.repeat(5_000)}`);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body).length).toBeLessThan(1_000);
  });
});
