import { LoopVersionsRepository } from '@hireloop/core/roles/loop-versions.repository';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ALGORITHM_VERSION } from '@hireloop/calibration';
import { ALL_ENTITIES, CalibrationReportsRepository, OutboxService } from '@hireloop/core';
import { EmailDeliveriesRepository } from '@hireloop/core/email/email-deliveries.repository';
import { requestEmails } from '@hireloop/core/email/email-requests';
import { JobSweepOptions, JobSweepService } from '@hireloop/core/outbox/job-sweep.service';
import { PanelReportsService } from '@hireloop/core/reports/panel-reports.service';
import { buildDataSourceOptions } from '@hireloop/database';
import { jobOptionsFor } from '../../apps/worker/src/outbox-relay/outbox-publisher';
import { emailJobAliveIn } from '../../apps/worker/src/job-sweep/job-sweeper';
import { QueueName, redisConnectionFromUrl } from '@hireloop/queue';
import { createPanel, PanelFixture, withdrawScorecard, writeScorecard } from '@hireloop/testing/panel-fixture';

/**
 * The job sweep against a real PostgreSQL: which applications it asks a report for again (their latest report does
 * not cover their feedback, the grace period has passed, no request waits) and which emails it asks to send again
 * (still unsent, their job gone from BullMQ), and that it asks once.
 */
