import { Logger } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { QueueName, redisConnectionFromUrl } from '@hireloop/queue';
import { createTestApp, signupOrganization, TestApp } from '@hireloop/testing';
import { waitFor } from '@hireloop/testing/panel-fixture';
import { toProblem } from '../../apps/api/src/common/problem-details.filter';

/** Issue 14, item 8: service-wide jobs are the platform operator's, and database values never reach the logs. */
describe('operators vs tenants: service-wide jobs', () => {
  const OPERATOR_TOKEN = `op-${randomUUID()}-${randomUUID()}`;
  let t: TestApp;
  let queue: Queue;
  let worker: Worker;
  let serviceWide: Job;
  let tenantJob: Job;
  let admin: Awaited<ReturnType<typeof signupOrganization>>;

  beforeAll(async () => {
    t = await createTestApp({ env: { OPERATOR_TOKEN } });
    admin = await signupOrganization(t);
    const connection = redisConnectionFromUrl(process.env.REDIS_URL!);
    queue = new Queue(QueueName.Maintenance, { connection, prefix: process.env.QUEUE_PREFIX });
    // A worker that fails the two jobs of this test (and only them) at once.
    worker = new Worker(
      QueueName.Maintenance,
      async (job) => {
        if (job.name.startsWith('operator-test')) throw new Error('planned failure');
      },
      { connection, prefix: process.env.QUEUE_PREFIX },
    );
    serviceWide = await queue.add('operator-test-service-wide', { now: new Date().toISOString() }, { attempts: 1 });
    tenantJob = await queue.add('operator-test-tenant', { organizationId: admin.organizationId }, { attempts: 1 });
    await waitFor(async () => ((await serviceWide.getState()) === 'failed' && (await tenantJob.getState()) === 'failed' ? true : null), {
      what: 'both jobs failed',
    });
  });
  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await t?.close();
  });

  const failedIds = async (headers: Record<string, string>) =>
    (await t.http.get(`/v1/admin/queues/${QueueName.Maintenance}/failed?limit=100`).set(headers).expect(200)).body.items.map(
      (j: { id: string }) => j.id,
    );

  it('a tenant admin sees only their organization’s jobs, never service-wide ones, and cannot retry those', async () => {
    const ids = await failedIds(admin.auth);
    expect(ids).toContain(tenantJob.id);
    expect(ids).not.toContain(serviceWide.id);
    expect(await failedIds({ ...admin.auth, 'x-operator-token': 'wrong-token-0123456789-0123456789-0123' })).not.toContain(serviceWide.id);
    await t.http.post(`/v1/admin/queues/${QueueName.Maintenance}/jobs/${serviceWide.id}/retry`).set(admin.auth).expect(404);
    const other = await signupOrganization(t);
    expect(await failedIds(other.auth)).not.toContain(tenantJob.id);
  });

  it('the platform operator credential shows and retries them', async () => {
    const operator = { ...admin.auth, 'x-operator-token': OPERATOR_TOKEN };
    expect(await failedIds(operator)).toEqual(expect.arrayContaining([serviceWide.id, tenantJob.id]));
    await t.http.post(`/v1/admin/queues/${QueueName.Maintenance}/jobs/${serviceWide.id}/retry`).set(operator).expect(200);
  });
});

describe('database error values never reach the logs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an unhandled QueryFailedError is logged with its SQLSTATE and SQL, without parameters, detail or values in the message', async () => {
    const marker = `private-note-${randomUUID()}`;
    const email = `${marker}@example.test`;
    // Two real failures: a unique violation (detail "Key (email)=(…) already exists") and a cast of the value.
    await t.dataSource.query(`INSERT INTO users (email, name) VALUES ($1, $2)`, [email, marker]);
    const errors: unknown[] = [];
    for (const run of [
      () => t.dataSource.query(`INSERT INTO users (email, name) VALUES ($1, $2)`, [email, marker]),
      () => t.dataSource.query(`SELECT $1::int AS n`, [marker]),
    ]) {
      errors.push(
        await run().then(
          () => null,
          (e: unknown) => e,
        ),
      );
    }
    expect(errors[0]).toBeInstanceOf(QueryFailedError);
    expect(JSON.stringify(errors[0])).toContain(marker); // what used to be logged

    const lines: string[] = [];
    const captured = {
      error: (...args: unknown[]) => lines.push(JSON.stringify(args)),
      warn: (...args: unknown[]) => lines.push(JSON.stringify(args)),
    } as unknown as Logger;
    for (const error of errors) expect(toProblem(error, captured).status).toBe(error === errors[0] ? 500 : 400);
    toProblem(
      Object.assign(new QueryFailedError('SELECT $1', [marker], Object.assign(new Error(`boom "${marker}"`), { code: 'XX000', detail: marker })), {}),
      captured,
    );
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join('\n')).not.toContain(marker);
    expect(lines[0]).toContain('23505');
    expect(lines[0]).toContain('INSERT INTO users');
  });
});

describe('content security policy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("allows no inline scripts ('unsafe-inline' only for styles), and the pages served carry no inline script", async () => {
    for (const path of ['/health', '/docs', '/v1/me']) {
      const res = await t.http.get(path);
      const csp = String(res.headers['content-security-policy']);
      const directives = Object.fromEntries(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([name, ...values]) => [name, values]),
      );
      expect(directives['script-src']).toEqual(["'self'"]);
      expect(directives['script-src-attr']).toEqual(["'none'"]);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    }
    const docs = await t.http.get('/docs').redirects(1);
    const html = String(docs.text);
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(
      ([, attrs, body]) => !/\bsrc=/.test(attrs) && body.trim() !== '',
    );
    expect(inline).toEqual([]);
  });

  it("sends helmet's other headers on every answer, the error answers of unknown routes included", async () => {
    for (const path of ['/health', '/v1/me', '/v1/no-such-route']) {
      const res = await t.http.get(path);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});
