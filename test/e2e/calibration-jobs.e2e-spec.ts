import { Queue, QueueEvents } from 'bullmq';
import { raterEffects } from '@hireloop/calibration';
import { DataSource } from 'typeorm';
import { JobName, QueueName, redisConnectionFromUrl } from '@hireloop/queue';
import { createTeam, createTestApp, TestApp } from '@hireloop/testing';
import { createPanel, PanelFixture, waitFor, waitForCurrentReport, writeScorecard } from '@hireloop/testing/panel-fixture';
import { startWorker, stopAllProcesses, WorkerProcess } from '@hireloop/testing/worker-process';

/**
 * Interviewer calibration with the real worker: recomputed after each hiring decision (the decision's outbox row →
 * relay → interviewer-calibration queue), and nightly through a job scheduler registered at boot. (The nightly
 * run itself, over every organization, is covered by the integration test: run for real here it would rewrite the
 * offsets of other test files sharing the database.)
 */
describe('jobs: interviewer calibration', () => {
  let t: TestApp;
  let ds: DataSource;
  let worker: WorkerProcess;
  let queue: Queue;
  let events: QueueEvents;
  let team: Awaited<ReturnType<typeof createTeam>>;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
    const connection = redisConnectionFromUrl(process.env.REDIS_URL!);
    queue = new Queue(QueueName.InterviewerCalibration, { connection, prefix: process.env.QUEUE_PREFIX });
    events = new QueueEvents(QueueName.InterviewerCalibration, { connection, prefix: process.env.QUEUE_PREFIX });
    await events.waitUntilReady();
    worker = await startWorker({ name: 'calibration-worker' });
    team = await createTeam(t);
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await stopAllProcesses();
    await events?.close();
    await queue?.close();
    await t?.close();
  });

  async function ratedPanel(): Promise<PanelFixture> {
    const panel = await createPanel(ds, {
      members: {
        organizationId: team.admin.organizationId,
        adminId: team.admin.memberId,
        hiringManagerId: team.hiringManager.memberId,
        interviewerIds: team.interviewers.map((i) => i.memberId),
      },
    });
    // Alice is the lenient one: 4s where her co-panelists gave 3s (and one 4).
    await writeScorecard(ds, panel, 0, { ratings: [4, 4, 4], recommendation: 'strong_yes' });
    await writeScorecard(ds, panel, 1, { ratings: [3, 3, 3], recommendation: 'yes' });
    await writeScorecard(ds, panel, 2, { ratings: [3, 4, 3], recommendation: 'yes' });
    await waitForCurrentReport(ds, panel.applicationId);
    return panel;
  }

  it('registers the nightly run at boot (fixed scheduler id, CALIBRATION_CRON, UTC)', async () => {
    const scheduler = await waitFor(() => queue.getJobScheduler('nightly-calibration'), { what: 'the nightly-calibration scheduler' });
    expect(scheduler).toMatchObject({ key: 'nightly-calibration', name: JobName.RecomputeCalibration, pattern: '0 3 * * *', tz: 'UTC' });
    expect(scheduler?.template?.data).toEqual({ organizationId: null, reason: 'nightly' });
  });

  it("recomputes the organization's offsets and reliability after a hiring decision", async () => {
    const panel = await ratedPanel();
    const alice = team.interviewers[0];
    const before = await t.http.get(`/v1/interviewers/${alice.memberId}/calibration`).set(team.hiringManager.auth).expect(200);
    expect(before.body).toMatchObject({ offset: 0, n: 0, computedAt: null });

    await t.http
      .post(`/v1/applications/${panel.applicationId}/decision`)
      .set(team.hiringManager.auth)
      .send({ decision: 'hire', rationale: 'Strong panel, consistent signals across rounds.' })
      .expect(201);

    const after = await waitFor(
      async () => {
        const res = await t.http.get(`/v1/interviewers/${alice.memberId}/calibration`).set(team.hiringManager.auth).expect(200);
        return res.body.n > 0 ? res.body : null;
      },
      { timeoutMs: 20_000, what: 'the calibration job after the decision' },
    );
    // The joint rater-effect model of the calibration library over the same nine ratings (Alice lenient, Bob harsh).
    const ratings = { alice: [4, 4, 4], bob: [3, 3, 3], carol: [3, 4, 3] };
    const expected = raterEffects(
      Object.entries(ratings).flatMap(([interviewerId, values]) =>
        values.map((rating, d) => ({ interviewerId, applicationId: 'a', dimensionId: `d${d}`, rating: rating as 3 | 4 })),
      ),
    ).interviewers;
    expect(expected.alice.offset).toBeGreaterThan(0);
    expect(expected.bob.offset).toBeLessThan(0);
    expect(after).toMatchObject({ n: 3, recommendations: { total: 1, matchedDecision: 1, matchRate: 1 } });
    expect(after.offset).toBeCloseTo(expected.alice.offset, 5);
    const bob = await t.http.get(`/v1/interviewers/${team.interviewers[1].memberId}/calibration`).set(team.interviewers[1].auth).expect(200);
    expect(bob.body.offset).toBeCloseTo(expected.bob.offset, 5);

    const roleView = await t.http.get(`/v1/roles/${panel.roleId}/calibration`).set(team.hiringManager.auth).expect(200);
    expect(roleView.body.decisions).toEqual({ total: 1, followedRecommendation: 1, overrides: 0, followRate: 1 });
    expect(roleView.body.dimensions).toHaveLength(3);
    expect(roleView.body.dimensions.every((d: { nUnits: number; nRatings: number }) => d.nUnits === 1 && d.nRatings === 3)).toBe(true);
    // One application: its recommendation is withheld by the small-number suppression (fewer than 5).
    expect(roleView.body.scoreDistribution).toMatchObject({ applications: 1, suppressed: true, recommendations: { hire: null } });
    const stored = await ds.query(`SELECT recommendation FROM calibration_reports WHERE application_id = $1 ORDER BY version DESC LIMIT 1`, [
      panel.applicationId,
    ]);
    expect(stored[0].recommendation).toBe('hire');
    expect(roleView.body.computedAt).not.toBeNull();

    const jobs = await queue.getJobs(['completed'], 0, 1000);
    expect(jobs.some((j) => j.data?.organizationId === team.admin.organizationId && j.data?.reason === 'decision')).toBe(true);
  });

  it('refuses a malformed job for good instead of retrying it', async () => {
    const job = await queue.add(JobName.RecomputeCalibration, { organizationId: 42, reason: 'manual' } as never, { attempts: 3 });
    await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow(/unexpected job/);
    const failed = await queue.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
  });
});
