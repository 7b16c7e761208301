import { LoopVersionsRepository } from '@hireloop/core/roles/loop-versions.repository';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { alphaFromUnits, LeniencyRating, offsetWithout, raterEffects, type RatingScaleKind } from '@hireloop/calibration';
import { CalibrationStatsRepository } from '@hireloop/core/calibration-stats/calibration-stats.repository';
import { InterviewerCalibrationService } from '@hireloop/core/calibration-stats/interviewer-calibration.service';
import { CalibrationReportsRepository, panelKey } from '@hireloop/core/reports/calibration-reports.repository';
import { ALL_ENTITIES } from '@hireloop/core';
import { buildDataSourceOptions } from '@hireloop/database';
import {
  CalibrationRole,
  createCalibrationMembers,
  createCalibrationRole,
  generatePanels,
  insertRatedApplications,
  seededRandom,
} from '@hireloop/testing/calibration-fixture';

/**
 * The interviewer-calibration job's SQL against a real PostgreSQL, checked against the pure functions of
 * libs/calibration on the same generated data: the joint rater-effect model `raterEffects` (deviation sums and
 * per-application contributions to 1e-9, same n; offsets as stored, rounded to 6 decimals), the out-of-sample offsets
 * the report reads (`offsetWithout`), and Krippendorff's alpha (interval metric, one value per interviewer and
 * application).
 */
