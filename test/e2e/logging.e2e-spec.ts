import { randomUUID } from 'node:crypto';
import { createTeam, createTestApp, TestApp } from '@hireloop/testing';
import { createPanel, waitForCurrentReport, writeScorecard } from '@hireloop/testing/panel-fixture';
import { startWorker, stopAllProcesses, WorkerProcess } from '@hireloop/testing/worker-process';

/** Request ids reach the audit log; the worker writes JSON lines that name the job and queue they were written for. */
jest.setTimeout(120_000);

describe('logging', () => {
  let t: TestApp;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await worker?.stop();
    await stopAllProcesses();
    await t?.close();
  });

  it('writes the HTTP request id (x-request-id, or the generated one) into audit_log.request_id', async () => {
    const team = await createTeam(t);
    const requestId = `req-${randomUUID()}`;
    const res = await t.http
      .post('/v1/candidates')
      .set(team.recruiter.auth)
      .set('x-request-id', requestId)
      .send({ name: 'Ada Lovelace', email: `ada-${randomUUID().slice(0, 8)}@example.test` })
      .expect(201);
    expect(res.headers['x-request-id']).toBe(requestId);
    const rows = await t.dataSource.query(`SELECT action, entity_id FROM audit_log WHERE request_id = $1`, [requestId]);
    expect(rows).toEqual([{ action: expect.stringMatching(/candidate/), entity_id: res.body.id }]);

    const generated = await t.http.patch(`/v1/candidates/${res.body.id}`).set(team.recruiter.auth).send({ name: 'Ada King' }).expect(200);
    const [row] = await t.dataSource.query(`SELECT request_id FROM audit_log WHERE entity_id = $1 ORDER BY id DESC LIMIT 1`, [res.body.id]);
    expect(row.request_id).toBe(generated.headers['x-request-id']);
    expect(row.request_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('the worker logs JSON lines carrying the job id and queue', async () => {
    worker = await startWorker({ name: 'json-logging worker', env: { LOG_LEVEL: 'debug' } });
    const team = await createTeam(t);
    const panel = await createPanel(t.dataSource, {
      members: {
        organizationId: team.admin.organizationId,
        adminId: team.admin.memberId,
        hiringManagerId: team.hiringManager.memberId,
        interviewerIds: team.interviewers.map((i) => i.memberId),
      },
    });
    await writeScorecard(t.dataSource, panel, 0, { ratings: [3, 3, 3], recommendation: 'yes' });
    await waitForCurrentReport(t.dataSource, panel.applicationId);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const lines = worker
      .output()
      .split('\n')
      .filter((l) => l.trim() !== '');
    const parsed = lines.map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new Error(`not a JSON log line: ${line}`);
      }
    });
    expect(parsed.find((l) => /hireloop worker started/.test(l.msg))).toMatchObject({ level: 30, process: 'worker', pid: worker.pid });
    const jobLine = parsed.find((l) => l.queue === 'panel-aggregation' && /aggregate-panel completed in \d+ ms/.test(l.msg));
    expect(jobLine).toMatchObject({ jobId: expect.any(String), queue: 'panel-aggregation', level: 20 });
  });
});
