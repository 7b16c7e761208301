import { AuditReport, fisherExactTwoSided } from '@hireloop/calibration/fairness';
import { addMember, createTeam, createTestApp, signupOrganization, TestApp } from '@hireloop/testing';
import { createPanel, writeScorecard } from '@hireloop/testing/panel-fixture';

/**
 * The adverse-impact report (issue 16, item 2) over HTTP, on a scene built in the database: 7 women and 7 men
 * interviewed for one role (self-identified through the public form), 2 who declined and 1 who never answered.
 * The report recommends 2 of 7 women and 6 of 7 men; 1 woman and 6 men are hired.
 */
describe('adverse-impact report (compliance only)', () => {
  let t: TestApp;
  let team: Awaited<ReturnType<typeof createTeam>>;
  let compliance: Awaited<ReturnType<typeof addMember>>;
  let roleId: string;
  /** Each person's application, in the order of `people`. */
  const applicationIds: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    team = await createTeam(t);
    compliance = await addMember(t, team.admin, ['compliance'], 'Casey Compliance');
    const members = {
      organizationId: team.admin.organizationId,
      adminId: team.admin.memberId,
      hiringManagerId: team.hiringManager.memberId,
      interviewerIds: team.interviewers.map((i) => i.memberId),
    };
    type Person = { sex: string; race: string; reportHire: boolean; hired: boolean; rating: 1 | 2 | 3 | 4 } | null;
    const people: Person[] = [
      ...Array.from({ length: 7 }, (_, i): Person => ({
        sex: 'female',
        race: i < 3 ? 'asian' : 'white',
        reportHire: i < 2,
        hired: i < 1,
        rating: i < 2 ? 3 : 2,
      })),
      ...Array.from({ length: 7 }, (_, i): Person => ({ sex: 'male', race: 'white', reportHire: i < 6, hired: i < 6, rating: i < 6 ? 4 : 3 })),
      { sex: 'decline_to_answer', race: 'decline_to_answer', reportHire: true, hired: true, rating: 3 },
      { sex: 'decline_to_answer', race: 'white', reportHire: false, hired: false, rating: 2 },
      null,
    ];
    for (const person of people) {
      const panel = await createPanel(t.dataSource, { members, interviews: 1 });
      roleId ??= panel.roleId;
      applicationIds.push(panel.applicationId);
      // Every application in one role (the panels were built with roles of their own).
      await t.dataSource.query(`UPDATE applications SET role_id = $2 WHERE id = $1`, [panel.applicationId, roleId]);
      const rating = person?.rating ?? 3;
      await writeScorecard(t.dataSource, panel, 0, { ratings: [rating, rating, rating], recommendation: rating >= 3 ? 'yes' : 'no' });
      await t.dataSource.query(
        `INSERT INTO calibration_reports (organization_id, application_id, version, inputs_hash, algorithm_version, recommendation, scorecard_count, report)
         VALUES ($1, $2, 1, 'fixture', 'fixture', $3, 1, '{}')`,
        [members.organizationId, panel.applicationId, person?.reportHire ? 'hire' : 'no_hire'],
      );
      if (person?.hired) {
        await t.dataSource.query(
          `INSERT INTO decisions (organization_id, application_id, decision, rationale, decided_by_member_id) VALUES ($1, $2, 'hire', 'Hired after a strong loop (fixture).', $3)`,
          [members.organizationId, panel.applicationId, members.hiringManagerId],
        );
      }
      if (person) {
        const link = await t.http
          .post(`/v1/applications/${panel.applicationId}/self-identification-link`)
          .set(team.recruiter.auth)
          .send({})
          .expect(201);
        await t.http
          .post(`/v1/self-identification/${link.body.url.split('/').pop()}`)
          .send({ sex: person.sex, raceEthnicity: person.race, veteranStatus: 'decline_to_answer', disability: 'no' })
          .expect(204);
      }
    }
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  /** GET /v1/fairness/adverse-impact: the audit, with the interviewers' names. */
  type AdverseImpactBody = AuditReport & { interviewerNames: Record<string, string> };
  const analysis = (body: AdverseImpactBody, stage: string, categories: string[]) =>
    body.stages.find((s) => s.stage === stage && s.categories.join() === categories.join())!;

  it('gives rates, impact ratios, the four-fifths flag, Fisher and z per stage, with unknowns and suppression', async () => {
    const res = await t.http.get(`/v1/fairness/adverse-impact?roleId=${roleId}`).set(compliance.auth).expect(200);
    const report: AdverseImpactBody = res.body;
    expect(report.applications).toBe(17);

    const hired = analysis(report, 'decision_hire', ['sex']);
    expect(hired.referenceGroup).toBe('male');
    const women = hired.groups.find((g) => g.group === 'female')!;
    expect(women).toMatchObject({ total: 7, selected: 1, suppressed: false, fourFifthsFlag: true, adverseImpact: true });
    expect(women.impactRatio).toBeCloseTo(1 / 6, 12);
    expect(women.fisherP).toBeCloseTo(fisherExactTwoSided({ a: 1, b: 6, c: 6, d: 1 }), 12);
    expect(women.fisherP).toBeCloseTo(0.02913752913752914, 10); // scipy.stats.fisher_exact([[1, 6], [6, 1]])
    expect(women.zTestP).toBeLessThan(0.05);
    // Declined (2) and never answered (1) are counted apart; one of them was hired.
    expect(hired.unknown).toEqual({ total: 3, selected: 1 });

    const recommended = analysis(report, 'report_hire', ['sex']).groups.find((g) => g.group === 'female')!;
    expect(recommended.impactRatio).toBeCloseTo(2 / 6, 12);

    // Intersection: female × asian has 3 people → suppressed; female × white 4 → suppressed; male × white 7 → shown.
    const intersection = analysis(report, 'decision_hire', ['sex', 'raceEthnicity']);
    expect(intersection.groups.find((g) => g.group === 'female × asian')).toMatchObject({
      total: 3,
      suppressed: true,
      selectionRate: null,
      impactRatio: null,
    });
    expect(intersection.groups.find((g) => g.group === 'male × white')).toMatchObject({ total: 7, suppressed: false });

    // Per dimension: women were rated lower on every dimension; Cohen's d is negative with an interval below zero.
    const dimension = report.dimensions.find((d) => d.category === 'sex' && d.group === 'female' && d.dimension === 'Dimension 1')!;
    expect(dimension).toMatchObject({ n: 7, nOthers: 7, suppressed: false });
    expect(dimension.high).toBeLessThan(0);
    // Per interviewer: 17 scorecards, under 20 → never flagged.
    const gap = report.interviewers.find((g) => g.category === 'sex' && g.group === 'female')!;
    expect(gap.gap).toBeLessThan(0);
    expect(gap.flagged).toBe(false);
    expect(report.interviewerNames[gap.interviewerId]).toBe('Alice Interviewer');
  });

  it('exports the impact table as CSV', async () => {
    const res = await t.http.get(`/v1/fairness/adverse-impact.csv?roleId=${roleId}`).set(compliance.auth).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'stage,categories,group,total,selected,selection_rate,impact_ratio,four_fifths_flag,fisher_p,z,z_test_p,adverse_impact,suppressed',
    );
    const women = lines.find((l) => l.startsWith('decision_hire,sex,female,'))!.split(',');
    expect(women.slice(3, 5)).toEqual(['7', '1']);
    expect(Number(women[6])).toBeCloseTo(1 / 6, 8);
    expect(women[11]).toBe('true');
    expect(lines).toContain('decision_hire,sex,unknown,3,1,,,,,,,,');
    expect(lines.find((l) => l.startsWith('decision_hire,sex x raceEthnicity,female × asian,'))!.endsWith(',true')).toBe(true);
  });

  it('exports the Cohen’s d and interviewer-gap tables as CSV (?table=), alone or all in one file, suppressed cells marked', async () => {
    const csv = async (table: string) =>
      (await t.http.get(`/v1/fairness/adverse-impact.csv?roleId=${roleId}&table=${table}`).set(compliance.auth).expect(200)).text
        .trim()
        .split('\r\n');
    const json: AdverseImpactBody = (await t.http.get(`/v1/fairness/adverse-impact?roleId=${roleId}`).set(compliance.auth).expect(200)).body;

    // The default is unchanged for existing clients.
    const impact = await csv('impact');
    expect(impact[0]).toBe(
      'stage,categories,group,total,selected,selection_rate,impact_ratio,four_fifths_flag,fisher_p,z,z_test_p,adverse_impact,suppressed',
    );
    expect(impact).toEqual(
      (await t.http.get(`/v1/fairness/adverse-impact.csv?roleId=${roleId}`).set(compliance.auth).expect(200)).text.trim().split('\r\n'),
    );

    const dimensions = await csv('dimensions');
    expect(dimensions[0]).toBe('dimension,categories,group,n,n_others,cohens_d,ci90_low,ci90_high,suppressed');
    expect(dimensions).toHaveLength(json.dimensions.length + 1);
    const women = dimensions.find((l) => l.startsWith('Dimension 1,sex,female,'))!.split(',');
    const expected = json.dimensions.find((d) => d.category === 'sex' && d.group === 'female' && d.dimension === 'Dimension 1')!;
    expect(women.slice(3, 5)).toEqual(['7', '7']);
    expect(Number(women[5])).toBeCloseTo(expected.d!, 8);
    expect(Number(women[5])).toBeLessThan(0);
    expect(Number(women[7])).toBeCloseTo(expected.high!, 8);
    expect(women[8]).toBe('false');

    const interviewers = await csv('interviewers');
    expect(interviewers[0]).toBe('interviewer_id,interviewer,categories,group,n,n_others,gap,ci90_low,ci90_high,flagged,suppressed');
    expect(interviewers).toHaveLength(json.interviewers.length + 1);
    const gap = json.interviewers.find((g) => g.category === 'sex' && g.group === 'female')!;
    const gapLine = interviewers.find((l) => l.startsWith(`${gap.interviewerId},Alice Interviewer,sex,female,`))!.split(',');
    expect(Number(gapLine[6])).toBeCloseTo(gap.gap!, 8);
    expect(gapLine[9]).toBe('false'); // 17 scorecards, under 20: never flagged

    // Suppressed cells stay marked, with blank statistics (in every table where there are any).
    for (const [lines, rows] of [
      [impact, json.stages.flatMap((s) => s.groups)],
      [dimensions, json.dimensions],
      [interviewers, json.interviewers],
    ] as const) {
      expect(lines.slice(1).filter((l) => l.split(',').at(-1) === 'true')).toHaveLength(rows.filter((r) => r.suppressed).length);
    }
    // 3 Asian applicants: under the minimum cell size, so no d, no interval, and the cell says why.
    expect(dimensions).toContain('Dimension 1,raceEthnicity,asian,3,12,,,,true');
    expect(interviewers).toContain(`${gap.interviewerId},Alice Interviewer,raceEthnicity,asian,3,12,,,,false,true`);

    // all: one file with a table column, every row of the three tables.
    const all = await csv('all');
    expect(all[0].split(',')[0]).toBe('table');
    expect(all[0].split(',').at(-1)).toBe('suppressed');
    const count = (table: string) => all.filter((l) => l.startsWith(`${table},`)).length;
    expect([count('impact'), count('dimensions'), count('interviewers')]).toEqual([
      impact.length - 1,
      dimensions.length - 1,
      interviewers.length - 1,
    ]);

    const bad = await t.http.get(`/v1/fairness/adverse-impact.csv?table=everything`).set(compliance.auth).expect(400);
    expect(bad.body.errors[0].field).toBe('table');
  });

  it('lists the roles (id, title, status) for the role filter, which compliance cannot read from /v1/roles', async () => {
    const denied = await t.http.get('/v1/roles').set(compliance.auth).expect(403);
    expect(denied.body.code).toBe('role_required');
    const res = await t.http.get('/v1/fairness/roles').set(compliance.auth).expect(200);
    const [own] = await t.dataSource.query(`SELECT id, title, status FROM roles WHERE id = $1`, [roleId]);
    expect(res.body.items).toContainEqual(own);
    const count = await t.dataSource.query(`SELECT count(*)::int AS n FROM roles WHERE organization_id = $1`, [team.admin.organizationId]);
    expect(res.body.items).toHaveLength(count[0].n);
    for (const item of res.body.items) expect(Object.keys(item).sort()).toEqual(['id', 'status', 'title']);
    // The filter's ids work in the report.
    await t.http.get(`/v1/fairness/adverse-impact?roleId=${res.body.items[0].id}`).set(compliance.auth).expect(200);

    for (const actor of [team.admin, team.recruiter, team.hiringManager, team.interviewers[0]]) {
      expect((await t.http.get('/v1/fairness/roles').set(actor.auth).expect(403)).body.code).toBe('role_required');
    }
    const otherAdmin = await signupOrganization(t);
    const otherCompliance = await addMember(t, otherAdmin, ['compliance']);
    const theirs = await t.http.get('/v1/fairness/roles').set(otherCompliance.auth).expect(200);
    expect(theirs.body.items.map((r: { id: string }) => r.id)).not.toContain(roleId);
  });

  it('leaves out the applications on whose panel the reader still owes feedback (blind rule), and says how many', async () => {
    const both = await addMember(t, team.admin, ['compliance', 'interviewer'], 'Quinn Compliance-Interviewer');
    const womenHired = (body: AdverseImpactBody) => analysis(body, 'decision_hire', ['sex']).groups.find((g) => g.group === 'female')!;
    const before = (await t.http.get(`/v1/fairness/adverse-impact?roleId=${roleId}`).set(both.auth).expect(200)).body;
    expect([before.applications, before.withheldApplications]).toEqual([17, 0]);
    expect(womenHired(before)).toMatchObject({ total: 7, selected: 1 });

    // Scheduled on the panel of the one woman hired, no feedback of their own yet: that application is left out.
    const [panelInterview] = await t.dataSource.query(`SELECT round_id, loop_version_id FROM interviews WHERE application_id = $1 LIMIT 1`, [
      applicationIds[0],
    ]);
    const [{ id: interviewId }] = await t.dataSource.query(
      `INSERT INTO interviews (organization_id, application_id, role_id, round_id, loop_version_id, interviewer_ids, starts_at, ends_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + interval '1 day', now() + interval '1 day 1 hour') RETURNING id`,
      [team.admin.organizationId, applicationIds[0], roleId, panelInterview.round_id, panelInterview.loop_version_id, [both.memberId]],
    );
    const blind = (await t.http.get(`/v1/fairness/adverse-impact?roleId=${roleId}`).set(both.auth).expect(200)).body;
    expect([blind.applications, blind.withheldApplications]).toEqual([16, 1]);
    expect(womenHired(blind)).toMatchObject({ total: 6, selected: 0 });
    // The other compliance reader is not on that panel: nothing withheld from them.
    const other = (await t.http.get(`/v1/fairness/adverse-impact?roleId=${roleId}`).set(compliance.auth).expect(200)).body;
    expect([other.applications, other.withheldApplications]).toEqual([17, 0]);

    // Taken off the panel: the application counts again.
    await t.dataSource.query(`UPDATE interviews SET status = 'cancelled' WHERE id = $1`, [interviewId]);
    const after = (await t.http.get(`/v1/fairness/adverse-impact?roleId=${roleId}`).set(both.auth).expect(200)).body;
    expect([after.applications, after.withheldApplications]).toEqual([17, 0]);
  });

  it('is for the compliance role only, and tenant-scoped', async () => {
    for (const actor of [team.admin, team.recruiter, team.hiringManager, team.interviewers[0]]) {
      for (const path of ['/v1/fairness/adverse-impact', '/v1/fairness/adverse-impact.csv']) {
        const denied = await t.http.get(path).set(actor.auth).expect(403);
        expect(denied.body.code).toBe('role_required');
      }
    }
    const otherAdmin = await signupOrganization(t);
    const otherCompliance = await addMember(t, otherAdmin, ['compliance']);
    await t.http.get(`/v1/fairness/adverse-impact?roleId=${roleId}`).set(otherCompliance.auth).expect(404);
    const theirs = await t.http.get('/v1/fairness/adverse-impact').set(otherCompliance.auth).expect(200);
    expect(theirs.body.applications).toBe(0);
    const bad = await t.http.get('/v1/fairness/adverse-impact?roleId=nope').set(compliance.auth).expect(400);
    expect(bad.body.errors[0].field).toBe('roleId');
  });
});