describe('JobSweepService (PostgreSQL)', () => {
  let ds: DataSource;
  let reports: PanelReportsService;
  let sweeps: JobSweepService;

  beforeAll(async () => {
    ds = await new DataSource(buildDataSourceOptions({ url: process.env.DATABASE_URL!, entities: ALL_ENTITIES, poolSize: 5 })).initialize();
    const repository = new CalibrationReportsRepository(ds, new LoopVersionsRepository(ds));
    reports = new PanelReportsService(ds, repository);
    sweeps = new JobSweepService(ds, repository, new EmailDeliveriesRepository(ds), new OutboxService());
  });
  afterAll(async () => {
    await ds.destroy();
  });

  /** What the sweep asks for in the panel's organization (other tests' organizations are left alone). */
  const sweep = async (panel: PanelFixture, settledForSeconds = 0) =>
    (await sweeps.sweep({ settledForSeconds, organizationId: panel.organizationId })).reports.map((r) => r.applicationId);
  /** The relay handed the waiting requests to Redis (which then lost them). */
  const publishAll = (panel: PanelFixture) =>
    ds.query(`UPDATE outbox_messages SET published_at = now() WHERE organization_id = $1 AND published_at IS NULL`, [panel.organizationId]);
  const waitingRequests = (panel: PanelFixture) =>
    ds.query(`SELECT queue, job_name, payload, dedupe_key FROM outbox_messages WHERE organization_id = $1 AND published_at IS NULL`, [
      panel.organizationId,
    ]);

  it('asks again for a report that never followed the feedback, once, through the outbox', async () => {
    const panel = await createPanel(ds);
    await writeScorecard(ds, panel, 0, { ratings: [4, 3, 3], recommendation: 'yes' });
    await writeScorecard(ds, panel, 1, { ratings: [3, 3, 2], recommendation: 'yes' });

    // The scorecard writes' own requests still wait in the outbox: nothing to sweep.
    expect(await sweep(panel)).toEqual([]);
    await publishAll(panel);
    expect(await sweep(panel)).toEqual([panel.applicationId]);
    expect(await waitingRequests(panel)).toEqual([
      {
        queue: 'panel-aggregation',
        job_name: 'aggregate-panel',
        // Marked: the relay gives it a de-duplicated job of its own (never inside an aggregate-panels job).
        payload: { organizationId: panel.organizationId, applicationId: panel.applicationId, deduplicated: true },
        dedupe_key: `aggregate:${panel.applicationId}`,
      },
    ]);
    // Asked once: its request waits now.
    expect(await sweep(panel)).toEqual([]);

    await reports.aggregate(panel.organizationId, panel.applicationId);
    await publishAll(panel);
    expect(await sweep(panel)).toEqual([]);
  });

  it('follows amendments, evidence-only changes and withdrawals, and leaves covered reports alone', async () => {
    const panel = await createPanel(ds);
    await writeScorecard(ds, panel, 0, { ratings: [4, 4, 3], recommendation: 'strong_yes' });
    await writeScorecard(ds, panel, 1, { ratings: [3, 3, 3], recommendation: 'yes' });
    await reports.aggregate(panel.organizationId, panel.applicationId);
    await publishAll(panel);
    expect(await sweep(panel)).toEqual([]);

    // A new revision whose job was lost.
    await writeScorecard(ds, panel, 1, { ratings: [2, 2, 2], recommendation: 'no' });
    await publishAll(panel);
    expect(await sweep(panel)).toEqual([panel.applicationId]);
    await reports.aggregate(panel.organizationId, panel.applicationId);
    await publishAll(panel);
    expect(await sweep(panel)).toEqual([]);

    // Only the evidence changes: the report's covers are refreshed by the recompute, and then it is covered.
    await writeScorecard(ds, panel, 1, { ratings: [2, 2, 2], recommendation: 'no', evidence: 'Better worded evidence' });
    await publishAll(panel);
    expect(await sweep(panel)).toEqual([panel.applicationId]);
    expect(await reports.aggregate(panel.organizationId, panel.applicationId)).toMatchObject({ outcome: 'refresh_covers' });
    await publishAll(panel);
    expect(await sweep(panel)).toEqual([]);

    // Everything withdrawn: the report still covering the scorecards is out of date until recomputed.
    await withdrawScorecard(ds, panel, 0);
    await withdrawScorecard(ds, panel, 1);
    await publishAll(panel);
    expect(await sweep(panel)).toEqual([panel.applicationId]);
    await reports.aggregate(panel.organizationId, panel.applicationId);
    await publishAll(panel);
    expect(await sweep(panel)).toEqual([]);
  });

  it('waits out the grace period, and skips decided, inactive and feedback-less applications', async () => {
    const recent = await createPanel(ds);
    await writeScorecard(ds, recent, 0, { ratings: [3, 3, 3], recommendation: 'yes' });
    await publishAll(recent);
    expect(await sweep(recent, 3600)).toEqual([]);
    expect(await sweep(recent, 0)).toEqual([recent.applicationId]);

    const decided = await createPanel(ds);
    await writeScorecard(ds, decided, 0, { ratings: [3, 3, 3], recommendation: 'yes' });
    await publishAll(decided);
    await ds.query(`UPDATE applications SET decided_at = now(), status = 'hired' WHERE id = $1`, [decided.applicationId]);
    expect(await sweep(decided)).toEqual([]);

    const withdrawnApplication = await createPanel(ds);
    await writeScorecard(ds, withdrawnApplication, 0, { ratings: [3, 3, 3], recommendation: 'yes' });
    await publishAll(withdrawnApplication);
    await ds.query(`UPDATE applications SET status = 'withdrawn' WHERE id = $1`, [withdrawnApplication.applicationId]);
    expect(await sweep(withdrawnApplication)).toEqual([]);

    // A draft alone is not feedback; nor is a scorecard withdrawn before any report (nothing to cover, nothing covered).
    const drafted = await createPanel(ds);
    await ds.query(
      `INSERT INTO scorecards (organization_id, application_id, interview_id, interviewer_id, loop_version_id, status, revision)
       VALUES ($1, $2, $3, $4, $5, 'draft', 0)`,
      [drafted.organizationId, drafted.applicationId, drafted.interviews[0].id, drafted.interviews[0].interviewerId, drafted.loopVersionId],
    );
    expect(await sweep(drafted)).toEqual([]);
    const retracted = await createPanel(ds);
    await writeScorecard(ds, retracted, 0, { ratings: [3, 3, 3], recommendation: 'yes' });
    await withdrawScorecard(ds, retracted, 0);
    await publishAll(retracted);
    expect(await sweep(retracted)).toEqual([]);
  });

  it('runs one sweep at a time across processes', async () => {
    const panel = await createPanel(ds);
    await writeScorecard(ds, panel, 0, { ratings: [3, 3, 3], recommendation: 'yes' });
    await publishAll(panel);
    const other = await ds.createQueryRunner();
    try {
      await other.startTransaction();
      await other.query(`SELECT pg_advisory_xact_lock(hashtext('job-sweep'))`);
      expect(await sweeps.sweep({ settledForSeconds: 0, organizationId: panel.organizationId })).toEqual({
        ran: false,
        reports: [],
        outdated: [],
        emails: [],
      });
    } finally {
      await other.rollbackTransaction();
      await other.release();
    }
    expect(await sweep(panel)).toEqual([panel.applicationId]);
  });
  describe('reports of an older algorithm', () => {
    const outdated = async (panel: PanelFixture) =>
      (await sweeps.sweep({ settledForSeconds: 0, organizationId: panel.organizationId })).outdated.map((r) => r.applicationId);
    /** As a deploy leaves it: the latest report was computed by another version of the rules. */
    const stampLatest = (panel: PanelFixture, algorithmVersion: string) =>
      ds.query(
        `UPDATE calibration_reports SET algorithm_version = $2
          WHERE id = (SELECT id FROM calibration_reports WHERE application_id = $1 ORDER BY version DESC LIMIT 1)`,
        [panel.applicationId, algorithmVersion],
      );
    const latestReport = async (panel: PanelFixture) =>
      (
        await ds.query(`SELECT version, algorithm_version FROM calibration_reports WHERE application_id = $1 ORDER BY version DESC LIMIT 1`, [
          panel.applicationId,
        ])
      )[0];

    async function reportedPanel(sameOrganizationAs?: PanelFixture): Promise<PanelFixture> {
      const panel = await createPanel(ds, sameOrganizationAs ? { members: sameOrganizationAs } : undefined);
      await writeScorecard(ds, panel, 0, { ratings: [4, 3, 3], recommendation: 'yes' });
      await writeScorecard(ds, panel, 1, { ratings: [3, 3, 2], recommendation: 'yes' });
      await reports.aggregate(panel.organizationId, panel.applicationId);
      await publishAll(panel);
      return panel;
    }

    it('asks once to recompute an open debrief whose report an older algorithm computed, and the recompute makes a new version', async () => {
      const panel = await reportedPanel();
      expect(await outdated(panel)).toEqual([]);
      await stampLatest(panel, 'hireloop-calibration/1.0.0');

      expect(await outdated(panel)).toEqual([panel.applicationId]);
      expect(await waitingRequests(panel)).toEqual([
        expect.objectContaining({ queue: 'panel-aggregation', dedupe_key: `aggregate:${panel.applicationId}` }),
      ]);
      // Its request waits: not asked twice; and it is not mistaken for a report that did not follow its feedback.
      expect(await outdated(panel)).toEqual([]);
      expect(await sweep(panel)).toEqual([]);

      expect(await reports.aggregate(panel.organizationId, panel.applicationId)).toMatchObject({ outcome: 'insert', version: 2 });
      expect(await latestReport(panel)).toEqual({ version: 2, algorithm_version: ALGORITHM_VERSION });
      await publishAll(panel);
      expect(await outdated(panel)).toEqual([]);
    });

    it('takes them in rounds: applications whose recompute keeps failing do not hold the front of the line', async () => {
      const first = await reportedPanel();
      const panels = [first, await reportedPanel(first), await reportedPanel(first)];
      for (const panel of panels) await stampLatest(panel, 'hireloop-calibration/1.0.0');
      const ids = panels.map((p) => p.applicationId).sort();
      // A worker process's sweeper of its own (the cursor is the process's).
      const sweeper = new JobSweepService(
        ds,
        new CalibrationReportsRepository(ds, new LoopVersionsRepository(ds)),
        new EmailDeliveriesRepository(ds),
        new OutboxService(),
      );
      const round = async () => {
        const asked = (await sweeper.sweep({ settledForSeconds: 0, organizationId: first.organizationId, limit: 2 })).outdated.map(
          (r) => r.applicationId,
        );
        // Their jobs fail for good (nothing recomputed): the reports stay outdated.
        await publishAll(first);
        return asked;
      };
      expect(await round()).toEqual([ids[0], ids[1]]);
      expect(await round()).toEqual([ids[2], ids[0]]);
      expect(await round()).toEqual([ids[1], ids[2]]);
    });

    it('leaves decided and inactive applications, uncovered feedback and reports of a newer algorithm to their own rules', async () => {
      const decided = await reportedPanel();
      await stampLatest(decided, 'hireloop-calibration/1.0.0');
      await ds.query(`UPDATE applications SET decided_at = now(), status = 'hired' WHERE id = $1`, [decided.applicationId]);
      expect(await outdated(decided)).toEqual([]);

      const withdrawn = await reportedPanel();
      await stampLatest(withdrawn, 'hireloop-calibration/1.0.0');
      await ds.query(`UPDATE applications SET status = 'withdrawn' WHERE id = $1`, [withdrawn.applicationId]);
      expect(await outdated(withdrawn)).toEqual([]);

      // New feedback the report does not cover: the uncovered-feedback rule asks for it, once.
      const amended = await reportedPanel();
      await stampLatest(amended, 'hireloop-calibration/1.0.0');
      await writeScorecard(ds, amended, 1, { ratings: [2, 2, 2], recommendation: 'no' });
      await publishAll(amended);
      const both = await sweeps.sweep({ settledForSeconds: 0, organizationId: amended.organizationId });
      expect([both.reports.map((r) => r.applicationId), both.outdated]).toEqual([[amended.applicationId], []]);

      // A rolling deploy: this process runs an older algorithm than the one that computed the report. Neither the
      // sweep nor an aggregation replaces it.
      const newer = await reportedPanel();
      await stampLatest(newer, 'hireloop-calibration/99.0.0');
      expect(await outdated(newer)).toEqual([]);
      expect(await reports.aggregate(newer.organizationId, newer.applicationId)).toMatchObject({ outcome: 'unchanged', version: 1 });
      expect(await latestReport(newer)).toEqual({ version: 1, algorithm_version: 'hireloop-calibration/99.0.0' });
    });
  });

  describe('emails', () => {
    /** One stored email of a fresh organization, with its outbox row, as an event's transaction writes it. */
    async function storedEmail(): Promise<{ organizationId: string; deliveryId: string }> {
      const [{ id: organizationId }] = await ds.query(`INSERT INTO organizations (name) VALUES ($1) RETURNING id`, [
        `Sweep org ${randomUUID().slice(0, 8)}`,
      ]);
      await ds.transaction((m) =>
        requestEmails(m, [
          {
            organizationId,
            eventKey: `sweep-test:${randomUUID()}`,
            template: 'invitation',
            to: { email: `${randomUUID()}@sweep.test`, name: 'Sweep Test' },
            params: {},
          },
        ]),
      );
      const [{ id: deliveryId }] = await ds.query(`SELECT id FROM email_deliveries WHERE organization_id = $1`, [organizationId]);
      return { organizationId, deliveryId };
    }
    const sweepEmails = async (organizationId: string, options: Partial<JobSweepOptions> = {}) =>
      (await sweeps.sweep({ settledForSeconds: 0, organizationId, ...options })).emails;
    const publish = (organizationId: string) =>
      ds.query(`UPDATE outbox_messages SET published_at = now() WHERE organization_id = $1 AND published_at IS NULL`, [organizationId]);

    it('asks again to send an unsent email whose job BullMQ no longer holds, once, through the outbox', async () => {
      const { organizationId, deliveryId } = await storedEmail();
      // Its own request still waits in the outbox.
      expect(await sweepEmails(organizationId)).toEqual([]);
      await publish(organizationId);
      // Published, and BullMQ still holds the job (waiting, or delayed for a retry): nothing to do.
      const asked: string[] = [];
      const alive = async (id: string) => (asked.push(id), true);
      expect(await sweepEmails(organizationId, { emailJobAlive: alive })).toEqual([]);
      expect(asked).toEqual([deliveryId]);
      // Published, and the job is gone.
      expect(await sweepEmails(organizationId)).toEqual([deliveryId]);
      expect(
        await ds.query(`SELECT queue, job_name, payload, dedupe_key FROM outbox_messages WHERE organization_id = $1 AND published_at IS NULL`, [
          organizationId,
        ]),
      ).toEqual([{ queue: 'email-deliveries', job_name: 'send-email', payload: { organizationId, deliveryId }, dedupe_key: `email:${deliveryId}` }]);
      expect(await sweepEmails(organizationId)).toEqual([]);
    });

    it("asks BullMQ whether the send job is still there by the delivery's de-duplication key", async () => {
      const queue = new Queue(QueueName.EmailDeliveries, {
        connection: redisConnectionFromUrl(process.env.REDIS_URL!),
        prefix: `${process.env.QUEUE_PREFIX}-sweep`,
      });
      try {
        const { organizationId, deliveryId } = await storedEmail();
        const [row] = await ds.query(`SELECT dedupe_key AS "dedupeKey", payload FROM outbox_messages WHERE organization_id = $1`, [organizationId]);
        await publish(organizationId);
        // The relay's add, with the relay's options; the queue is paused, so the job waits.
        await queue.pause();
        const job = await queue.add('send-email', row.payload, jobOptionsFor(row));
        expect(await sweepEmails(organizationId, { emailJobAlive: emailJobAliveIn(queue) })).toEqual([]);
        // Redis loses it.
        await queue.obliterate({ force: true });
        expect(await queue.getJob(job.id!)).toBeUndefined();
        expect(await sweepEmails(organizationId, { emailJobAlive: emailJobAliveIn(queue) })).toEqual([deliveryId]);
      } finally {
        await queue.obliterate({ force: true }).catch(() => undefined);
        await queue.close();
      }
    });

    it('waits out the grace period, takes over a send stuck in sending, and leaves sent and failed emails alone', async () => {
      const { organizationId, deliveryId } = await storedEmail();
      await publish(organizationId);
      expect(await sweepEmails(organizationId, { settledForSeconds: 3600 })).toEqual([]);
      await ds.query(
        `UPDATE email_deliveries SET status = 'sending', claimed_at = now() - interval '1 hour', updated_at = now() - interval '1 hour' WHERE id = $1`,
        [deliveryId],
      );
      expect(await sweepEmails(organizationId, { settledForSeconds: 600 })).toEqual([deliveryId]);
      await publish(organizationId);
      for (const status of ['sent', 'failed']) {
        await ds.query(`UPDATE email_deliveries SET status = $2 WHERE id = $1`, [deliveryId, status]);
        expect(await sweepEmails(organizationId)).toEqual([]);
      }
    });
  });
});