describe('InterviewerCalibrationService (PostgreSQL)', () => {
  let ds: DataSource;
  let service: InterviewerCalibrationService;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    ds = await new DataSource(buildDataSourceOptions({ url: process.env.DATABASE_URL!, entities: ALL_ENTITIES, poolSize: 10 })).initialize();
    service = new InterviewerCalibrationService(ds, new CalibrationStatsRepository(ds));
  });
  afterAll(async () => {
    await ds.destroy();
  });

  const offsetsInDb = async (organizationId: string) => {
    const rows: { interviewer_id: string; offset: number; n: number }[] = await ds.query(
      `SELECT interviewer_id, "offset", n FROM interviewer_calibrations WHERE organization_id = $1 ORDER BY interviewer_id`,
      [organizationId],
    );
    return Object.fromEntries(rows.map((r) => [r.interviewer_id, { offset: r.offset, n: r.n }]));
  };

  /** The stored model (per interviewer and per application) equals the pure `raterEffects` over the same rows. */
  const expectStoredEqualsPure = async (organizationId: string, k = 5) => {
    const rows = await history(organizationId);
    const pure = raterEffects(rows, { k });
    const stored: { interviewer_id: string; offset: number; n: number; deviation_sum: number; k: number }[] = await ds.query(
      `SELECT interviewer_id, "offset", n, deviation_sum, k FROM interviewer_calibrations WHERE organization_id = $1`,
      [organizationId],
    );
    expect(stored.map((r) => r.interviewer_id).sort()).toEqual(Object.keys(pure.interviewers).sort());
    for (const r of stored) {
      const expected = pure.interviewers[r.interviewer_id];
      expect(r.n).toBe(expected.n);
      expect(r.k).toBe(k);
      expect(Math.abs(r.deviation_sum - expected.deviationSum)).toBeLessThanOrEqual(1e-9);
      // The stored offset is rounded to 6 decimals (LENIENCY_DECIMALS).
      expect(Math.abs(r.offset - expected.offset)).toBeLessThanOrEqual(5e-7 + 1e-9);
    }
    const contributions: { interviewer_id: string; application_id: string; deviation_sum: number; n: number }[] = await ds.query(
      `SELECT interviewer_id, application_id, deviation_sum, n FROM interviewer_application_calibrations WHERE organization_id = $1`,
      [organizationId],
    );
    expect(contributions).toHaveLength(pure.contributions.length);
    const byKey = new Map(pure.contributions.map((c) => [`${c.interviewerId}/${c.applicationId}`, c]));
    for (const c of contributions) {
      const expected = byKey.get(`${c.interviewer_id}/${c.application_id}`)!;
      expect(expected).toBeDefined();
      expect(c.n).toBe(expected.n);
      expect(Math.abs(c.deviation_sum - expected.deviationSum)).toBeLessThanOrEqual(1e-9);
    }
    return pure;
  };

  const reliabilityInDb = async (organizationId: string) => {
    const rows: { role_id: string; dimension_id: string; alpha: number | null; n_units: number; n_ratings: number }[] = await ds.query(
      `SELECT role_id, dimension_id, alpha, n_units, n_ratings FROM role_reliability WHERE organization_id = $1`,
      [organizationId],
    );
    return new Map(rows.map((r) => [`${r.role_id}/${r.dimension_id}`, r]));
  };

  /** Every rating row of the organization, as the pure functions take them. */
  const history = async (organizationId: string, order = ''): Promise<(LeniencyRating & { roleId: string })[]> => {
    const [{ present }]: { present: boolean }[] = await ds.query(
      `SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'roles' AND column_name = 'rating_scale') AS present`,
    );
    const rows = await ds.query(
      `SELECT r.interviewer_id, r.application_id, r.dimension_id, r.role_id, r.rating, ${present ? 'ro.rating_scale' : 'NULL'} AS scale
         FROM scorecard_ratings r JOIN roles ro ON ro.id = r.role_id WHERE r.organization_id = $1 ${order}`,
      [organizationId],
    );
    return rows.map(
      (r: {
        interviewer_id: string;
        application_id: string;
        dimension_id: string;
        role_id: string;
        rating: number;
        scale: RatingScaleKind | null;
      }) => ({
        interviewerId: r.interviewer_id,
        applicationId: r.application_id,
        dimensionId: r.dimension_id,
        roleId: r.role_id,
        rating: r.rating as LeniencyRating['rating'],
        ...(r.scale ? { scale: r.scale } : {}),
      }),
    );
  };

  /** Pure alpha (interval) per role and dimension, with an interviewer's repeated ratings of one application averaged. */
  const pureReliability = (rows: (LeniencyRating & { roleId: string })[]) => {
    const byKey = new Map<string, Map<string, Map<string, number[]>>>();
    for (const r of rows) {
      const key = `${r.roleId}/${r.dimensionId}`;
      const units = byKey.get(key) ?? new Map<string, Map<string, number[]>>();
      byKey.set(key, units);
      const raters = units.get(r.applicationId) ?? new Map<string, number[]>();
      units.set(r.applicationId, raters);
      raters.set(r.interviewerId, [...(raters.get(r.interviewerId) ?? []), r.rating]);
    }
    return new Map(
      [...byKey].map(([key, units]) => {
        const values = [...units.values()].map((raters) => [...raters.values()].map((rs) => rs.reduce((s, x) => s + x, 0) / rs.length));
        return [key, alphaFromUnits(values, 'interval')];
      }),
    );
  };

  async function generatedOrganization(
    seed: number,
    options: { roles?: number; applications?: number; interviewers?: number; repeatShare?: number } = {},
  ) {
    const members = await createCalibrationMembers(ds, options.interviewers ?? 8);
    const random = seededRandom(seed);
    const roles: CalibrationRole[] = [];
    for (let i = 0; i < (options.roles ?? 2); i++) {
      const role = await createCalibrationRole(ds, members.organizationId, { hiringManagerId: members.hiringManagerId, dimensions: 3 + i });
      const panels = generatePanels(random, {
        applications: options.applications ?? 150,
        interviewerIds: members.interviewerIds,
        dimensions: role.dimensionIds.length,
        panelSize: 3 + (i % 2),
        repeatShare: options.repeatShare ?? 0.1,
      });
      await insertRatedApplications(ds, role, panels);
      roles.push(role);
    }
    return { members, roles };
  }

  it('stores the joint rater effects, their deviation sums and per-application contributions of the pure raterEffects (to 1e-9)', async () => {
    const { members } = await generatedOrganization(42, { roles: 3, applications: 200, repeatShare: 0.15 });
    const [result] = await service.recompute(members.organizationId);
    const rows = await history(members.organizationId);
    expect(rows.length).toBeGreaterThan(3000);
    const pure = await expectStoredEqualsPure(members.organizationId);
    expect(result.interviewers).toBe(Object.keys(pure.interviewers).length);
    // The generated biases are real: most interviewers get a visible offset.
    const nonZero = Object.values(pure.interviewers).filter((e) => Math.abs(e.offset) > 0.01).length;
    expect(nonZero).toBeGreaterThan(members.interviewerIds.length / 2);
  });

  it('agrees with the pure function for other shrinkage constants', async () => {
    const { members } = await generatedOrganization(7, { roles: 1, applications: 120, interviewers: 5 });
    for (const k of [1, 20, 5]) {
      await service.recompute(members.organizationId, { k });
      await expectStoredEqualsPure(members.organizationId, k);
    }
  });

  it("gives each report the offsets without its own application's ratings (out of sample), as offsetWithout", async () => {
    const { members, roles } = await generatedOrganization(77, { roles: 1, applications: 60, interviewers: 5 });
    await service.recompute(members.organizationId);
    const pure = await expectStoredEqualsPure(members.organizationId);
    const applicationIds: string[] = (
      await ds.query(`SELECT id FROM applications WHERE organization_id = $1 AND role_id = $2 ORDER BY id LIMIT 5`, [
        members.organizationId,
        roles[0].roleId,
      ])
    ).map((r: { id: string }) => r.id);
    const refs = applicationIds.map((applicationId) => ({ organizationId: members.organizationId, applicationId }));
    const states = await new CalibrationReportsRepository(ds, new LoopVersionsRepository(ds)).panelStates(ds.manager, refs);
    let changed = 0;
    for (const ref of refs) {
      const state = states.get(panelKey(ref))!;
      const panel = new Set(state.scorecards.map((c) => c.interviewerId));
      expect(Object.keys(state.offsets).sort()).toEqual([...panel].sort());
      for (const [interviewerId, got] of Object.entries(state.offsets)) {
        const own = pure.contributions.find((c) => c.interviewerId === interviewerId && c.applicationId === ref.applicationId);
        const expected = offsetWithout(pure.interviewers[interviewerId], own, 5);
        expect(Math.abs(got.offset - expected)).toBeLessThanOrEqual(5e-7 + 1e-9);
        expect(got.n).toBe(pure.interviewers[interviewerId].n - (own?.n ?? 0));
        if (Math.abs(got.offset - pure.interviewers[interviewerId].offset) > 1e-6) changed++;
      }
    }
    expect(changed).toBeGreaterThan(0); // the candidate's own ratings no longer feed the offsets
  });

  it('maps ratings of a 5-point role onto 1–4 before estimation (roles.rating_scale)', async () => {
    // The roles migration of issue 12 adds roles.rating_scale; without it on this branch, add it here (this database
    // is recreated for every run).
    await ds.query(`ALTER TABLE roles ADD COLUMN IF NOT EXISTS rating_scale text NOT NULL DEFAULT 'four_point'`);
    const { members, roles } = await generatedOrganization(88, { roles: 2, applications: 80, interviewers: 5 });
    await ds.query(`UPDATE roles SET rating_scale = 'five_point' WHERE id = $1`, [roles[1].roleId]);
    await service.recompute(members.organizationId);
    const rows = await history(members.organizationId);
    expect(rows.some((r) => r.scale === 'five_point')).toBe(true);
    const pure = await expectStoredEqualsPure(members.organizationId);
    const asIfFourPoint = raterEffects(rows.map(({ scale: _scale, ...r }) => r));
    const differs = Object.keys(pure.interviewers).some(
      (id) => Math.abs(pure.interviewers[id].deviationSum - asIfFourPoint.interviewers[id].deviationSum) > 1e-6,
    );
    expect(differs).toBe(true);
  });

  it("computes each role dimension's Krippendorff alpha (interval) like the pure function (to 1e-9)", async () => {
    const { members, roles } = await generatedOrganization(1234, { roles: 2, applications: 180, repeatShare: 0.2 });
    const [result] = await service.recompute(members.organizationId);
    const stored = await reliabilityInDb(members.organizationId);
    const pure = pureReliability(await history(members.organizationId));
    expect(stored.size).toBe(roles.reduce((s, r) => s + r.dimensionIds.length, 0));
    expect(result.dimensions).toBe(stored.size);
    for (const [key, expected] of pure) {
      const row = stored.get(key)!;
      expect(row).toBeDefined();
      expect(row.n_units).toBe(expected.pairableUnits);
      expect(row.n_ratings).toBe(expected.pairableValues);
      expect(row.alpha).not.toBeNull();
      expect(Math.abs(row.alpha! - expected.alpha)).toBeLessThanOrEqual(1e-9);
    }
  });

  it('matches hand-computed values on a tiny panel', async () => {
    const members = await createCalibrationMembers(ds, 3);
    const [a, b, c] = members.interviewerIds;
    const role = await createCalibrationRole(ds, members.organizationId, { dimensions: 1 });
    // Unit 1: a=4, b=2, c=3. Unit 2: a=3, b=4 (c absent). Unit 3: a alone (not pairable).
    await insertRatedApplications(ds, role, [
      [
        { interviewerId: a, ratings: [4] },
        { interviewerId: b, ratings: [2] },
        { interviewerId: c, ratings: [3] },
      ],
      [
        { interviewerId: a, ratings: [3] },
        { interviewerId: b, ratings: [4] },
      ],
      [{ interviewerId: a, ratings: [1] }],
    ]);
    await service.recompute(members.organizationId);
    const offsets = await offsetsInDb(members.organizationId);
    // Co-rated ratings: a 2 (units 1 and 2), b 2, c 1; a's lone rating in unit 3 does not count.
    expect([offsets[a].n, offsets[b].n, offsets[c].n]).toEqual([2, 2, 1]);
    const pure = await expectStoredEqualsPure(members.organizationId);
    expect(pure.interviewers[a].offset).toBeGreaterThan(0);
    expect(pure.interviewers[b].offset).toBeLessThan(0);
    const [row] = [...(await reliabilityInDb(members.organizationId)).values()];
    // Pairable values: {4,2,3} and {3,4}: n = 5, Σv = 16, Σv² = 54; within = (3·29 − 81)/2 + (2·25 − 49)/1 = 4;
    // α = 1 − (n − 1)·within / (n·Σv² − (Σv)²) = 1 − 4·4 / (270 − 256) = 1 − 16/14.
    expect(row).toMatchObject({ n_units: 2, n_ratings: 5 });
    expect(row.alpha).toBeCloseTo(1 - 16 / 14, 12);
    expect(
      alphaFromUnits(
        [
          [4, 2, 3],
          [3, 4],
        ],
        'interval',
      ).alpha,
    ).toBeCloseTo(row.alpha!, 12);
  });

  it('leaves alpha null when it is undefined (no variation), with its counts', async () => {
    const members = await createCalibrationMembers(ds, 2);
    const role = await createCalibrationRole(ds, members.organizationId, { dimensions: 1 });
    const [a, b] = members.interviewerIds;
    await insertRatedApplications(ds, role, [
      [
        { interviewerId: a, ratings: [3] },
        { interviewerId: b, ratings: [3] },
      ],
      [
        { interviewerId: a, ratings: [3] },
        { interviewerId: b, ratings: [3] },
      ],
    ]);
    await service.recompute(members.organizationId);
    const [row] = [...(await reliabilityInDb(members.organizationId)).values()];
    expect(row).toMatchObject({ alpha: null, n_units: 2, n_ratings: 4 });
    expect(
      Number.isNaN(
        alphaFromUnits(
          [
            [3, 3],
            [3, 3],
          ],
          'interval',
        ).alpha,
      ),
    ).toBe(true);
  });

  it('is idempotent, resets interviewers left without ratings and drops stale reliability rows', async () => {
    const { members, roles } = await generatedOrganization(99, { roles: 2, applications: 60, interviewers: 5 });
    await service.recompute(members.organizationId);
    const first = await offsetsInDb(members.organizationId);
    await service.recompute(members.organizationId);
    expect(await offsetsInDb(members.organizationId)).toEqual(first);

    // Every rating of one interviewer and of the second role disappears (withdrawn scorecards).
    const gone = members.interviewerIds[0];
    await ds.query(`DELETE FROM scorecard_ratings WHERE organization_id = $1 AND (interviewer_id = $2 OR role_id = $3)`, [
      members.organizationId,
      gone,
      roles[1].roleId,
    ]);
    await service.recompute(members.organizationId);
    const after = await offsetsInDb(members.organizationId);
    expect(after[gone]).toEqual({ offset: 0, n: 0 });
    const [{ count }]: { count: number }[] = await ds.query(
      `SELECT count(*)::int AS count FROM interviewer_application_calibrations WHERE organization_id = $1 AND interviewer_id = $2`,
      [members.organizationId, gone],
    );
    expect(count).toBe(0);
    await ds.query(`DELETE FROM interviewer_calibrations WHERE organization_id = $1 AND interviewer_id = $2`, [members.organizationId, gone]);
    await expectStoredEqualsPure(members.organizationId);
    const reliability = await reliabilityInDb(members.organizationId);
    expect([...reliability.values()].every((r) => r.role_id === roles[0].roleId)).toBe(true);
    expect(reliability.size).toBe(roles[0].dimensionIds.length);
  });

  it('keeps organizations apart, and recomputes all of them when asked for none in particular', async () => {
    const one = await generatedOrganization(5, { roles: 1, applications: 40, interviewers: 4 });
    const two = await generatedOrganization(6, { roles: 1, applications: 40, interviewers: 4 });
    await service.recompute(one.members.organizationId);
    expect(Object.keys(await offsetsInDb(one.members.organizationId))).toHaveLength(4);
    expect(await offsetsInDb(two.members.organizationId)).toEqual({});

    // The nightly form (null) visits every organization with ratings. Other test files share this database and may
    // have seeded offsets of their own, so only this test's organizations are actually recomputed here.
    const ours = new Set([one.members.organizationId, two.members.organizationId]);
    const real = service.recomputeOrganization.bind(service);
    const spy = jest
      .spyOn(service, 'recomputeOrganization')
      .mockImplementation(async (id) => (ours.has(id) ? real(id) : { organizationId: id, interviewers: 0, dimensions: 0, durationMs: 0 }));
    const results = await service.recompute(null);
    spy.mockRestore();
    const ids = results.map((r) => r.organizationId);
    expect(ids).toEqual(expect.arrayContaining([...ours]));
    expect(new Set(ids).size).toBe(ids.length);
    await expectStoredEqualsPure(two.members.organizationId);
    // Offsets of one organization never name another's interviewers.
    const leaked: unknown[] = await ds.query(
      `SELECT 1 FROM interviewer_calibrations c JOIN members m ON m.id = c.interviewer_id WHERE m.organization_id <> c.organization_id`,
    );
    expect(leaked).toHaveLength(0);
  });

  it('serializes concurrent recomputes of one organization (advisory lock): both succeed with the same result', async () => {
    const { members } = await generatedOrganization(11, { roles: 1, applications: 80, interviewers: 5 });
    await Promise.all([service.recompute(members.organizationId), service.recompute(members.organizationId)]);
    await expectStoredEqualsPure(members.organizationId);
  });
});
