import { createOpenRole, createTeam, createTestApp, LoopFixture, signupOrganization, TestApp } from '@hireloop/testing';
import { waitFor } from '@hireloop/testing/panel-fixture';
import { startWorker, stopAllProcesses, WorkerProcess } from '@hireloop/testing/worker-process';

/**
 * Bulk import of outcomes (issue 15, item 2): streamed CSV, dry run, row errors with row/column/reason, all or
 * nothing, idempotent re-import, clear 4xx for unusable files, and 50,000 rows in under 30 s (upload to completion,
 * through the real worker process).
 */
jest.setTimeout(300_000);

const HEADER = 'application_id,candidate_email,role,kind,review_point,rating,days,departure_type,date';
const HIRES = 12_700;

describe('outcome imports', () => {
  let t: TestApp;
  let worker: WorkerProcess;
  let team: Awaited<ReturnType<typeof createTeam>>;
  let role: LoopFixture;
  let org: string;
  let hired: { id: string; email: string }[];
  let active: { id: string; email: string };

  const upload = (csv: string | Buffer, query = '', actor = team.admin) =>
    t.http.post(`/v1/outcomes/imports${query}`).set(actor.auth).set('Content-Type', 'text/csv').send(csv);
  const settle = (id: string) =>
    waitFor(
      async () => {
        const res = await t.http.get(`/v1/outcomes/imports/${id}`).set(team.admin.auth).expect(200);
        return res.body.status === 'completed' || res.body.status === 'failed' ? res.body : null;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: `import ${id}` },
    );
  const outcomeCount = async () =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM outcomes WHERE organization_id = $1`, [org]))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startWorker({ name: 'outcome-import-worker' });
    team = await createTeam(t);
    org = team.admin.organizationId;
    role = await createOpenRole(t.dataSource, org, { hiringManagerId: team.hiringManager.memberId, title: 'Platform Engineer' });
    hired = await t.dataSource.query(
      `WITH c AS (INSERT INTO candidates (organization_id, name, email) SELECT $1, 'Hire ' || g, 'hire-' || g || '@import.test' FROM generate_series(1, $3::int) g RETURNING id, email),
            a AS (INSERT INTO applications (organization_id, candidate_id, role_id, status, decided_at) SELECT $1, c.id, $2, 'hired', now() FROM c RETURNING id, candidate_id)
       SELECT a.id, c.email FROM a JOIN c ON c.id = a.candidate_id ORDER BY c.email`,
      [org, role.roleId, HIRES],
    );
    [active] = await t.dataSource.query(
      `WITH c AS (INSERT INTO candidates (organization_id, name, email) VALUES ($1, 'Still Interviewing', 'active@import.test') RETURNING id, email)
       INSERT INTO applications (organization_id, candidate_id, role_id) SELECT $1, c.id, $2 FROM c RETURNING id, 'active@import.test' AS email`,
      [org, role.roleId],
    );
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    await stopAllProcesses();
  });

  const smallFile = () =>
    [
      HEADER,
      `${hired[0].id},,,performance_rating,90d,4,,,2026-03-01`,
      `,${hired[1].email},Platform Engineer,performance_rating,12m,5,,,`,
      `,${hired[1].email.toUpperCase()},${role.roleId},time_to_productivity,,,60,,`,
      `${hired[2].id},,,departure,,,,voluntary,2027-01-15`,
      `${hired[2].id},,,promotion,,,,,2026-10-01`,
    ].join('\r\n') + '\r\n';

  it('a dry run checks every row and writes nothing; the real import writes; the same file again changes nothing', async () => {
    const dry = await upload(smallFile(), '?dryRun=true').expect(202);
    expect(dry.body).toMatchObject({ dryRun: true, rowsRead: 5 });
    expect(await settle(dry.body.id)).toMatchObject({ status: 'completed', rowsAccepted: 5, rowsRejected: 0, rowsWritten: 0, errors: [] });
    expect(await outcomeCount()).toBe(0);

    const real = await upload(smallFile()).expect(202);
    expect(await settle(real.body.id)).toMatchObject({ status: 'completed', rowsAccepted: 5, rowsWritten: 5, rowsUnchanged: 0 });
    expect(await outcomeCount()).toBe(5);
    const stored = await t.dataSource.query(`SELECT kind, rating, days, import_id FROM outcomes WHERE application_id = $1 ORDER BY kind`, [
      hired[1].id,
    ]);
    expect(stored).toEqual([
      { kind: 'performance_rating', rating: 5, days: null, import_id: real.body.id },
      { kind: 'time_to_productivity', rating: null, days: 60, import_id: real.body.id },
    ]);

    const again = await upload(smallFile()).expect(202);
    expect(await settle(again.body.id)).toMatchObject({ status: 'completed', rowsWritten: 0, rowsUnchanged: 5 });
    const after = await t.dataSource.query(`SELECT DISTINCT import_id FROM outcomes WHERE organization_id = $1`, [org]);
    expect(after).toEqual([{ import_id: real.body.id }]);
  });

  it('rejects the whole file with row, column and reason when any row is wrong, writing nothing', async () => {
    const before = await outcomeCount();
    const csv = [
      HEADER,
      `${hired[10].id},,,performance_rating,90d,3,,,`,
      `,nobody@import.test,Platform Engineer,performance_rating,90d,3,,,`,
      `${hired[11].id},,,performance_rating,6m,7,,,`,
      `${hired[12].id},,,performance_rating,6m,2,,,`,
      `${hired[12].id},,,performance_rating,6m,2,,,`,
      `${active.id},,,promotion,,,,,2026-05-01`,
      `,${hired[13].email},No Such Role,time_to_productivity,,,30,,`,
      `${hired[14].id},,,departure,,,,fired,2026-13-01`,
      `${hired[15].id},,,performance_rating,90d,3`,
    ].join('\n');
    const res = await upload(csv).expect(202);
    const done = await settle(res.body.id);
    expect(done).toMatchObject({ status: 'failed', rowsRead: 9, rowsAccepted: 2, rowsRejected: 7, rowsWritten: 0 });
    expect(done.errors).toEqual([
      { row: 2, column: 'candidate_email', reason: 'no candidate with this e-mail in the organization' },
      { row: 3, column: 'rating', reason: expect.stringContaining('from 1 to 5') },
      { row: 5, column: null, reason: 'duplicate of row 4 (the same outcome of the same application)' },
      { row: 6, column: 'application_id', reason: expect.stringContaining('the application is active') },
      { row: 7, column: 'role', reason: 'the candidate has no application for this role' },
      { row: 8, column: 'date', reason: expect.any(String) },
      { row: 8, column: 'departure_type', reason: expect.any(String) },
      { row: 9, column: null, reason: 'expected 9 fields, found 6' },
    ]);
    expect(await outcomeCount()).toBe(before);
  });

  it.each([
    [
      'not UTF-8',
      Buffer.concat([
        Buffer.from(`${HEADER}\n`),
        Buffer.from([0x2c, 0x63, 0xe9, 0x2c]),
        Buffer.from(',Platform Engineer,promotion,,,,,2026-01-01\n'),
      ]),
      'invalid_encoding',
    ],
    ['a missing kind column', 'application_id,rating\nx,3\n', 'missing_column'],
    ['a misspelt column', `${HEADER},bonus\n`, 'unknown_column'],
    ['an empty file', '', 'empty_file'],
    ['an unclosed quote', `${HEADER}\n"00000000-0000-4000-8000-000000000000,,,promotion,,,,,2026-01-01\n`, 'malformed_csv'],
  ])('answers 400 for %s, storing no import', async (_, body, code) => {
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM outcome_imports WHERE organization_id = $1`, [org]))[0].n;
    const res = await upload(body).expect(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code })]));
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM outcome_imports WHERE organization_id = $1`, [org]))[0].n).toBe(before);
  });

  it('answers 413 for a 100 MB file and 415 for JSON', async () => {
    const big = Buffer.alloc(100 * 1024 * 1024, 'a');
    const res = await upload(big);
    expect(res.status).toBe(413);
    await t.http.post('/v1/outcomes/imports').set(team.admin.auth).send({ rows: [] }).expect(415);
  });

  it('is for admins and people analytics only; another organization sees no import', async () => {
    const res = await upload(smallFile(), '?dryRun=true').expect(202);
    for (const actor of [team.hiringManager, team.recruiter, team.interviewers[0]]) {
      await upload(smallFile(), '', actor).expect(403);
      await t.http.get(`/v1/outcomes/imports/${res.body.id}`).set(actor.auth).expect(403);
    }
    const stranger = await signupOrganization(t);
    await t.http.get(`/v1/outcomes/imports/${res.body.id}`).set(stranger.auth).expect(404);
    await settle(res.body.id);
  });

  it('imports 50,000 rows (by e-mail and role title) in under 30 s, upload to completion', async () => {
    const lines = [HEADER];
    const kinds = [
      (i: number) => `performance_rating,90d,${(i % 5) + 1},,,`,
      (i: number) => `performance_rating,6m,${((i + 1) % 5) + 1},,,`,
      (i: number) => `performance_rating,12m,${((i + 2) % 5) + 1},,,`,
      (i: number) => `time_to_productivity,,,${30 + (i % 90)},,`,
    ];
    // Rows from hire 100 on, so the earlier tests' outcomes are not touched.
    for (let i = 100; lines.length <= 50_000; i++) {
      for (const kind of kinds) if (lines.length <= 50_000) lines.push(`,${hired[i].email},Platform Engineer,${kind(i)}`);
    }
    const csv = lines.join('\n') + '\n';
    const started = Date.now();
    const res = await upload(csv).expect(202);
    const uploaded = Date.now() - started;
    const done = await settle(res.body.id);
    const elapsed = Date.now() - started;
    console.log(`50,000-row import: ${(csv.length / 1e6).toFixed(1)} MB, upload ${uploaded} ms, upload to completion ${elapsed} ms`);
    expect(done).toMatchObject({ status: 'completed', rowsRead: 50_000, rowsAccepted: 50_000, rowsRejected: 0, rowsWritten: 50_000 });
    expect(elapsed).toBeLessThan(30_000);
  });
});
