import { LoopVersionsRepository } from '@hireloop/core/roles/loop-versions.repository';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CalibrationInputError } from '@hireloop/calibration';
import { ALL_ENTITIES, CalibrationReportsRepository } from '@hireloop/core';
import { ApplicationGoneError, PanelReportsService } from '@hireloop/core/reports/panel-reports.service';
import { buildDataSourceOptions } from '@hireloop/database';
import { createPanel, latestReport, PanelFixture, submittedRevisions, withdrawScorecard, writeScorecard } from '@hireloop/testing/panel-fixture';

/** The report service against a real PostgreSQL: versioning, idempotency, concurrency, inputs. */
describe('PanelReportsService (PostgreSQL)', () => {
  let ds: DataSource;
  let service: PanelReportsService;

  beforeAll(async () => {
    ds = await new DataSource(buildDataSourceOptions({ url: process.env.DATABASE_URL!, entities: ALL_ENTITIES, poolSize: 20 })).initialize();
    service = new PanelReportsService(ds, new CalibrationReportsRepository(ds, new LoopVersionsRepository(ds)));
  });
  afterAll(async () => {
    await ds.destroy();
  });

  const versions = async (applicationId: string) =>
    (await ds.query(
      `SELECT version, inputs_hash AS "inputsHash", recommendation, scorecard_count AS "scorecardCount", covers FROM calibration_reports WHERE application_id = $1 ORDER BY version`,
      [applicationId],
    )) as { version: number; inputsHash: string; recommendation: string; scorecardCount: number; covers: Record<string, number> }[];

  async function strongPanel(): Promise<PanelFixture> {
    const panel = await createPanel(ds);
    for (const i of [0, 1, 2]) await writeScorecard(ds, panel, i, { ratings: [4, 4, 3], recommendation: 'strong_yes' });
    return panel;
  }

  it('stores version 1 with the full report, covering the submitted revisions', async () => {
    const panel = await strongPanel();
    const outcome = await service.aggregate(panel.organizationId, panel.applicationId);
    expect(outcome).toMatchObject({ outcome: 'insert', version: 1, passes: 1, versionsCreated: 1 });

    const [row] = await ds.query(`SELECT * FROM calibration_reports WHERE application_id = $1`, [panel.applicationId]);
    expect(row).toMatchObject({ organization_id: panel.organizationId, version: 1, recommendation: 'hire', scorecard_count: 3 });
    expect(row.covers).toEqual(await submittedRevisions(ds, panel.applicationId));
    expect(row.score).toBeCloseTo(row.report.score, 10);
    expect(row.inputs_hash).toBe(row.report.inputsHash);
    expect(row.algorithm_version).toBe(row.report.algorithmVersion);
    for (const field of [
      'dimensions',
      'score',
      'rawScore',
      'coverage',
      'interval',
      'splitPanel',
      'redFlags',
      'interviewers',
      'recommendation',
      'reasons',
      'algorithmVersion',
      'inputsHash',
    ]) {
      expect(row.report).toHaveProperty(field);
    }
    expect(row.report.dimensions.map((d: { dimensionId: string }) => d.dimensionId)).toEqual(panel.dimensionIds);
  });

  it('is idempotent: the same inputs never create a new version', async () => {
    const panel = await strongPanel();
    await service.aggregate(panel.organizationId, panel.applicationId);
    const again = await service.aggregate(panel.organizationId, panel.applicationId);
    expect(again).toMatchObject({ outcome: 'unchanged', version: 1 });
    expect(await versions(panel.applicationId)).toHaveLength(1);
  });

  it('stores a new version when a rating changes, and none when only the evidence text changes', async () => {
    const panel = await strongPanel();
    await service.aggregate(panel.organizationId, panel.applicationId);

    await writeScorecard(ds, panel, 0, { ratings: [1, 1, 2], recommendation: 'strong_no', redFlags: ['dishonesty'] });
    expect(await service.aggregate(panel.organizationId, panel.applicationId)).toMatchObject({ outcome: 'insert', version: 2 });

    await writeScorecard(ds, panel, 0, {
      ratings: [1, 1, 2],
      recommendation: 'strong_no',
      redFlags: ['dishonesty'],
      evidence: 'Clearer evidence wording',
    });
    expect(await service.aggregate(panel.organizationId, panel.applicationId)).toMatchObject({ outcome: 'refresh_covers', version: 2 });

    const rows = await versions(panel.applicationId);
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    expect(rows[0].inputsHash).not.toBe(rows[1].inputsHash);
    // The latest version now covers the evidence-only revision (3) as well.
    expect(rows[1].covers).toEqual(await submittedRevisions(ds, panel.applicationId));
    expect(Object.values(rows[1].covers).sort()).toEqual([1, 1, 3]);
    const latest = await latestReport(ds, panel.applicationId);
    expect(latest!.report.redFlags).toEqual([{ flag: 'dishonesty', raisedBy: [panel.interviews[0].interviewerId] }]);
  });

  it('reflects withdrawals, down to a report without scorecards', async () => {
    const panel = await strongPanel();
    await service.aggregate(panel.organizationId, panel.applicationId);
    await withdrawScorecard(ds, panel, 2);
    expect(await service.aggregate(panel.organizationId, panel.applicationId)).toMatchObject({ outcome: 'insert', version: 2 });
    expect((await versions(panel.applicationId))[1]).toMatchObject({ scorecardCount: 2, recommendation: 'inconclusive' });

    await withdrawScorecard(ds, panel, 0);
    await withdrawScorecard(ds, panel, 1);
    expect(await service.aggregate(panel.organizationId, panel.applicationId)).toMatchObject({ outcome: 'insert', version: 3 });
    expect((await versions(panel.applicationId))[2]).toMatchObject({ scorecardCount: 0, recommendation: 'inconclusive', covers: {} });
  });

  it('stores nothing for an application without submitted feedback', async () => {
    const panel = await createPanel(ds);
    expect(await service.aggregate(panel.organizationId, panel.applicationId)).toMatchObject({ outcome: 'skipped', version: null });
    expect(await versions(panel.applicationId)).toEqual([]);
  });

  it('serialises concurrent runs: 12 at once store exactly one version', async () => {
    const panel = await strongPanel();
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => service.aggregate(panel.organizationId, panel.applicationId)));
    expect(outcomes.filter((o) => o.outcome === 'insert')).toHaveLength(1);
    expect(await versions(panel.applicationId)).toHaveLength(1);
  });

  it('never loses a submission that lands while runs are in flight', async () => {
    const panel = await createPanel(ds, { interviews: 3 });
    const writes = (async () => {
      for (let round = 0; round < 4; round++) {
        for (const i of [0, 1, 2])
          await writeScorecard(ds, panel, i, { ratings: [((round + i) % 4) + 1, 3, 2] as never, recommendation: round % 2 ? 'yes' : 'no' });
      }
    })();
    const runs = (async () => {
      for (let k = 0; k < 15; k++) await service.aggregate(panel.organizationId, panel.applicationId);
    })();
    await Promise.all([writes, runs]);
    await service.aggregate(panel.organizationId, panel.applicationId);
    const rows = await versions(panel.applicationId);
    expect(rows.at(-1)!.covers).toEqual(await submittedRevisions(ds, panel.applicationId));
    expect(rows.map((r) => r.version)).toEqual(rows.map((_, i) => i + 1));
    // Consecutive versions always differ in their inputs.
    for (let i = 1; i < rows.length; i++) expect(rows[i].inputsHash).not.toBe(rows[i - 1].inputsHash);
  });

  it("applies interviewers' leniency offsets and the role's hire policy", async () => {
    const panel = await createPanel(ds, { policy: { bar: 3.5, minInterviewers: 2 } });
    for (const i of [0, 1, 2]) await writeScorecard(ds, panel, i, { ratings: [3, 3, 3], recommendation: 'yes' });
    await service.aggregate(panel.organizationId, panel.applicationId);
    const before = await latestReport(ds, panel.applicationId);
    expect(before!.report.policy).toMatchObject({ bar: 3.5, minInterviewers: 2 });
    expect(before!.report.interviewers.every((r: { offset: number }) => r.offset === 0)).toBe(true);

    // Reports read the out-of-sample offset deviation_sum / (n + k): 22.5 / (40 + 5) = 0.5 (no contribution of this application).
    await ds.query(
      `INSERT INTO interviewer_calibrations (organization_id, interviewer_id, "offset", n, deviation_sum, k) VALUES ($1, $2, 0.5, 40, 22.5, 5)`,
      [panel.organizationId, panel.interviews[0].interviewerId],
    );
    expect(await service.aggregate(panel.organizationId, panel.applicationId)).toMatchObject({ outcome: 'insert', version: 2 });
    const after = await latestReport(ds, panel.applicationId);
    expect(after!.report.interviewers.find((r: { interviewerId: string }) => r.interviewerId === panel.interviews[0].interviewerId)).toMatchObject({
      offset: 0.5,
      n: 40,
    });
    expect(after!.report.score).toBeLessThan(before!.report.score!);
  });

  it('uses the newest loop version when scorecards span two versions', async () => {
    const panel = await createPanel(ds);
    await writeScorecard(ds, panel, 0, { ratings: [4, 4, 4], recommendation: 'strong_yes' });
    // Version 2 drops dimension 3 and adds a new one; a later interview is made against it.
    const [{ snapshot }] = await ds.query(`SELECT snapshot FROM loop_versions WHERE id = $1`, [panel.loopVersionId]);
    const newDimension = { ...snapshot.dimensions[2], id: randomUUID(), name: 'New dimension' };
    const v2 = { ...snapshot, dimensions: [snapshot.dimensions[0], snapshot.dimensions[1], newDimension] };
    const [{ id: v2Id }] = await ds.query(
      `INSERT INTO loop_versions (organization_id, role_id, number, snapshot) VALUES ($1, $2, 2, $3) RETURNING id`,
      [panel.organizationId, panel.roleId, JSON.stringify(v2)],
    );
    await ds.query(`UPDATE interviews SET loop_version_id = $2 WHERE id = $1`, [panel.interviews[1].id, v2Id]);
    const v2Panel = { ...panel, loopVersionId: v2Id, dimensionIds: [panel.dimensionIds[0], panel.dimensionIds[1], newDimension.id] };
    await writeScorecard(ds, v2Panel, 1, { ratings: [3, 3, 2], recommendation: 'yes' });

    await service.aggregate(panel.organizationId, panel.applicationId);
    const report = (await latestReport(ds, panel.applicationId))!.report;
    expect(report.dimensions.map((d: { name: string }) => d.name)).toEqual(['Dimension 1', 'Dimension 2', 'New dimension']);
    const dim = (id: string) => report.dimensions.find((d) => d.dimensionId === id)!;
    expect(dim(panel.dimensionIds[0]).raters).toBe(2);
    expect(dim(newDimension.id).raters).toBe(1);
  });

  it('counts exactly the rated entries of the stored ratings, whatever else an entry holds or lacks', async () => {
    // The state statement reads each rating's dimension and value through a jsonpath filter instead of the whole
    // column: an entry without a "notAssessed" key still counts, a not-assessed or unrated one does not, and the
    // evidence text (line breaks, quotes) plays no part.
    const panel = await createPanel(ds);
    for (const i of [0, 1, 2]) await writeScorecard(ds, panel, i, { ratings: [3, 3, 3], recommendation: 'yes' });
    const [d0, d1, d2] = panel.dimensionIds;
    await ds.query(`UPDATE scorecards SET ratings = $2::jsonb WHERE application_id = $1 AND interviewer_id = $3`, [
      panel.applicationId,
      JSON.stringify([
        { dimensionId: d0, rating: 1 },
        { dimensionId: d1, rating: 1, notAssessed: true, notAssessedReason: 'ran out of time' },
        { dimensionId: d2, rating: null, notAssessed: false, evidence: 'said "no"\nand left' },
      ]),
      panel.interviews[0].interviewerId,
    ]);
    await service.aggregate(panel.organizationId, panel.applicationId);
    const report = (await latestReport(ds, panel.applicationId))!.report as {
      dimensions: { dimensionId: string; ratings: number; rawMean: number }[];
    };
    const dimension = (id: string) => report.dimensions.find((d) => d.dimensionId === id)!;
    expect(dimension(d0).ratings).toBe(3);
    expect(dimension(d0).rawMean).toBeCloseTo((1 + 3 + 3) / 3, 4);
    expect(dimension(d1)).toMatchObject({ ratings: 2, rawMean: 3 });
    expect(dimension(d2)).toMatchObject({ ratings: 2, rawMean: 3 });
  });

  it('stores reports whose texts hold line breaks, quotes and backslashes as they are (one JSON document per line)', async () => {
    const panel = await createPanel(ds);
    const repository = new CalibrationReportsRepository(ds, new LoopVersionsRepository(ds));
    const texts = ['two\nlines', 'a "quote" and a \\ backslash', 'line\u2028separator', '\r\n', '{"looks":"like json"}\n{'];
    const report = { score: 2.5, reasons: texts.map((message) => ({ code: 'note', message })), nested: { empty: {}, list: [] } };
    const covers = { [randomUUID()]: 2 };
    await ds.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.organization_id', $1, true)`, [panel.organizationId]);
      await repository.insertMany(manager, [
        { ...newVersion(panel, 1), covers, report },
        { ...newVersion(panel, 2), covers: {}, report: { ...report, score: null } },
      ]);
    });
    const rows = await ds.query(`SELECT version, covers, report, score FROM calibration_reports WHERE application_id = $1 ORDER BY version`, [
      panel.applicationId,
    ]);
    expect(rows).toEqual([
      { version: 1, covers, report, score: 2.5 },
      { version: 2, covers: {}, report: { ...report, score: null }, score: null },
    ]);
  });

  it('refuses an application that does not exist (a terminal error for the job)', async () => {
    const panel = await createPanel(ds);
    await expect(service.aggregate(panel.organizationId, randomUUID())).rejects.toBeInstanceOf(ApplicationGoneError);
    // Another tenant's application is just as unknown.
    const other = await createPanel(ds);
    await expect(service.aggregate(panel.organizationId, other.applicationId)).rejects.toBeInstanceOf(ApplicationGoneError);
  });

  describe('batches', () => {
    it('computes a batch in one go, each application as it would be alone', async () => {
      const panels = await Promise.all([strongPanel(), strongPanel(), strongPanel()]);
      const weak = await createPanel(ds);
      for (const i of [0, 1, 2]) await writeScorecard(ds, weak, i, { ratings: [1, 2, 1], recommendation: 'strong_no' });
      const all = [...panels, weak];

      const results = await service.aggregateMany(all.map((p) => ({ organizationId: p.organizationId, applicationId: p.applicationId })));

      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
      expect(results.map((r) => (r as PromiseFulfilledResult<{ outcome: string; version: number }>).value)).toEqual(
        all.map(() => expect.objectContaining({ outcome: 'insert', version: 1, passes: 1, versionsCreated: 1 })),
      );
      for (const panel of all)
        expect((await latestReport(ds, panel.applicationId))!.covers).toEqual(await submittedRevisions(ds, panel.applicationId));
      expect((await latestReport(ds, panels[0].applicationId))!.recommendation).toBe('hire');
      expect((await latestReport(ds, weak.applicationId))!.recommendation).toBe('no_hire');
      // The same state computed alone stores nothing new: the batch wrote exactly what a single run would.
      for (const panel of all)
        expect(await service.aggregate(panel.organizationId, panel.applicationId)).toMatchObject({ outcome: 'unchanged', version: 1 });
    });

    it('rejects only the applications that do not exist, and stores the others', async () => {
      const panel = await strongPanel();
      const other = await createPanel(ds);
      const results = await service.aggregateMany([
        { organizationId: panel.organizationId, applicationId: randomUUID() },
        { organizationId: panel.organizationId, applicationId: panel.applicationId },
        // Another tenant's application, named with this organization: unknown here.
        { organizationId: panel.organizationId, applicationId: other.applicationId },
      ]);
      expect(results[0]).toMatchObject({ status: 'rejected', reason: expect.any(ApplicationGoneError) });
      expect(results[1]).toMatchObject({ status: 'fulfilled', value: { outcome: 'insert', version: 1 } });
      expect(results[2]).toMatchObject({ status: 'rejected', reason: expect.any(ApplicationGoneError) });
      expect(await versions(other.applicationId)).toEqual([]);
    });

    it('rejects only the application whose stored state the engine refuses, and stores the rest of the batch', async () => {
      const healthy = await strongPanel();
      const broken = await strongPanel();
      // A rating no scale has (stored by hand: the API refuses it), which buildReport rejects.
      await ds.query(`UPDATE scorecards SET ratings = jsonb_set(ratings, '{0,rating}', '9') WHERE application_id = $1 AND interviewer_id = $2`, [
        broken.applicationId,
        broken.interviews[0].interviewerId,
      ]);
      const results = await service.aggregateMany([
        { organizationId: broken.organizationId, applicationId: broken.applicationId },
        { organizationId: healthy.organizationId, applicationId: healthy.applicationId },
      ]);
      expect(results[0]).toMatchObject({ status: 'rejected', reason: expect.any(CalibrationInputError) });
      expect(results[1]).toMatchObject({ status: 'fulfilled', value: { outcome: 'insert', version: 1 } });
      expect(await versions(broken.applicationId)).toEqual([]);
      expect(await versions(healthy.applicationId)).toHaveLength(1);
    });

    it('answers a repeated application once per input, in input order', async () => {
      const panel = await strongPanel();
      const ref = { organizationId: panel.organizationId, applicationId: panel.applicationId };
      const results = await service.aggregateMany([ref, ref]);
      expect(results[0]).toMatchObject({ status: 'fulfilled', value: { outcome: 'insert', version: 1, versionsCreated: 1 } });
      // Computed once: the version is credited to the first request only.
      expect(results[1]).toEqual({ status: 'fulfilled', value: { ...(results[0] as PromiseFulfilledResult<object>).value, versionsCreated: 0 } });
      expect(await versions(panel.applicationId)).toHaveLength(1);
    });

    it('overlapping batches running at once neither deadlock nor store duplicate versions', async () => {
      const panels = await Promise.all(Array.from({ length: 8 }, () => strongPanel()));
      const refs = panels.map((p) => ({ organizationId: p.organizationId, applicationId: p.applicationId }));
      // Each batch holds the same applications in a different order.
      const batches = Array.from({ length: 6 }, (_, k) => [...refs.slice(k), ...refs.slice(0, k)].reverse());
      const outcomes = await Promise.all(batches.map((batch) => service.aggregateMany(batch)));
      expect(outcomes.flat().every((r) => r.status === 'fulfilled')).toBe(true);
      for (const panel of panels) expect(await versions(panel.applicationId)).toHaveLength(1);
    });
  });
});

function newVersion(panel: PanelFixture, version: number) {
  return {
    organizationId: panel.organizationId,
    applicationId: panel.applicationId,
    version,
    inputsHash: `hash-${version}`,
    algorithmVersion: 'test',
    score: version === 1 ? 2.5 : null,
    recommendation: 'inconclusive' as const,
    scorecardCount: 0,
  };
}
