import { createOpenRole, createTeam, createTestApp, signupOrganization, TestApp, uniqueEmail } from '@hireloop/testing';

/**
 * Server-side search and counts on the lists the web app pages through: candidates (?q=), roles and applications
 * (?q= added), each with ?withTotal=true → `total` for "showing X of Y". Hiring managers count only what they may
 * list; another organization counts nothing of ours.
 */
describe('list search and totals', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  type PageBody = { items: { id: string }[]; nextCursor: string | null; total?: number };
  async function readAll(
    path: string,
    auth: { Authorization: string },
    query: Record<string, string>,
  ): Promise<{ ids: string[]; totals: (number | undefined)[] }> {
    const ids: string[] = [];
    const totals: (number | undefined)[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: PageBody } = await t.http
        .get(path)
        .query({ ...query, ...(cursor ? { cursor } : {}) })
        .set(auth)
        .expect(200);
      ids.push(...res.body.items.map((i) => i.id));
      totals.push(res.body.total);
      cursor = res.body.nextCursor;
    } while (cursor);
    return { ids, totals };
  }

  it('candidates: finds the first of 130 by name or email and counts every match across pages', async () => {
    const team = await createTeam(t);
    const { recruiter } = team;
    const created: string[] = [];
    for (let i = 1; i <= 130; i++) {
      const res = await t.http
        .post('/v1/candidates')
        .set(recruiter.auth)
        .send({ name: i === 1 ? 'Zelda Firstborn' : `Candidate ${String(i).padStart(3, '0')}`, email: uniqueEmail(`c${i}`) })
        .expect(201);
      created.push(res.body.id);
    }
    const all = await readAll('/v1/candidates', recruiter.auth, { limit: '50', withTotal: 'true' });
    expect(all.ids).toHaveLength(130);
    expect(all.totals).toEqual([130, 130, 130]);
    expect(all.ids[129]).toBe(created[0]); // newest first: the first one is on the last page

    const found = await t.http.get('/v1/candidates').query({ q: 'zelda', withTotal: 'true' }).set(recruiter.auth).expect(200);
    expect(found.body).toEqual({ items: [expect.objectContaining({ id: created[0], name: 'Zelda Firstborn' })], nextCursor: null, total: 1 });
    const some = await readAll('/v1/candidates', recruiter.auth, { q: 'Candidate 01', limit: '4', withTotal: 'true' });
    expect(some.ids).toHaveLength(10); // 010 … 019
    expect(new Set(some.totals)).toEqual(new Set([10]));
    // Without withTotal the page is as before (no total field).
    expect((await t.http.get('/v1/candidates').query({ limit: '1' }).set(recruiter.auth).expect(200)).body.total).toBeUndefined();
    // LIKE wildcards are searched literally.
    expect((await t.http.get('/v1/candidates').query({ q: '%', withTotal: 'true' }).set(recruiter.auth).expect(200)).body.total).toBe(0);

    const bad = await t.http.get('/v1/candidates').query({ withTotal: 'maybe' }).set(recruiter.auth).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'withTotal', message: 'With total: choose yes or no.' })]);
    await t.http
      .get('/v1/candidates')
      .query({ q: 'x'.repeat(201) })
      .set(recruiter.auth)
      .expect(400);
    // Denials: interviewers and hiring managers do not list candidates; another organization counts none of ours.
    await t.http.get('/v1/candidates').set(team.interviewers[0].auth).expect(403);
    await t.http.get('/v1/candidates').set(team.hiringManager.auth).expect(403);
    const stranger = await signupOrganization(t);
    expect((await t.http.get('/v1/candidates').query({ q: 'zelda', withTotal: 'true' }).set(stranger.auth).expect(200)).body).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
  }, 120_000);

  it('roles: ?q= on title, department, level and location, with totals; a hiring manager counts only their roles', async () => {
    const team = await createTeam(t);
    const { recruiter, hiringManager } = team;
    const make = (body: Record<string, unknown>) => t.http.post('/v1/roles').set(recruiter.auth).send(body).expect(201);
    const backend = await make({ title: 'Backend Engineer', department: 'Platform', level: 'Senior', location: 'Lisbon' });
    const frontend = await make({ title: 'Frontend Engineer', department: 'Web', level: 'Mid', hiringManagerId: hiringManager.memberId });
    const designer = await make({ title: 'Product Designer', department: 'Design', location: 'Remote' });

    const q = async (query: Record<string, string>, auth = recruiter.auth) =>
      (
        await t.http
          .get('/v1/roles')
          .query({ withTotal: 'true', ...query })
          .set(auth)
          .expect(200)
      ).body;
    expect((await q({})).total).toBe(3);
    expect((await q({ q: 'engineer' })).items.map((r: { id: string }) => r.id).sort()).toEqual([backend.body.id, frontend.body.id].sort());
    expect((await q({ q: 'engineer' })).total).toBe(2);
    expect((await q({ q: 'PLATFORM' })).items.map((r: { id: string }) => r.id)).toEqual([backend.body.id]);
    expect((await q({ q: 'remote' })).items.map((r: { id: string }) => r.id)).toEqual([designer.body.id]);
    expect((await q({ q: 'mid' })).items.map((r: { id: string }) => r.id)).toEqual([frontend.body.id]);
    expect((await q({ q: 'engineer', status: 'open' })).total).toBe(0);
    const paged = await readAll('/v1/roles', recruiter.auth, { limit: '1', withTotal: 'true' });
    expect(paged.ids).toHaveLength(3);
    expect(paged.totals).toEqual([3, 3, 3]);

    // The hiring manager lists (and counts) only the role they manage, whatever they search for.
    expect(await q({ q: 'engineer' }, hiringManager.auth)).toEqual({
      items: [expect.objectContaining({ id: frontend.body.id })],
      nextCursor: null,
      total: 1,
    });
    expect((await q({ q: 'designer' }, hiringManager.auth)).total).toBe(0);
    await t.http.get('/v1/roles').query({ q: 'engineer' }).set(team.interviewers[0].auth).expect(403);
    const stranger = await signupOrganization(t);
    expect((await q({ q: 'engineer' }, stranger.auth)).total).toBe(0);
  });

  it("applications: ?q= on the candidate's name or email and the role's title, with totals; hiring managers see their roles' only", async () => {
    const team = await createTeam(t);
    const { recruiter, hiringManager, admin } = team;
    const managed = await createOpenRole(t.dataSource, admin.organizationId, { hiringManagerId: hiringManager.memberId, title: 'Data Engineer' });
    const other = await createOpenRole(t.dataSource, admin.organizationId, { hiringManagerId: null, title: 'Sales Lead' });
    const apply = async (name: string, roleId: string) => {
      const c = await t.http
        .post('/v1/candidates')
        .set(recruiter.auth)
        .send({ name, email: uniqueEmail(name.split(' ')[0].toLowerCase()) })
        .expect(201);
      return (await t.http.post('/v1/applications').set(recruiter.auth).send({ candidateId: c.body.id, roleId }).expect(201)).body.id as string;
    };
    const ada = await apply('Ada Lovelace', managed.roleId);
    const grace = await apply('Grace Hopper', managed.roleId);
    const alan = await apply('Alan Turing', other.roleId);

    const q = async (query: Record<string, string>, auth = recruiter.auth) =>
      (
        await t.http
          .get('/v1/applications')
          .query({ withTotal: 'true', ...query })
          .set(auth)
          .expect(200)
      ).body;
    expect((await q({})).total).toBe(3);
    expect((await q({ q: 'hopper' })).items.map((a: { id: string }) => a.id)).toEqual([grace]);
    expect((await q({ q: 'data eng' })).items.map((a: { id: string }) => a.id).sort()).toEqual([ada, grace].sort());
    expect((await q({ q: 'LOVELACE' })).items.map((a: { id: string }) => a.id)).toEqual([ada]);
    expect((await q({ q: 'sales', status: 'active' })).items.map((a: { id: string }) => a.id)).toEqual([alan]);
    expect((await q({ q: 'sales', status: 'hired' })).total).toBe(0);
    const paged = await readAll('/v1/applications', recruiter.auth, { q: 'e', limit: '2', withTotal: 'true' });
    expect(paged.ids.sort()).toEqual([ada, grace, alan].sort());
    expect(paged.totals).toEqual([3, 3]);

    // The hiring manager finds only applications to the role they manage; interviewers are refused; another tenant sees none.
    expect((await q({ q: 'turing' }, hiringManager.auth)).total).toBe(0);
    expect((await q({ q: 'e' }, hiringManager.auth)).total).toBe(2);
    await t.http.get('/v1/applications').query({ q: 'turing' }).set(team.interviewers[0].auth).expect(403);
    const stranger = await signupOrganization(t);
    expect(await q({ q: 'turing' }, stranger.auth)).toEqual({ items: [], nextCursor: null, total: 0 });
  });
});
