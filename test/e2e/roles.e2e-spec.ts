import { randomUUID } from 'node:crypto';
import { Actor, addMember, createTeam, createTestApp, signupOrganization, TestApp } from '@hireloop/testing';

type Team = Awaited<ReturnType<typeof createTeam>>;
interface Issue {
  field: string;
  code: string;
  message: string;
}

const rubric = (name: string) => ({
  '1': `${name}: strong no`,
  '2': `${name}: no`,
  '3': `${name}: meets the bar`,
  '4': `${name}: exceeds the bar`,
});

const fields = (issues: Issue[]) => issues.map((i) => i.field);

describe('roles: hand-built loops, readiness, versions, permissions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function createRole(actor: Actor, body: Record<string, unknown> = {}) {
    const res = await t.http
      .post('/v1/roles')
      .set(actor.auth)
      .send({ title: 'Senior Applied Scientist', level: 'L6', department: 'Applied Science', location: 'Berlin', ...body })
      .expect(201);
    return res.body;
  }

  async function addDimension(actor: Actor, roleId: string, name: string, weight: number, extra: Record<string, unknown> = {}) {
    const res = await t.http
      .post(`/v1/roles/${roleId}/dimensions`)
      .set(actor.auth)
      .send({ name, weight, rubric: rubric(name), ...extra })
      .expect(201);
    return res.body;
  }

  async function addRound(actor: Actor, roleId: string, name: string, focusDimensionIds: string[], extra: Record<string, unknown> = {}) {
    const res = await t.http
      .post(`/v1/roles/${roleId}/rounds`)
      .set(actor.auth)
      .send({ name, kind: 'technical', durationMinutes: 60, focusDimensionIds, ...extra })
      .expect(201);
    return res.body;
  }

  /** A role with dimensions A (60) and B (40), each the focus of two rounds; ready to open. */
  async function readyRole(team: Team) {
    const role = await createRole(team.recruiter, { hiringManagerId: team.hiringManager.memberId });
    const a = (await addDimension(team.recruiter, role.id, 'Modeling depth', 60)).dimension;
    const b = (await addDimension(team.recruiter, role.id, 'Communication', 40)).dimension;
    const r1 = (await addRound(team.recruiter, role.id, 'Technical deep dive', [a.id, b.id])).round;
    const r2 = (await addRound(team.recruiter, role.id, 'Behavioral', [a.id, b.id], { kind: 'behavioral', durationMinutes: 45 })).round;
    return { roleId: role.id as string, a, b, r1, r2 };
  }

  describe('a loop built by hand', () => {
    it('shows the weight sum and what is missing while drafting, refuses to open until ready, then opens with warnings', async () => {
      const team = await createTeam(t);
      const created = await createRole(team.recruiter, { hiringManagerId: team.hiringManager.memberId });
      expect(created).toMatchObject({
        title: 'Senior Applied Scientist',
        level: 'L6',
        department: 'Applied Science',
        location: 'Berlin',
        status: 'draft',
        hiringManagerId: team.hiringManager.memberId,
        hiringManagerName: team.hiringManager.name,
        hirePolicy: { bar: 3, floor: 2, minCoverage: 0.8, minInterviewers: 3, margin: 0.5, adjustForLeniency: true },
        loopVersion: { id: expect.any(String), number: 1 },
        weightSum: 0,
        dimensions: [],
        rounds: [],
        readiness: { canOpen: false },
      });
      expect(created.readiness.errors.map((e: Issue) => e.code)).toEqual(['no_dimensions', 'no_rounds']);
      // The roles list names the hiring manager too; a role without one says null.
      const blank = await createRole(team.recruiter, { title: 'No manager yet' });
      expect(blank.hiringManagerName).toBeNull();
      const listed = await t.http.get('/v1/roles?limit=100').set(team.recruiter.auth).expect(200);
      expect(listed.body.items.find((r: { id: string }) => r.id === created.id)).toMatchObject({ hiringManagerName: team.hiringManager.name });
      expect(listed.body.items.find((r: { id: string }) => r.id === blank.id)).toMatchObject({ hiringManagerId: null, hiringManagerName: null });

      const a = await addDimension(team.recruiter, created.id, 'Problem framing', 60, {
        description: 'Turns a vague problem into a measurable objective',
        signals: { strong: ['Scopes before solving'], weak: ['Jumps to a model'], redFlags: ['Cannot define success'] },
      });
      expect(a.dimension).toMatchObject({
        name: 'Problem framing',
        weight: 60,
        position: 1,
        rubric: rubric('Problem framing'),
        signals: { strong: ['Scopes before solving'], weak: ['Jumps to a model'], redFlags: ['Cannot define success'] },
      });
      expect(a.role.weightSum).toBe(60);
      const weightError = a.role.readiness.errors.find((e: Issue) => e.field === 'weightSum');
      expect(weightError).toEqual({
        field: 'weightSum',
        code: 'weights_must_sum_to_100',
        message: 'Dimension weights must sum to 100 (±0.01); they currently sum to 60.',
      });

      const b = await addDimension(team.recruiter, created.id, 'Data skills', 39.995);
      expect(b.role.weightSum).toBe(99.995);
      expect(fields(b.role.readiness.errors)).not.toContain('weightSum');

      const notReady = await t.http.post(`/v1/roles/${created.id}/open`).set(team.recruiter.auth).expect(422);
      expect(notReady.headers['content-type']).toContain('application/problem+json');
      expect(notReady.body).toMatchObject({ status: 422, code: 'loop_not_ready' });
      expect(notReady.body.errors).toEqual([
        { field: 'rounds', code: 'no_rounds', message: 'The loop needs at least one interview round.' },
        {
          field: `dimensions.${a.dimension.id}`,
          code: 'dimension_not_covered',
          message: 'Dimension "Problem framing" is not the focus of any round; make it a focus of at least one round (tick it in the coverage grid).',
        },
        {
          field: `dimensions.${b.dimension.id}`,
          code: 'dimension_not_covered',
          message: 'Dimension "Data skills" is not the focus of any round; make it a focus of at least one round (tick it in the coverage grid).',
        },
      ]);

      const question = await t.http
        .post('/v1/questions')
        .set(team.recruiter.auth)
        .send({ prompt: 'Design an A/B test for a ranking change.', tags: ['Experimentation'] })
        .expect(201);
      const r1 = await addRound(team.recruiter, created.id, 'System design', [a.dimension.id, b.dimension.id], {
        kind: 'system_design',
        questionIds: [question.body.id],
      });
      expect(r1.round).toMatchObject({
        name: 'System design',
        kind: 'system_design',
        durationMinutes: 60,
        position: 1,
        focusDimensionIds: [a.dimension.id, b.dimension.id],
        questionIds: [question.body.id],
      });
      const r2 = await addRound(team.recruiter, created.id, 'Screen', [], { kind: 'screen', durationMinutes: 30, position: 1 });
      expect(r2.role.rounds.map((r: { name: string }) => r.name)).toEqual(['Screen', 'System design']);
      expect(r2.role.readiness.errors).toEqual([
        {
          field: `rounds.${r2.round.id}.focusDimensionIds`,
          code: 'round_without_focus',
          message: 'Round "Screen" has no focus dimension; give it at least one.',
        },
      ]);

      await t.http
        .patch(`/v1/roles/${created.id}/rounds/${r2.round.id}`)
        .set(team.recruiter.auth)
        .send({ focusDimensionIds: [a.dimension.id] })
        .expect(200);
      const opened = await t.http.post(`/v1/roles/${created.id}/open`).set(team.recruiter.auth).expect(200);
      expect(opened.body).toMatchObject({ status: 'open', openedAt: expect.any(String), closedAt: null, readiness: { canOpen: true, errors: [] } });
      expect(opened.body.readiness.warnings).toEqual([
        {
          field: `dimensions.${b.dimension.id}`,
          code: 'dimension_in_one_round',
          message:
            'Dimension "Data skills" is assessed only in round "System design"; good practice is to assess each dimension in at least 2 interviews.',
        },
      ]);
      // opening an open role again changes nothing
      await t.http.post(`/v1/roles/${created.id}/open`).set(team.recruiter.auth).expect(200);

      const role = (await t.http.get(`/v1/roles/${created.id}`).set(team.recruiter.auth).expect(200)).body;
      expect(role.dimensions.map((d: { name: string; weight: number }) => [d.name, d.weight])).toEqual([
        ['Problem framing', 60],
        ['Data skills', 39.995],
      ]);
      expect(role.rounds.map((r: { name: string; focusDimensionIds: string[] }) => [r.name, r.focusDimensionIds])).toEqual([
        ['Screen', [a.dimension.id]],
        ['System design', [a.dimension.id, b.dimension.id]],
      ]);

      // The current loop version mirrors the live loop, questions embedded.
      const version = (await t.http.get(`/v1/roles/${created.id}/loop-versions/${role.loopVersion.id}`).set(team.recruiter.auth).expect(200)).body;
      expect(version).toMatchObject({ number: 1, current: true, scorecardCount: 0 });
      expect(version.snapshot.dimensions.map((d: { id: string; weight: number }) => [d.id, d.weight])).toEqual([
        [a.dimension.id, 60],
        [b.dimension.id, 39.995],
      ]);
      expect(version.snapshot.dimensions[0].signals).toEqual({
        strong: ['Scopes before solving'],
        weak: ['Jumps to a model'],
        redFlags: ['Cannot define success'],
      });
      expect(version.snapshot.rounds[1].questions).toEqual([
        {
          id: question.body.id,
          prompt: 'Design an A/B test for a ranking change.',
          pointsOfAssessment: [],
          pitfalls: [],
          followUps: [],
          tags: ['experimentation'],
        },
      ]);

      // Close, close again (no-op), reopen.
      const closed = await t.http.post(`/v1/roles/${created.id}/close`).set(team.recruiter.auth).expect(200);
      expect(closed.body).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
      await t.http.post(`/v1/roles/${created.id}/close`).set(team.recruiter.auth).expect(200);
      const reopened = await t.http.post(`/v1/roles/${created.id}/open`).set(team.admin.auth).expect(200);
      expect(reopened.body).toMatchObject({ status: 'open', closedAt: null });

      const audit = await t.http.get(`/v1/audit-log?limit=100`).set(team.admin.auth).expect(200);
      const actions = audit.body.items.map((i: { action: string }) => i.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'role.created',
          'dimension.created',
          'round.created',
          'round.updated',
          'role.opened',
          'role.closed',
          'role.reopened',
        ]),
      );
      const opening = audit.body.items.find((i: { action: string }) => i.action === 'role.opened');
      expect(opening).toMatchObject({
        entityType: 'role',
        entityId: created.id,
        actorMemberId: team.recruiter.memberId,
        before: { status: 'draft' },
        after: { status: 'open' },
      });
    });

    it('refuses to close a draft (409) and lists roles newest first with a cursor', async () => {
      const team = await createTeam(t);
      const first = await createRole(team.recruiter, { title: 'First' });
      const second = await createRole(team.recruiter, { title: 'Second' });
      const res = await t.http.post(`/v1/roles/${first.id}/close`).set(team.recruiter.auth).expect(409);
      expect(res.body.code).toBe('role_not_open');

      const page1 = await t.http.get('/v1/roles?limit=1').set(team.recruiter.auth).expect(200);
      expect(page1.body.items.map((r: { id: string }) => r.id)).toEqual([second.id]);
      const page2 = await t.http.get(`/v1/roles?limit=1&cursor=${page1.body.nextCursor}`).set(team.recruiter.auth).expect(200);
      expect(page2.body).toEqual({ items: [expect.objectContaining({ id: first.id, title: 'First', status: 'draft' })], nextCursor: null });
      const drafts = await t.http.get('/v1/roles?status=open').set(team.recruiter.auth).expect(200);
      expect(drafts.body.items).toEqual([]);
      await t.http.get('/v1/roles?status=archived').set(team.recruiter.auth).expect(400);
    });

    it('reorders dimensions and rounds by position and renumbers the others', async () => {
      const team = await createTeam(t);
      const { roleId, a, b, r1, r2 } = await readyRole(team);
      const c = (await addDimension(team.recruiter, roleId, 'Coding', 10, { position: 1 })).dimension;
      let role = (await t.http.get(`/v1/roles/${roleId}`).set(team.recruiter.auth).expect(200)).body;
      expect(role.dimensions.map((d: { id: string; position: number }) => [d.id, d.position])).toEqual([
        [c.id, 1],
        [a.id, 2],
        [b.id, 3],
      ]);
      role = (await t.http.patch(`/v1/roles/${roleId}/dimensions/${c.id}`).set(team.recruiter.auth).send({ position: 99 }).expect(200)).body.role;
      expect(role.dimensions.map((d: { id: string }) => d.id)).toEqual([a.id, b.id, c.id]);
      role = (await t.http.patch(`/v1/roles/${roleId}/rounds/${r2.id}`).set(team.recruiter.auth).send({ position: 1 }).expect(200)).body.role;
      expect(role.rounds.map((r: { id: string; position: number }) => [r.id, r.position])).toEqual([
        [r2.id, 1],
        [r1.id, 2],
      ]);
    });
  });

  describe('validation', () => {
    it('rejects bad dimension input with field-level errors', async () => {
      const team = await createTeam(t);
      const role = await createRole(team.recruiter);
      const post = (body: Record<string, unknown>) => t.http.post(`/v1/roles/${role.id}/dimensions`).set(team.recruiter.auth).send(body);

      const cases: [Record<string, unknown>, string[]][] = [
        [{ name: 'X', weight: 0, rubric: rubric('X') }, ['weight']],
        [{ name: 'X', weight: -5, rubric: rubric('X') }, ['weight']],
        [{ name: 'X', weight: 100.5, rubric: rubric('X') }, ['weight']],
        [{ name: 'X', weight: '20', rubric: rubric('X') }, ['weight']],
        [{ name: 'X', weight: 12.3456, rubric: rubric('X') }, ['weight']],
        [{ name: '', weight: 10, rubric: rubric('X') }, ['name']],
        [{ name: 'X', weight: 10 }, ['rubric']],
        [{ name: 'X', weight: 10, rubric: { '1': 'a', '2': 'b', '3': 'c' } }, ['rubric.4']],
        // Levels 1–5 are anchors of some scale ('5' is kept on a 4-point role for a later change of scale); '6' is none.
        [{ name: 'X', weight: 10, rubric: { ...rubric('X'), '6': 'beyond' } }, ['rubric.6']],
        [{ name: 'X', weight: 10, rubric: { ...rubric('X'), '2': '   ' } }, ['rubric.2']],
        [{ name: 'X', weight: 10, rubric: rubric('X'), signals: { strong: ['ok', 7] } }, ['signals.strong']],
        [{ name: 'X', weight: 10, rubric: rubric('X'), signals: { maybe: [] } }, ['signals.maybe']],
        [{ name: 'X', weight: 10, rubric: rubric('X'), colour: 'red' }, ['colour']],
      ];
      for (const [body, expected] of cases) {
        const res = await post(body).expect(400);
        expect(res.body).toMatchObject({ status: 400, code: 'validation_failed' });
        expect([...new Set(fields(res.body.errors))]).toEqual(expected);
      }
      const weightError = (await post({ name: 'X', weight: 0, rubric: rubric('X') })).body.errors[0];
      expect(weightError.message).toBe('Weight: enter more than 0.');

      await addDimension(team.recruiter, role.id, 'Data skills', 10);
      const dup = await post({ name: '  DATA SKILLS ', weight: 10, rubric: rubric('X') }).expect(409);
      expect(dup.body).toMatchObject({ code: 'dimension_name_taken', errors: [{ field: 'name' }] });

      // Nothing was stored by the refused requests.
      const stored = (await t.http.get(`/v1/roles/${role.id}`).set(team.recruiter.auth).expect(200)).body;
      expect(stored.dimensions.map((d: { name: string }) => d.name)).toEqual(['Data skills']);
      expect(stored.weightSum).toBe(10);
    });

    it('rejects bad round input, naming the offending ids', async () => {
      const team = await createTeam(t);
      const role = await createRole(team.recruiter);
      const other = await createRole(team.recruiter, { title: 'Other' });
      const own = (await addDimension(team.recruiter, role.id, 'Own', 100)).dimension;
      const foreign = (await addDimension(team.recruiter, other.id, 'Foreign', 100)).dimension;
      const post = (body: Record<string, unknown>) =>
        t.http
          .post(`/v1/roles/${role.id}/rounds`)
          .set(team.recruiter.auth)
          .send({ name: 'R', kind: 'coding', durationMinutes: 60, ...body });

      const cases: [Record<string, unknown>, string[]][] = [
        [{ kind: 'lunch' }, ['kind']],
        [{ durationMinutes: 3 }, ['durationMinutes']],
        [{ durationMinutes: 601 }, ['durationMinutes']],
        [{ durationMinutes: 45.5 }, ['durationMinutes']],
        [{ name: '   ' }, ['name']],
        [{ focusDimensionIds: ['not-a-uuid'] }, ['focusDimensionIds']],
        [{ focusDimensionIds: [own.id, own.id] }, ['focusDimensionIds']],
        [{ focusDimensionIds: [own.id, foreign.id] }, ['focusDimensionIds.1']],
        [{ questionIds: [randomUUID()] }, ['questionIds.0']],
      ];
      for (const [body, expected] of cases) {
        const res = await post(body).expect(400);
        expect([...new Set(fields(res.body.errors))]).toEqual(expected);
      }
      const foreignRes = await post({ focusDimensionIds: [foreign.id] }).expect(400);
      expect(foreignRes.body.errors[0].message).toBe("Focus dimensions, item 1: choose among the role's dimensions.");
      const stored = (await t.http.get(`/v1/roles/${role.id}`).set(team.recruiter.auth).expect(200)).body;
      expect(stored.rounds).toEqual([]);
    });

    it('validates role fields, the hiring manager and the hire policy', async () => {
      const team = await createTeam(t);
      const other = await signupOrganization(t);
      const otherManager = await addMember(t, other, ['hiring_manager']);

      const missingTitle = await t.http.post('/v1/roles').set(team.recruiter.auth).send({ level: 'L5' }).expect(400);
      expect(fields(missingTitle.body.errors)).toContain('title');
      for (const hiringManagerId of [team.interviewers[0].memberId, otherManager.memberId, randomUUID()]) {
        const res = await t.http.post('/v1/roles').set(team.recruiter.auth).send({ title: 'X', hiringManagerId }).expect(400);
        expect(res.body.errors).toEqual([
          { field: 'hiringManagerId', code: 'not_a_hiring_manager', message: expect.stringContaining('hiring_manager') },
        ]);
      }
      const badPolicy = await t.http
        .post('/v1/roles')
        .set(team.recruiter.auth)
        .send({ title: 'X', hirePolicy: { bar: 6, minCoverage: 2, minInterviewers: 2.5 } })
        .expect(400);
      expect(fields(badPolicy.body.errors).sort()).toEqual(['hirePolicy.bar', 'hirePolicy.minCoverage', 'hirePolicy.minInterviewers']);
      // bar, floor and margin are then checked on the role's scale (the request's shape allows up to 5, the 5-point top).
      const offScale = await t.http
        .post('/v1/roles')
        .set(team.recruiter.auth)
        .send({ title: 'X', hirePolicy: { bar: 5 } })
        .expect(400);
      expect(offScale.body.errors).toEqual([
        { field: 'hirePolicy.bar', code: 'out_of_range', message: "Hire policy bar: must be between 1 and 4 on the role's four_point scale." },
      ]);

      const role = await createRole(team.recruiter, { hirePolicy: { bar: 3.2 } });
      expect(role.hirePolicy).toEqual({
        bar: 3.2,
        floor: 2,
        minCoverage: 0.8,
        minInterviewers: 3,
        margin: 0.5,
        adjustForLeniency: true,
        everyDimensionMeets: false,
      });

      const floorAboveBar = await t.http
        .patch(`/v1/roles/${role.id}`)
        .set(team.recruiter.auth)
        .send({ hirePolicy: { floor: 3.5 } })
        .expect(400);
      expect(floorAboveBar.body.errors).toEqual([
        { field: 'hirePolicy.floor', code: 'floor_above_bar', message: 'Hire policy floor: (3.5) must not be above hire policy bar (3.2).' },
      ]);
      const patched = await t.http
        .patch(`/v1/roles/${role.id}`)
        .set(team.recruiter.auth)
        .send({
          title: '  Staff Applied Scientist ',
          level: null,
          hiringManagerId: team.hiringManager.memberId,
          hirePolicy: { margin: 0.25, adjustForLeniency: false },
        })
        .expect(200);
      expect(patched.body).toMatchObject({
        title: 'Staff Applied Scientist',
        level: null,
        department: 'Applied Science',
        hiringManagerId: team.hiringManager.memberId,
        hirePolicy: { bar: 3.2, floor: 2, minCoverage: 0.8, minInterviewers: 3, margin: 0.25, adjustForLeniency: false },
      });
      await t.http.patch(`/v1/roles/${role.id}`).set(team.recruiter.auth).send({ title: null }).expect(400);
      await t.http.patch(`/v1/roles/${role.id}`).set(team.recruiter.auth).send({ status: 'open' }).expect(400);

      const audit = await t.http.get(`/v1/audit-log?entityId=${role.id}&action=role.updated`).set(team.admin.auth).expect(200);
      expect(audit.body.items[0]).toMatchObject({
        before: { title: 'Senior Applied Scientist', level: 'L6', hiringManagerId: null },
        after: { title: 'Staff Applied Scientist', level: null, hiringManagerId: team.hiringManager.memberId },
      });
    });
  });

  describe('an open role stays ready', () => {
    it('refuses changes that would break it, and allows rebalancing weights in one step', async () => {
      const team = await createTeam(t);
      const { roleId, a, b, r1 } = await readyRole(team);
      await t.http.post(`/v1/roles/${roleId}/open`).set(team.recruiter.auth).expect(200);

      const oneWeight = await t.http.patch(`/v1/roles/${roleId}/dimensions/${a.id}`).set(team.recruiter.auth).send({ weight: 50 }).expect(409);
      expect(oneWeight.body).toMatchObject({
        code: 'open_role_must_stay_ready',
        errors: [{ field: 'weightSum', message: expect.stringContaining('currently sum to 90') }],
      });

      const added = await t.http
        .post(`/v1/roles/${roleId}/dimensions`)
        .set(team.recruiter.auth)
        .send({ name: 'New', weight: 10, rubric: rubric('New') })
        .expect(409);
      expect(fields(added.body.errors)).toEqual(expect.arrayContaining(['weightSum']));

      const deleteDim = await t.http.delete(`/v1/roles/${roleId}/dimensions/${b.id}`).set(team.recruiter.auth).expect(409);
      expect(deleteDim.body.code).toBe('role_open');
      expect(deleteDim.body.detail).toContain('summing to 60');

      await t.http.patch(`/v1/roles/${roleId}/rounds/${r1.id}`).set(team.recruiter.auth).send({ focusDimensionIds: [] }).expect(409);
      await t.http.patch(`/v1/roles/${roleId}`).set(team.recruiter.auth).send({ hiringManagerId: null }).expect(409);

      const bad = await t.http
        .put(`/v1/roles/${roleId}/weights`)
        .set(team.recruiter.auth)
        .send({
          weights: [
            { dimensionId: a.id, weight: 50 },
            { dimensionId: randomUUID(), weight: 50 },
          ],
        })
        .expect(400);
      expect(fields(bad.body.errors)).toEqual(['weights.1.dimensionId']);

      const rebalanced = await t.http
        .put(`/v1/roles/${roleId}/weights`)
        .set(team.recruiter.auth)
        .send({
          weights: [
            { dimensionId: a.id, weight: 50 },
            { dimensionId: b.id, weight: 50 },
          ],
        })
        .expect(200);
      expect(rebalanced.body).toMatchObject({ status: 'open', weightSum: 100, readiness: { canOpen: true } });
      expect(rebalanced.body.dimensions.map((d: { weight: number }) => d.weight)).toEqual([50, 50]);

      // A round that only shares focus may go; the rest of the loop still covers every dimension.
      const r3 = (await addRound(team.recruiter, roleId, 'Extra', [a.id])).round;
      await t.http.delete(`/v1/roles/${roleId}/rounds/${r3.id}`).set(team.recruiter.auth).expect(200);
      // Closed roles can be restructured freely; reopening checks readiness again.
      await t.http.post(`/v1/roles/${roleId}/close`).set(team.recruiter.auth).expect(200);
      await t.http.patch(`/v1/roles/${roleId}/dimensions/${a.id}`).set(team.recruiter.auth).send({ weight: 40 }).expect(200);
      const reopen = await t.http.post(`/v1/roles/${roleId}/open`).set(team.recruiter.auth).expect(422);
      expect(fields(reopen.body.errors)).toEqual(['weightSum']);
    });

    it('removes a deleted dimension from the rounds that focused on it (draft role)', async () => {
      const team = await createTeam(t);
      const { roleId, a, b, r1, r2 } = await readyRole(team);
      const res = await t.http.delete(`/v1/roles/${roleId}/dimensions/${b.id}`).set(team.recruiter.auth).expect(200);
      expect(res.body.dimensions.map((d: { id: string; position: number }) => [d.id, d.position])).toEqual([[a.id, 1]]);
      expect(res.body.rounds.map((r: { id: string; focusDimensionIds: string[] }) => [r.id, r.focusDimensionIds])).toEqual([
        [r1.id, [a.id]],
        [r2.id, [a.id]],
      ]);
      expect(res.body.weightSum).toBe(60);
      await t.http.delete(`/v1/roles/${roleId}/dimensions/${b.id}`).set(team.recruiter.auth).expect(404);
    });
  });

  describe('history is never rewritten', () => {
    /** Feedback made against the role's current loop version, inserted directly (the scorecard feature is another issue). */
    async function insertScorecard(team: Team, roleId: string, roundId: string, dimensionId: string, loopVersionId: string) {
      const orgId = team.admin.organizationId;
      const interviewer = team.interviewers[0].memberId;
      const [candidate] = await t.dataSource.query(
        `INSERT INTO candidates (organization_id, name, email) VALUES ($1, 'Casey Candidate', $2) RETURNING id`,
        [orgId, `casey-${randomUUID().slice(0, 8)}@example.test`],
      );
      const [application] = await t.dataSource.query(
        `INSERT INTO applications (organization_id, candidate_id, role_id) VALUES ($1, $2, $3) RETURNING id`,
        [orgId, candidate.id, roleId],
      );
      const [interview] = await t.dataSource.query(
        `INSERT INTO interviews (organization_id, application_id, role_id, round_id, loop_version_id, interviewer_ids, starts_at, ends_at)
         VALUES ($1, $2, $3, $4, $5, ARRAY[$6]::uuid[], now() - interval '2 hours', now() - interval '1 hour') RETURNING id`,
        [orgId, application.id, roleId, roundId, loopVersionId, interviewer],
      );
      const ratings = [
        { dimensionId, rating: 3, evidence: 'Framed the metric and guardrails before modeling.', notAssessed: false, notAssessedReason: null },
      ];
      const [scorecard] = await t.dataSource.query(
        `INSERT INTO scorecards (organization_id, application_id, interview_id, interviewer_id, loop_version_id, status, revision, ratings, recommendation, submitted_at)
         VALUES ($1, $2, $3, $4, $5, 'submitted', 1, $6, 'yes', now()) RETURNING id`,
        [orgId, application.id, interview.id, interviewer, loopVersionId, JSON.stringify(ratings)],
      );
      await t.dataSource.query(
        `INSERT INTO scorecard_ratings (scorecard_id, dimension_id, organization_id, application_id, role_id, interviewer_id, rating) VALUES ($1, $2, $3, $4, $5, $6, 3)`,
        [scorecard.id, dimensionId, orgId, application.id, roleId, interviewer],
      );
      return scorecard.id as string;
    }

    it('makes a new loop version once feedback exists; the scorecard and the old snapshot stay as they were', async () => {
      const team = await createTeam(t);
      const { roleId, a, b, r1 } = await readyRole(team);
      const opened = (await t.http.post(`/v1/roles/${roleId}/open`).set(team.recruiter.auth).expect(200)).body;
      const v1 = opened.loopVersion;
      expect(v1.number).toBe(1);

      // Before any feedback, edits overwrite version 1 in place.
      const renamed = await t.http
        .patch(`/v1/roles/${roleId}/rounds/${r1.id}`)
        .set(team.recruiter.auth)
        .send({ name: 'Technical deep dive (ML)' })
        .expect(200);
      expect(renamed.body.role.loopVersion).toEqual(v1);

      const scorecardId = await insertScorecard(team, roleId, r1.id, a.id, v1.id);
      const v1Before = (await t.http.get(`/v1/roles/${roleId}/loop-versions/${v1.id}`).set(team.recruiter.auth).expect(200)).body;
      expect(v1Before.scorecardCount).toBe(1);

      // Change the weights: version 2 becomes current.
      const changed = await t.http
        .put(`/v1/roles/${roleId}/weights`)
        .set(team.recruiter.auth)
        .send({
          weights: [
            { dimensionId: a.id, weight: 70 },
            { dimensionId: b.id, weight: 30 },
          ],
        })
        .expect(200);
      expect(changed.body.loopVersion.number).toBe(2);
      const v2 = changed.body.loopVersion;
      expect(v2.id).not.toBe(v1.id);

      const v1After = (await t.http.get(`/v1/roles/${roleId}/loop-versions/${v1.id}`).set(team.recruiter.auth).expect(200)).body;
      expect(v1After.snapshot).toEqual(v1Before.snapshot);
      expect(v1After.snapshot.dimensions.map((d: { weight: number }) => d.weight)).toEqual([60, 40]);
      expect(v1After).toMatchObject({ current: false, scorecardCount: 1 });
      const [scorecard] = await t.dataSource.query(`SELECT loop_version_id FROM scorecards WHERE id = $1`, [scorecardId]);
      expect(scorecard.loop_version_id).toBe(v1.id);

      // Version 2 has no feedback yet: further edits (weights, rubric) update it in place.
      const rubricChange = await t.http
        .patch(`/v1/roles/${roleId}/dimensions/${a.id}`)
        .set(team.recruiter.auth)
        .send({ rubric: { ...rubric('Modeling depth'), '3': 'Sound baselines and error analysis' } })
        .expect(200);
      expect(rubricChange.body.role.loopVersion).toEqual(v2);
      const v2Snapshot = (await t.http.get(`/v1/roles/${roleId}/loop-versions/${v2.id}`).set(team.recruiter.auth).expect(200)).body.snapshot;
      expect(v2Snapshot.dimensions[0]).toMatchObject({ weight: 70, rubric: { '3': 'Sound baselines and error analysis' } });

      // A change that leaves the loop as it is makes no version.
      await t.http.patch(`/v1/roles/${roleId}/dimensions/${a.id}`).set(team.recruiter.auth).send({ weight: 70 }).expect(200);
      const versions = (await t.http.get(`/v1/roles/${roleId}/loop-versions`).set(team.recruiter.auth).expect(200)).body;
      expect(
        versions.items.map((v: { number: number; current: boolean; scorecardCount: number }) => [v.number, v.current, v.scorecardCount]),
      ).toEqual([
        [2, true, 0],
        [1, false, 1],
      ]);
      expect(versions.nextCursor).toBeNull();
      const first = (await t.http.get(`/v1/roles/${roleId}/loop-versions?limit=1`).set(team.recruiter.auth).expect(200)).body;
      expect(first.items.map((v: { number: number }) => v.number)).toEqual([2]);
      const second = (await t.http.get(`/v1/roles/${roleId}/loop-versions?limit=1&cursor=${first.nextCursor}`).set(team.recruiter.auth).expect(200))
        .body;
      expect(second.items.map((v: { number: number }) => v.number)).toEqual([1]);
      expect(second.nextCursor).toBeNull();

      const audit = await t.http.get(`/v1/audit-log?entityId=${roleId}&action=loop_version.created`).set(team.admin.auth).expect(200);
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0]).toMatchObject({ before: { loopVersionId: v1.id }, after: { loopVersionId: v2.id, number: 2 } });
    });

    it('answers 409 when deleting a rated dimension or a round with interviews, even on a closed role', async () => {
      const team = await createTeam(t);
      const { roleId, a, r1 } = await readyRole(team);
      const role = (await t.http.post(`/v1/roles/${roleId}/open`).set(team.recruiter.auth).expect(200)).body;
      await insertScorecard(team, roleId, r1.id, a.id, role.loopVersion.id);
      await t.http.post(`/v1/roles/${roleId}/close`).set(team.recruiter.auth).expect(200);

      const dim = await t.http.delete(`/v1/roles/${roleId}/dimensions/${a.id}`).set(team.recruiter.auth).expect(409);
      expect(dim.body).toMatchObject({ status: 409, code: 'dimension_in_use', scorecardCount: 1 });
      expect(dim.body.detail).toContain('Dimension "Modeling depth" is rated on 1 scorecard(s)');
      const round = await t.http.delete(`/v1/roles/${roleId}/rounds/${r1.id}`).set(team.recruiter.auth).expect(409);
      expect(round.body).toMatchObject({ code: 'round_in_use', interviewCount: 1 });
      expect(round.body.detail).toContain('Round "Technical deep dive"');

      const after = (await t.http.get(`/v1/roles/${roleId}`).set(team.recruiter.auth).expect(200)).body;
      expect(after.dimensions.map((d: { id: string }) => d.id)).toContain(a.id);
      expect(after.rounds.map((r: { id: string }) => r.id)).toContain(r1.id);
      expect(after.loopVersion.number).toBe(1);
    });
  });

  describe('cloning', () => {
    it('copies fields, policy, dimensions, rounds (focus remapped) and question links into a new draft', async () => {
      const team = await createTeam(t);
      const { roleId, a, b } = await readyRole(team);
      const question = (
        await t.http.post('/v1/questions').set(team.recruiter.auth).send({ prompt: 'Tell me about a model you shipped.' }).expect(201)
      ).body;
      const r3 = (await addRound(team.recruiter, roleId, 'Deep dive', [b.id], { questionIds: [question.id] })).round;
      await t.http
        .patch(`/v1/roles/${roleId}`)
        .set(team.recruiter.auth)
        .send({ hirePolicy: { bar: 3.25 } })
        .expect(200);
      await t.http.post(`/v1/roles/${roleId}/open`).set(team.recruiter.auth).expect(200);
      const source = (await t.http.get(`/v1/roles/${roleId}`).set(team.recruiter.auth).expect(200)).body;

      const clone = (await t.http.post(`/v1/roles/${roleId}/clone`).set(team.recruiter.auth).send({ title: 'Applied Scientist II' }).expect(201))
        .body;
      expect(clone).toMatchObject({
        title: 'Applied Scientist II',
        level: 'L6',
        status: 'draft',
        clonedFromRoleId: roleId,
        hiringManagerId: team.hiringManager.memberId,
        hirePolicy: { ...source.hirePolicy, bar: 3.25 },
        loopVersion: { number: 1 },
        weightSum: 100,
        readiness: { canOpen: true, errors: [] },
      });
      expect(clone.id).not.toBe(roleId);
      const strip = (d: { id: string }) => ({ ...d, id: undefined });
      expect(clone.dimensions.map(strip)).toEqual(source.dimensions.map(strip));
      expect(clone.dimensions.map((d: { id: string }) => d.id)).not.toContain(a.id);
      const newIdOf = new Map(source.dimensions.map((d: { id: string }, i: number) => [d.id, clone.dimensions[i].id]));
      expect(
        clone.rounds.map((r: { name: string; focusDimensionIds: string[]; questionIds: string[] }) => [r.name, r.focusDimensionIds, r.questionIds]),
      ).toEqual(
        source.rounds.map((r: { name: string; focusDimensionIds: string[]; questionIds: string[] }) => [
          r.name,
          r.focusDimensionIds.map((id) => newIdOf.get(id)),
          r.questionIds,
        ]),
      );
      expect(clone.rounds.find((r: { name: string }) => r.name === r3.name).questionIds).toEqual([question.id]);
      await t.http.post(`/v1/roles/${clone.id}/open`).set(team.recruiter.auth).expect(200);

      const defaultTitle = (await t.http.post(`/v1/roles/${roleId}/clone`).set(team.admin.auth).send({}).expect(201)).body;
      expect(defaultTitle.title).toBe('Senior Applied Scientist (copy)');
    });
  });

  describe('permissions', () => {
    it('lets recruiters and admins write, the role’s hiring manager read, and nobody else in', async () => {
      const team = await createTeam(t);
      const otherManager = await addMember(t, team.admin, ['hiring_manager'], 'Other Manager');
      const { roleId, a, r1 } = await readyRole(team);
      const unmanaged = await createRole(team.admin, { title: 'Unmanaged' });
      const interviewer = team.interviewers[0];

      // Interviewers: no role routes at all.
      await t.http.get('/v1/roles').set(interviewer.auth).expect(403);
      const denied = await t.http.get(`/v1/roles/${roleId}`).set(interviewer.auth).expect(403);
      expect(denied.body.code).toBe('role_required');
      await t.http.get(`/v1/roles/${roleId}/loop-versions`).set(interviewer.auth).expect(403);
      await t.http.post('/v1/roles').set(interviewer.auth).send({ title: 'X' }).expect(403);
      await t.http
        .post(`/v1/roles/${roleId}/dimensions`)
        .set(interviewer.auth)
        .send({ name: 'X', weight: 1, rubric: rubric('X') })
        .expect(403);
      await t.http.post(`/v1/roles/${roleId}/rounds`).set(interviewer.auth).send({ name: 'X', kind: 'coding', durationMinutes: 30 }).expect(403);

      // The role's hiring manager reads it, its versions, and sees it in the list; cannot change it.
      const hm = team.hiringManager;
      const read = await t.http.get(`/v1/roles/${roleId}`).set(hm.auth).expect(200);
      expect(read.body.dimensions).toHaveLength(2);
      await t.http.get(`/v1/roles/${roleId}/loop-versions/${read.body.loopVersion.id}`).set(hm.auth).expect(200);
      const listed = await t.http.get('/v1/roles').set(hm.auth).expect(200);
      expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual([roleId]);
      await t.http.patch(`/v1/roles/${roleId}`).set(hm.auth).send({ title: 'Mine now' }).expect(403);
      await t.http.post(`/v1/roles/${roleId}/open`).set(hm.auth).expect(403);
      await t.http.post(`/v1/roles/${roleId}/clone`).set(hm.auth).send({}).expect(403);
      await t.http.patch(`/v1/roles/${roleId}/dimensions/${a.id}`).set(hm.auth).send({ weight: 1 }).expect(403);
      await t.http.delete(`/v1/roles/${roleId}/rounds/${r1.id}`).set(hm.auth).expect(403);
      await t.http
        .put(`/v1/roles/${roleId}/weights`)
        .set(hm.auth)
        .send({ weights: [{ dimensionId: a.id, weight: 1 }] })
        .expect(403);

      // Another hiring manager of the organization: 403 on the role, and it is not in their list.
      const other = await t.http.get(`/v1/roles/${roleId}`).set(otherManager.auth).expect(403);
      expect(other.body.code).toBe('role_access_denied');
      await t.http.get(`/v1/roles/${roleId}/loop-versions`).set(otherManager.auth).expect(403);
      expect((await t.http.get('/v1/roles').set(otherManager.auth).expect(200)).body.items).toEqual([]);
      await t.http.get(`/v1/roles/${unmanaged.id}`).set(hm.auth).expect(403);

      // Recruiters and admins see everything.
      const all = await t.http.get('/v1/roles').set(team.recruiter.auth).expect(200);
      expect(all.body.items.map((r: { id: string }) => r.id).sort()).toEqual([roleId, unmanaged.id].sort());
      await t.http.patch(`/v1/roles/${roleId}`).set(team.admin.auth).send({ location: 'Remote' }).expect(200);

      // Nothing changed by the refused requests.
      const after = (await t.http.get(`/v1/roles/${roleId}`).set(team.recruiter.auth).expect(200)).body;
      expect(after.title).toBe('Senior Applied Scientist');
      expect(after.status).toBe('draft');
      expect(after.weightSum).toBe(100);
    });
  });

  describe('tenancy', () => {
    it("answers 404 for another organization's roles, dimensions, rounds and versions", async () => {
      const team = await createTeam(t);
      const { roleId, a, r1 } = await readyRole(team);
      const version = (await t.http.get(`/v1/roles/${roleId}`).set(team.recruiter.auth).expect(200)).body.loopVersion;
      const outsider = await signupOrganization(t);
      const own = await createRole(outsider);

      const calls = [
        t.http.get(`/v1/roles/${roleId}`),
        t.http.patch(`/v1/roles/${roleId}`).send({ title: 'Mine' }),
        t.http.post(`/v1/roles/${roleId}/open`),
        t.http.post(`/v1/roles/${roleId}/close`),
        t.http.post(`/v1/roles/${roleId}/clone`).send({}),
        t.http.get(`/v1/roles/${roleId}/loop-versions`),
        t.http.get(`/v1/roles/${roleId}/loop-versions/${version.id}`),
        t.http.get(`/v1/roles/${own.id}/loop-versions/${version.id}`),
        t.http.post(`/v1/roles/${roleId}/dimensions`).send({ name: 'X', weight: 10, rubric: rubric('X') }),
        t.http.patch(`/v1/roles/${roleId}/dimensions/${a.id}`).send({ weight: 10 }),
        t.http.delete(`/v1/roles/${roleId}/dimensions/${a.id}`),
        t.http.patch(`/v1/roles/${own.id}/dimensions/${a.id}`).send({ weight: 10 }),
        t.http.post(`/v1/roles/${roleId}/rounds`).send({ name: 'X', kind: 'coding', durationMinutes: 30 }),
        t.http.patch(`/v1/roles/${roleId}/rounds/${r1.id}`).send({ name: 'X' }),
        t.http.delete(`/v1/roles/${roleId}/rounds/${r1.id}`),
        t.http.delete(`/v1/roles/${own.id}/rounds/${r1.id}`),
        t.http.put(`/v1/roles/${roleId}/weights`).send({ weights: [{ dimensionId: a.id, weight: 100 }] }),
        t.http.get('/v1/roles/not-a-uuid'),
        t.http.patch(`/v1/roles/${roleId}/dimensions/not-a-uuid`).send({ weight: 10 }),
      ];
      for (const call of calls) {
        const res = await call.set(outsider.auth);
        expect(res.status).toBe(404);
        expect(res.body.status).toBe(404);
      }
      // The outsider cannot point their own round at our dimension either.
      const focus = await t.http
        .post(`/v1/roles/${own.id}/rounds`)
        .set(outsider.auth)
        .send({ name: 'X', kind: 'coding', durationMinutes: 30, focusDimensionIds: [a.id] })
        .expect(400);
      expect(fields(focus.body.errors)).toEqual(['focusDimensionIds.0']);
      expect((await t.http.get('/v1/roles').set(outsider.auth).expect(200)).body.items.map((r: { id: string }) => r.id)).toEqual([own.id]);

      const untouched = (await t.http.get(`/v1/roles/${roleId}`).set(team.recruiter.auth).expect(200)).body;
      expect(untouched).toMatchObject({ title: 'Senior Applied Scientist', status: 'draft', weightSum: 100 });
      expect(untouched.rounds).toHaveLength(2);
    });
  });
});
