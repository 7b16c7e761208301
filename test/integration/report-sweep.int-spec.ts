import { DataSource } from 'typeorm';
import { ALL_ENTITIES, CalibrationReportsRepository, OutboxService } from '@hireloop/core';
import { PanelReportsService } from '@hireloop/core/reports/panel-reports.service';
import { ReportSweepService } from '@hireloop/core/reports/report-sweep.service';
import { buildDataSourceOptions } from '@hireloop/database';
import { createPanel, PanelFixture, withdrawScorecard, writeScorecard } from '@hireloop/testing/panel-fixture';

/**
 * The report sweep against a real PostgreSQL: which applications it asks a report for again (their latest report
 * does not cover their feedback, the grace period has passed, no request waits), and that it asks once.
 */
describe('ReportSweepService (PostgreSQL)', () => {
  let ds: DataSource;
  let reports: PanelReportsService;
  let sweeps: ReportSweepService;

  beforeAll(async () => {
    ds = await new DataSource(buildDataSourceOptions({ url: process.env.DATABASE_URL!, entities: ALL_ENTITIES, poolSize: 5 })).initialize();
    const repository = new CalibrationReportsRepository(ds);
    reports = new PanelReportsService(ds, repository);
    sweeps = new ReportSweepService(ds, repository, new OutboxService());
  });
  afterAll(async () => {
    await ds.destroy();
  });

  /** What the sweep asks for in the panel's organization (other tests' organizations are left alone). */
  const sweep = async (panel: PanelFixture, settledForSeconds = 0) =>
    (await sweeps.sweep({ settledForSeconds, organizationId: panel.organizationId })).requested.map((r) => r.applicationId);
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
        payload: { organizationId: panel.organizationId, applicationId: panel.applicationId },
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
      await other.query(`SELECT pg_advisory_xact_lock(hashtext('report-sweep'))`);
      expect(await sweeps.sweep({ settledForSeconds: 0, organizationId: panel.organizationId })).toEqual({ ran: false, requested: [] });
    } finally {
      await other.rollbackTransaction();
      await other.release();
    }
    expect(await sweep(panel)).toEqual([panel.applicationId]);
  });
});
