import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { alphaFromUnits, createLeniencyAccumulator, leniencyOffsets, LeniencyRating } from '@hireloop/calibration';
import { InterviewerCalibrationService } from '@hireloop/core/calibration-stats/interviewer-calibration.service';
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
 * libs/calibration on the same generated data: leniencyOffsets (to 1e-9, same n) and Krippendorff's alpha
 * (interval metric, one value per interviewer and application).
 */
describe('InterviewerCalibrationService (PostgreSQL)', () => {
  let ds: DataSource;
  let service: InterviewerCalibrationService;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    ds = await new DataSource(buildDataSourceOptions({ url: process.env.DATABASE_URL!, poolSize: 10 })).initialize();
    service = new InterviewerCalibrationService(ds);
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

  const reliabilityInDb = async (organizationId: string) => {
    const rows: { role_id: string; dimension_id: string; alpha: number | null; n_units: number; n_ratings: number }[] = await ds.query(
      `SELECT role_id, dimension_id, alpha, n_units, n_ratings FROM role_reliability WHERE organization_id = $1`,
      [organizationId],
    );
    return new Map(rows.map((r) => [`${r.role_id}/${r.dimension_id}`, r]));
  };

  /** Every rating row of the organization, as the pure functions take them. */
  const history = async (organizationId: string, order = ''): Promise<(LeniencyRating & { roleId: string })[]> =>
    (
      await ds.query(
        `SELECT interviewer_id, application_id, dimension_id, role_id, rating FROM scorecard_ratings WHERE organization_id = $1 ${order}`,
        [organizationId],
      )
    ).map((r: { interviewer_id: string; application_id: string; dimension_id: string; role_id: string; rating: number }) => ({
      interviewerId: r.interviewer_id,
      applicationId: r.application_id,
      dimensionId: r.dimension_id,
      roleId: r.role_id,
      rating: r.rating as LeniencyRating['rating'],
    }));

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

  async function generatedOrganization(seed: number, options: { roles?: number; applications?: number; interviewers?: number; repeatShare?: number } = {}) {
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

  it('computes the same leniency offsets and n as the pure leniencyOffsets (to 1e-9)', async () => {
    const { members } = await generatedOrganization(42, { roles: 3, applications: 200, repeatShare: 0.15 });
    const [result] = await service.recompute(members.organizationId);

    const rows = await history(members.organizationId);
    expect(rows.length).toBeGreaterThan(3000);
    const pure = leniencyOffsets(rows);
    const stored = await offsetsInDb(members.organizationId);
    expect(Object.keys(stored).sort()).toEqual(Object.keys(pure).sort());
    expect(result.interviewers).toBe(Object.keys(pure).length);
    let nonZero = 0;
    for (const [interviewerId, expected] of Object.entries(pure)) {
      expect(stored[interviewerId].n).toBe(expected.n);
      expect(Math.abs(stored[interviewerId].offset - expected.offset)).toBeLessThanOrEqual(1e-9);
      if (Math.abs(expected.offset) > 0.01) nonZero++;
    }
    // The generated biases are real: most interviewers get a visible offset.
    expect(nonZero).toBeGreaterThan(members.interviewerIds.length / 2);

    // The pure streaming accumulator fed in SQL order (application, dimension) agrees as well.
    const accumulator = createLeniencyAccumulator();
    for (const row of await history(members.organizationId, 'ORDER BY application_id, dimension_id')) accumulator.add(row);
    expect(accumulator.result()).toEqual(pure);
  });

  it('agrees with the pure function for other shrinkage constants', async () => {
    const { members } = await generatedOrganization(7, { roles: 1, applications: 120, interviewers: 5 });
    for (const k of [0, 1, 20]) {
      await service.recompute(members.organizationId, { k });
      const pure = leniencyOffsets(await history(members.organizationId), { k });
      const stored = await offsetsInDb(members.organizationId);
      for (const [id, expected] of Object.entries(pure)) {
        expect(stored[id].n).toBe(expected.n);
        expect(Math.abs(stored[id].offset - expected.offset)).toBeLessThanOrEqual(1e-9);
      }
    }
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
    // a: (4 − 2.5) + (3 − 4) = 0.5 over n = 2 → 0.5 / (2 + 5); b: (2 − 3.5) + (4 − 3) = −0.5 → −0.5 / 7; c: 3 − 3 = 0.
    expect(offsets[a].n).toBe(2);
    expect(offsets[a].offset).toBeCloseTo(0.5 / 7, 6);
    expect(offsets[b].offset).toBeCloseTo(-0.5 / 7, 6);
    expect(offsets[c]).toEqual({ offset: 0, n: 1 });
    const [row] = [...(await reliabilityInDb(members.organizationId)).values()];
    // Pairable values: {4,2,3} and {3,4}: n = 5, Σv = 16, Σv² = 54; within = (3·29 − 81)/2 + (2·25 − 49)/1 = 4;
    // α = 1 − (n − 1)·within / (n·Σv² − (Σv)²) = 1 − 4·4 / (270 − 256) = 1 − 16/14.
    expect(row).toMatchObject({ n_units: 2, n_ratings: 5 });
    expect(row.alpha).toBeCloseTo(1 - 16 / 14, 12);
    expect(alphaFromUnits([[4, 2, 3], [3, 4]], 'interval').alpha).toBeCloseTo(row.alpha!, 12);
  });

  it('leaves alpha null when it is undefined (no variation), with its counts', async () => {
    const members = await createCalibrationMembers(ds, 2);
    const role = await createCalibrationRole(ds, members.organizationId, { dimensions: 1 });
    const [a, b] = members.interviewerIds;
    await insertRatedApplications(ds, role, [
      [{ interviewerId: a, ratings: [3] }, { interviewerId: b, ratings: [3] }],
      [{ interviewerId: a, ratings: [3] }, { interviewerId: b, ratings: [3] }],
    ]);
    await service.recompute(members.organizationId);
    const [row] = [...(await reliabilityInDb(members.organizationId)).values()];
    expect(row).toMatchObject({ alpha: null, n_units: 2, n_ratings: 4 });
    expect(Number.isNaN(alphaFromUnits([[3, 3], [3, 3]], 'interval').alpha)).toBe(true);
  });

  it('is idempotent, resets interviewers left without ratings and drops stale reliability rows', async () => {
    const { members, roles } = await generatedOrganization(99, { roles: 2, applications: 60, interviewers: 5 });
    await service.recompute(members.organizationId);
    const first = await offsetsInDb(members.organizationId);
    await service.recompute(members.organizationId);
    expect(await offsetsInDb(members.organizationId)).toEqual(first);

    // Every rating of one interviewer and of the second role disappears (withdrawn scorecards).
    const gone = members.interviewerIds[0];
    await ds.query(`DELETE FROM scorecard_ratings WHERE organization_id = $1 AND (interviewer_id = $2 OR role_id = $3)`, [members.organizationId, gone, roles[1].roleId]);
    await service.recompute(members.organizationId);
    const after = await offsetsInDb(members.organizationId);
    expect(after[gone]).toEqual({ offset: 0, n: 0 });
    const pure = leniencyOffsets(await history(members.organizationId));
    for (const [id, expected] of Object.entries(pure)) expect(Math.abs(after[id].offset - expected.offset)).toBeLessThanOrEqual(1e-9);
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
    const pureTwo = leniencyOffsets(await history(two.members.organizationId));
    const storedTwo = await offsetsInDb(two.members.organizationId);
    for (const [id, expected] of Object.entries(pureTwo)) expect(Math.abs(storedTwo[id].offset - expected.offset)).toBeLessThanOrEqual(1e-9);
    // Offsets of one organization never name another's interviewers.
    const leaked: unknown[] = await ds.query(
      `SELECT 1 FROM interviewer_calibrations c JOIN members m ON m.id = c.interviewer_id WHERE m.organization_id <> c.organization_id`,
    );
    expect(leaked).toHaveLength(0);
  });

  it('serializes concurrent recomputes of one organization (advisory lock): both succeed with the same result', async () => {
    const { members } = await generatedOrganization(11, { roles: 1, applications: 80, interviewers: 5 });
    await Promise.all([service.recompute(members.organizationId), service.recompute(members.organizationId)]);
    const pure = leniencyOffsets(await history(members.organizationId));
    const stored = await offsetsInDb(members.organizationId);
    for (const [id, expected] of Object.entries(pure)) expect(Math.abs(stored[id].offset - expected.offset)).toBeLessThanOrEqual(1e-9);
  });
});

