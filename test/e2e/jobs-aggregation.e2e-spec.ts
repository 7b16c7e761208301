import { Job, Queue } from 'bullmq';
import { ALGORITHM_VERSION } from '@hireloop/calibration';
import { CalibrationReportsRepository, OutboxService } from '@hireloop/core';
import { EmailDeliveriesRepository } from '@hireloop/core/email/email-deliveries.repository';
import { panelAggregationRequest } from '@hireloop/core/outbox/job-requests';
import { JobSweepService } from '@hireloop/core/outbox/job-sweep.service';
import { LoopVersionsRepository } from '@hireloop/core/roles/loop-versions.repository';
import { DataSource } from 'typeorm';
import { QueueName, redisConnectionFromUrl } from '@hireloop/queue';
import { createTeam, createTestApp, TestApp } from '@hireloop/testing';
import {
  createPanel,
  PanelFixture,
  PanelMembers,
  reportVersions,
  submittedRevisions,
  waitFor,
  waitForCurrentReport,
  writeScorecard,
} from '@hireloop/testing/panel-fixture';
import { startWorker, stopAllProcesses, WorkerProcess } from '@hireloop/testing/worker-process';
import { jobOutcomeMetrics } from '../../apps/worker/src/metrics/worker-metrics.module';

/**
 * The API writes scorecards and outbox rows; the real worker process (relay + panel-aggregation processor) turns
 * them into reports. Scorecards are written the way the scorecard API writes them (see panel-fixture).
 */
// Real processes: the e2e project's default timeout does not apply per file, so set it here.
jest.setTimeout(120_000);

describe('jobs: panel aggregation with the real worker', () => {
  let t: TestApp;
  let ds: DataSource;
  let worker: WorkerProcess;
  let queue: Queue;
  let members: PanelMembers;
  let team: Awaited<ReturnType<typeof createTeam>>;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
    worker = await startWorker({ name: 'worker-1' });
    queue = new Queue(QueueName.PanelAggregation, { connection: redisConnectionFromUrl(process.env.REDIS_URL!), prefix: process.env.QUEUE_PREFIX });
    team = await createTeam(t);
    members = {
      organizationId: team.admin.organizationId,
      adminId: team.admin.memberId,
      hiringManagerId: team.hiringManager.memberId,
      interviewerIds: team.interviewers.map((i) => i.memberId),
    };
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await stopAllProcesses();
    await queue?.close();
    await t?.close();
  });

  /** Jobs the worker completed for an application (completed jobs are kept for a day), relay-coalesced ones included. */
  async function completedJobs(applicationId: string) {
    const jobs = await queue.getJobs(['completed'], 0, 5000);
    return jobs.filter((j) => j.data?.applicationId === applicationId || j.data?.applicationIds?.includes(applicationId));
  }
  /** Report versions a completed job stored for these applications (a coalesced job answers per application). */
  function versionsCreatedBy(job: Job, applicationIds: string[]): number {
    if (!Array.isArray(job.data?.applicationIds)) return job.returnvalue?.versionsCreated ?? 0;
    return applicationIds.reduce((sum, id) => sum + (job.returnvalue?.outcomes?.[id]?.versionsCreated ?? 0), 0);
  }

  it('submit → the report appears, current, within a short time', async () => {
    const panel = await createPanel(ds, { members });
    const started = Date.now();
    for (const i of [0, 1, 2]) await writeScorecard(ds, panel, i, { ratings: [4, 4, 3], recommendation: 'strong_yes' });
    const report = await waitForCurrentReport(ds, panel.applicationId, 15_000);
    const elapsed = Date.now() - started;
    expect(report).toMatchObject({ recommendation: 'hire' });
    expect(report.report.interviewers).toHaveLength(3);
    expect(elapsed).toBeLessThan(10_000);

    const debrief = await t.http.get(`/v1/applications/${panel.applicationId}/debrief`).set(team.hiringManager.auth).expect(200);
    expect(debrief.body).toMatchObject({
      status: 'current',
      pendingRevisions: [],
      report: { recommendation: 'hire', version: report.version, scorecardCount: 3 },
    });
    expect(debrief.body.covers).toHaveLength(3);
  });

  it('a burst of submissions and amendments ends in one final report that reflects all of them', async () => {
    const panel = await createPanel(ds, { members });
    let writes = 0;
    let last: number[][] = [];
    for (let round = 0; round < 8; round++) {
      last = [0, 1, 2].map((i) => [((round + i) % 4) + 1, ((round * 3 + i) % 4) + 1, 3]);
      await Promise.all([0, 1, 2].map((i) => writeScorecard(ds, panel, i, { ratings: last[i] as never, recommendation: round % 2 ? 'yes' : 'no' })));
      writes += 3;
    }
    const report = await waitForCurrentReport(ds, panel.applicationId);
    expect(Object.values(report.covers).sort()).toEqual([8, 8, 8]);
    // The final report is computed from the last ratings of every scorecard.
    const firstDimension = report.report.dimensions[0];
    expect(firstDimension.rawMean).toBeCloseTo((last[0][0] + last[1][0] + last[2][0]) / 3, 3);
    expect(report.report.interviewers.map((i: { recommendation: string }) => i.recommendation)).toEqual(['yes', 'yes', 'yes']);

    // Versions are sequential, never duplicated, and each one stands for a different input state.
    const versions = await reportVersions(ds, panel.applicationId);
    expect(versions.map((v) => v.version)).toEqual(versions.map((_, i) => i + 1));
    for (let i = 1; i < versions.length; i++) expect(versions[i].inputsHash).not.toBe(versions[i - 1].inputsHash);
    // De-duplication: never more jobs than writes, and the jobs that ran stored at most one version each.
    await waitFor(async () => (await queue.getActiveCount()) === 0 && (await queue.getWaitingCount()) === 0, { what: 'an idle queue' });
    const jobs = await completedJobs(panel.applicationId);
    expect(jobs.length).toBeLessThanOrEqual(writes);
    expect(jobs.reduce((sum, j) => sum + versionsCreatedBy(j, [panel.applicationId]), 0)).toBe(versions.length);
  });

  it('re-running the job on the same state stores nothing new (idempotent)', async () => {
    const panel = await createPanel(ds, { members });
    for (const i of [0, 1, 2]) await writeScorecard(ds, panel, i, { ratings: [3, 3, 3], recommendation: 'yes' });
    const first = await waitForCurrentReport(ds, panel.applicationId);
    const before = await reportVersions(ds, panel.applicationId);
    // A redelivered job (same payload) is harmless.
    const job = await queue.add('aggregate-panel', { organizationId: panel.organizationId, applicationId: panel.applicationId });
    await waitFor(async () => ((await job.getState()) === 'completed' ? true : null), { what: 'the redelivered job' });
    expect((await queue.getJob(job.id!))!.returnvalue).toMatchObject({ outcome: 'unchanged', version: first.version });
    expect(await reportVersions(ds, panel.applicationId)).toEqual(before);
  });

  it('fails a job for an application that does not exist without retrying it', async () => {
    const job = await queue.add('aggregate-panel', { organizationId: members.organizationId, applicationId: '00000000-0000-4000-8000-000000000000' });
    await waitFor(async () => ((await job.getState()) === 'failed' ? true : null), { what: 'the job to fail' });
    const failed = (await queue.getJob(job.id!))!;
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toMatch(/does not exist/);
  });

  /** Five panels with their reports computed and the queue idle; their reports then stamped with an older algorithm. */
  async function outdatedPanels(): Promise<string[]> {
    const panels: PanelFixture[] = [];
    for (let k = 0; k < 5; k++) {
      const panel = await createPanel(ds, { members });
      for (const i of [0, 1, 2]) await writeScorecard(ds, panel, i, { ratings: [3, 4, 3], recommendation: 'yes' });
      panels.push(panel);
    }
    for (const panel of panels) await waitForCurrentReport(ds, panel.applicationId);
    await waitFor(async () => (await queue.getActiveCount()) === 0 && (await queue.getWaitingCount()) === 0, { what: 'an idle queue' });
    const ids = panels.map((p) => p.applicationId);
    await ds.query(`UPDATE calibration_reports SET algorithm_version = 'hireloop-calibration/1.0.0' WHERE application_id = ANY($1)`, [ids]);
    return ids;
  }
  const recomputed = (ids: string[]) =>
    waitFor(
      async () => {
        const [{ n }] = await ds.query(
          `SELECT count(*)::int AS n FROM calibration_reports r
            WHERE r.application_id = ANY($1) AND r.algorithm_version = $2
              AND r.version = (SELECT max(version) FROM calibration_reports WHERE application_id = r.application_id)`,
          [ids, ALGORITHM_VERSION],
        );
        return n === ids.length ? true : null;
      },
      { what: 'the recomputed reports' },
    );
  const jobsSince = async (since: number) =>
    (await queue.getJobs(['completed', 'waiting', 'active', 'failed'], 0, 5000)).filter((j) => j.timestamp >= since);

  it('the report requests of several applications committed together run as one aggregate-panels job', async () => {
    const ids = await outdatedPanels();
    const since = Date.now();
    // One transaction asks for all five (as a burst of submissions claimed in one relay pass).
    await ds.transaction(async (m) => {
      for (const id of ids) await new OutboxService().enqueue(m, panelAggregationRequest(members.organizationId, id));
    });
    await recomputed(ids);
    await waitFor(async () => (await queue.getActiveCount()) === 0 && (await queue.getWaitingCount()) === 0, { what: 'an idle queue' });
    const jobs = (await jobsSince(since)).filter((j) =>
      j.data?.applicationId ? ids.includes(j.data.applicationId) : ids.some((id) => j.data?.applicationIds?.includes(id)),
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0].name).toBe('aggregate-panels');
    expect(jobs[0].data).toMatchObject({ organizationId: members.organizationId, applicationIds: expect.arrayContaining(ids) });
    expect(jobs[0].returnvalue.versionsCreated).toBe(5);
    for (const id of ids) expect(jobs[0].returnvalue.outcomes[id]).toMatchObject({ outcome: 'insert', versionsCreated: 1 });
  });

  it("the job sweep's requests (after an algorithm change) keep de-duplicated jobs of their own", async () => {
    const ids = await outdatedPanels();
    const since = Date.now();
    const sweeps = new JobSweepService(
      ds,
      new CalibrationReportsRepository(ds, new LoopVersionsRepository(ds)),
      new EmailDeliveriesRepository(ds),
      new OutboxService(),
    );
    const swept = await sweeps.sweep({ settledForSeconds: 0, organizationId: members.organizationId });
    expect(swept.outdated.map((r) => r.applicationId).sort()).toEqual([...ids].sort());
    await recomputed(ids);
    await waitFor(async () => (await queue.getActiveCount()) === 0 && (await queue.getWaitingCount()) === 0, { what: 'an idle queue' });
    const jobs = (await jobsSince(since)).filter(
      (j) => ids.includes(j.data?.applicationId) || ids.some((id) => j.data?.applicationIds?.includes(id)),
    );
    expect(jobs.map((j) => j.name)).toEqual(ids.map(() => 'aggregate-panel'));
    expect(jobs.map((j) => j.opts.deduplication?.id).sort()).toEqual(ids.map((id) => `aggregate:${id}`).sort());
  });

  it('an aggregate-panels job stores its other applications, then fails for good naming the one that does not exist', async () => {
    const panel = await createPanel(ds, { members });
    for (const i of [0, 1, 2]) await writeScorecard(ds, panel, i, { ratings: [2, 2, 3], recommendation: 'no' });
    const before = await waitForCurrentReport(ds, panel.applicationId);
    await ds.query(`UPDATE calibration_reports SET algorithm_version = 'hireloop-calibration/1.0.0' WHERE application_id = $1 AND version = $2`, [
      panel.applicationId,
      before.version,
    ]);
    const gone = '00000000-0000-4000-8000-000000000001';
    const job = await queue.add('aggregate-panels', { organizationId: members.organizationId, applicationIds: [gone, 'nope', panel.applicationId] });
    await waitFor(async () => ((await job.getState()) === 'failed' ? true : null), { what: 'the job to fail' });
    const failed = (await queue.getJob(job.id!))!;
    // Not retried: nothing can make those two succeed.
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toMatch(/^2 of 3 application\(s\) failed for good, the others are stored: /);
    expect(failed.failedReason).toContain(`${gone}: application ${gone} does not exist`);
    expect(failed.failedReason).toContain('nope: not an application id');
    // The healthy application was recomputed all the same.
    const [after] = await ds.query(
      `SELECT version, algorithm_version AS "algorithmVersion" FROM calibration_reports WHERE application_id = $1 ORDER BY version DESC LIMIT 1`,
      [panel.applicationId],
    );
    expect(after).toEqual({ version: before.version + 1, algorithmVersion: ALGORITHM_VERSION });
  });

  describe('an aggregate-panels job retried after storing part of its applications', () => {
    let lone: WorkerProcess;
    let loneQueue: Queue;
    const prefix = `${process.env.QUEUE_PREFIX}-partial`;

    beforeAll(async () => {
      // One application per transaction, one at a time: a job of two can store one and fail on the other. No job sweep
      // of its own: only the job below stores these reports.
      lone = await startWorker({
        name: 'worker-partial',
        env: { QUEUE_PREFIX: prefix, AGGREGATION_BATCH_SIZE: '1', AGGREGATION_BATCH_PARALLELISM: '1', JOB_SWEEP_INTERVAL_MS: '0' },
      });
      loneQueue = new Queue(QueueName.PanelAggregation, { connection: redisConnectionFromUrl(process.env.REDIS_URL!), prefix });
    }, 120_000);
    afterAll(async () => {
      await ds.query(`DROP TRIGGER IF EXISTS fail_once ON calibration_reports`);
      await ds.query(`DROP FUNCTION IF EXISTS fail_once()`);
      await ds.query(`DROP SEQUENCE IF EXISTS fail_once_seq`);
      await lone?.stop();
      await loneQueue?.obliterate({ force: true }).catch(() => undefined);
      await loneQueue?.close();
    });

    it('remembers the reports its first attempt stored, so that the freshness figure counts both applications', async () => {
      const stale: string[] = [];
      for (let p = 0; p < 2; p++) {
        const panel = await createPanel(ds, { members });
        for (const i of [0, 1, 2]) await writeScorecard(ds, panel, i, { ratings: [2, 3, 3], recommendation: 'yes' });
        await waitForCurrentReport(ds, panel.applicationId);
        stale.push(panel.applicationId);
      }
      // Nothing else may store these reports from here on: every request published and every job of both queues done.
      await waitFor(
        async () => {
          const [{ unpublished }] = await ds.query(`SELECT count(*)::int AS unpublished FROM outbox_messages WHERE published_at IS NULL`);
          const counts = await Promise.all([queue, loneQueue].map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
          return unpublished === 0 && counts.every((c) => Object.values(c).every((n) => n === 0)) ? true : null;
        },
        { what: 'the queues to settle' },
      );
      // No report any more: the job below stores one for each. (Not an older algorithm version: the job sweep of a
      // worker would recompute those first; it asks for missing reports only after JOB_SWEEP_GRACE_S.)
      await ds.query(`DELETE FROM calibration_reports WHERE application_id = ANY($1)`, [stale]);
      const [first, second] = stale;
      // The second application's first store fails as a serialization conflict would (a sequence is not rolled back).
      await ds.query(`CREATE SEQUENCE fail_once_seq`);
      await ds.query(`
        CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.application_id = '${second}'::uuid AND nextval('fail_once_seq') = 1 THEN
            RAISE EXCEPTION 'planted conflict' USING ERRCODE = '40001';
          END IF;
          RETURN NEW;
        END $$`);
      await ds.query(`CREATE TRIGGER fail_once BEFORE INSERT ON calibration_reports FOR EACH ROW EXECUTE FUNCTION fail_once()`);

      const job = await loneQueue.add(
        'aggregate-panels',
        { organizationId: members.organizationId, applicationIds: [first, second], _context: { outboxCreatedAt: new Date().toISOString() } },
        { attempts: 3, backoff: { type: 'fixed', delay: 200 } },
      );
      await waitFor(async () => ((await job.getState()) === 'completed' ? true : null), { what: 'the job to complete on its retry' });
      const done = (await loneQueue.getJob(job.id!))!;
      expect(done.attemptsMade).toBe(2);
      expect(done.progress).toEqual({ storedApplicationIds: [first] });
      // The retry found the first report current and stored only the second.
      expect(done.returnvalue.outcomes[first].versionsCreated).toBe(0);
      expect(done.returnvalue.outcomes[second].versionsCreated).toBe(1);
      expect(jobOutcomeMetrics(QueueName.PanelAggregation, done, 'completed').freshnessReports).toBe(2);
      for (const applicationId of stale) {
        const [latest] = await ds.query(
          `SELECT algorithm_version AS "algorithmVersion" FROM calibration_reports WHERE application_id = $1 ORDER BY version DESC LIMIT 1`,
          [applicationId],
        );
        expect(latest).toEqual({ algorithmVersion: ALGORITHM_VERSION });
      }
    });
  });

  describe('scale out: two worker processes', () => {
    let second: WorkerProcess;

    beforeAll(async () => {
      second = await startWorker({ name: 'worker-2' });
    }, 120_000);
    afterAll(async () => {
      await second?.stop();
    });

    it('share the work without duplicate versions or lost updates', async () => {
      const panels: PanelFixture[] = [];
      for (let k = 0; k < 6; k++) panels.push(await createPanel(ds, { members }));
      // Interleaved bursts across applications, several writers at once.
      for (let round = 0; round < 5; round++) {
        await Promise.all(
          panels.flatMap((panel, k) =>
            [0, 1, 2].map((i) =>
              writeScorecard(ds, panel, i, {
                ratings: [((round + i + k) % 4) + 1, ((round + k) % 4) + 1, ((i + k) % 4) + 1] as never,
                recommendation: round % 2 ? 'yes' : 'strong_no',
              }),
            ),
          ),
        );
      }
      for (const panel of panels) {
        const report = await waitForCurrentReport(ds, panel.applicationId, 30_000);
        expect(report.covers).toEqual(await submittedRevisions(ds, panel.applicationId));
        const versions = await reportVersions(ds, panel.applicationId);
        expect(versions.map((v) => v.version)).toEqual(versions.map((_, i) => i + 1));
        for (let i = 1; i < versions.length; i++) expect(versions[i].inputsHash).not.toBe(versions[i - 1].inputsHash);
      }
      await waitFor(async () => (await queue.getActiveCount()) === 0 && (await queue.getWaitingCount()) === 0, { what: 'an idle queue' });
      const jobs = [...new Map((await Promise.all(panels.map((p) => completedJobs(p.applicationId)))).flat().map((j) => [j.id, j])).values()];
      // Both processes took part, and every stored version was created by exactly one job.
      const processors = new Set(jobs.map((j) => j.processedBy?.split(':').pop()));
      expect(processors.has(String(worker.pid))).toBe(true);
      expect(processors.has(String(second.pid))).toBe(true);
      let inserts = 0;
      for (const panel of panels) inserts += (await reportVersions(ds, panel.applicationId)).length;
      const ids = panels.map((p) => p.applicationId);
      expect(jobs.reduce((sum, j) => sum + versionsCreatedBy(j, ids), 0)).toBe(inserts);
      const failed = await queue.getJobs(['failed'], 0, 5000);
      expect(failed.filter((j) => ids.includes(j.data?.applicationId) || ids.some((id) => j.data?.applicationIds?.includes(id)))).toEqual([]);
      // Every outbox row went out.
      const [{ pending }] = await ds.query(
        `SELECT count(*)::int AS pending FROM outbox_messages WHERE published_at IS NULL AND queue = 'panel-aggregation'`,
      );
      expect(pending).toBe(0);
    });
  });
});
