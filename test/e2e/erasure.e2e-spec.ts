import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { createOpenRole, createTeam, createTestApp, scheduleInterview, TestApp } from '@hireloop/testing';
import { waitForCurrentReport } from '@hireloop/testing/panel-fixture';
import { startWorker, stopAllProcesses, WorkerProcess } from '@hireloop/testing/worker-process';

/**
 * Erasure that erases (issue 14, item 7): after DELETE /v1/candidates/:id, the candidate's name, email, phone and
 * the unique phrases of what was written about them are found in no column of any table — searched generically over
 * every text, json, jsonb, array and bytea column of the schema — nor in the worker's log; the audit log keeps every
 * row it had (append-only), with the personal fields sealed under a key that no longer exists.
 */
jest.setTimeout(180_000);

/** Every (table, column) of the public schema that can hold text, cast to text for searching. */
async function textColumns(ds: DataSource): Promise<{ table: string; column: string; expr: string }[]> {
  const rows: { table_name: string; column_name: string; data_type: string }[] = await ds.query(
    `SELECT c.table_name, c.column_name, c.data_type
       FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bytea', 'USER-DEFINED')
      ORDER BY 1, 2`,
  );
  return rows.map((r) => ({
    table: r.table_name,
    column: r.column_name,
    // bytea: its bytes read as text (printable ASCII stays itself), so a plain copy would be found.
    expr: r.data_type === 'bytea' ? `encode("${r.column_name}", 'escape')` : `"${r.column_name}"::text`,
  }));
}

async function findEverywhere(ds: DataSource, needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const { table, column, expr } of await textColumns(ds)) {
    const rows: { needle: string }[] = await ds.query(
      `SELECT DISTINCT n.needle FROM "${table}" x, unnest($1::text[]) AS n(needle) WHERE strpos(lower(${expr}), lower(n.needle)) > 0`,
      [needles],
    );
    for (const r of rows) hits.push(`${table}.${column}: ${r.needle}`);
  }
  return hits;
}

/** Everything BullMQ holds under this run's queue prefix (job data, results, errors, events), as one text. */
async function queueText(): Promise<string> {
  const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 1 });
  try {
    const parts: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${process.env.QUEUE_PREFIX}:*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
        else if (type === 'string') parts.push((await redis.get(key)) ?? '');
        else if (type === 'list') parts.push((await redis.lrange(key, 0, -1)).join('\n'));
        else if (type === 'set') parts.push((await redis.smembers(key)).join('\n'));
        else if (type === 'zset') parts.push((await redis.zrange(key, 0, -1)).join('\n'));
        else if (type === 'stream') parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
      }
    } while (cursor !== '0');
    return parts.join('\n');
  } finally {
    redis.disconnect();
  }
}

describe('erasure that erases', () => {
  let t: TestApp;
  let worker: WorkerProcess;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startWorker({ name: 'erasure-worker', env: { LOG_LEVEL: 'debug' } });
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await stopAllProcesses();
    await t?.close();
  });

  it('leaves no personal data of the candidate in any table after the whole flow, and the audit log keeps its rows', async () => {
    const tag = randomUUID().slice(0, 8);
    const name = `Zephyrine Quillfeather${tag}`;
    const email = `zq.${tag}@example.org`;
    const phone = `+44 7700 9${tag
      .replace(/[^0-9]/g, '')
      .padEnd(5, '1')
      .slice(0, 5)}`;
    const phrases = [
      `quasar-lattice-${tag}`,
      `marmalade-heuristic-${tag}`,
      `obsidian-tradeoff-${tag}`,
      `velvet-override-${tag}`,
      `cobalt-stage-${tag}`,
      `amber-amendment-${tag}`,
      `saffron-source-${tag}`,
    ];
    const [evidence1, evidence2, privateNote, rationale, stage, amendment, source] = phrases;
    const needles = [name, `Quillfeather${tag}`, email, phone, ...phrases];

    const team = await createTeam(t);
    const { admin, recruiter, hiringManager, interviewers } = team;
    const role = await createOpenRole(t.dataSource, admin.organizationId, { hiringManagerId: hiringManager.memberId });
    const candidate = await t.http
      .post('/v1/candidates')
      .set(recruiter.auth)
      .send({ name, email, source: `${source}, called ${phone}`, links: [`https://example.org/${tag}`] })
      .expect(201);
    const candidateId: string = candidate.body.id;
    const application = await t.http
      .post('/v1/applications')
      .set(recruiter.auth)
      .send({ candidateId, roleId: role.roleId, stage: `screen ${stage}` })
      .expect(201);
    const applicationId: string = application.body.id;
    await t.http
      .patch(`/v1/applications/${applicationId}`)
      .set(recruiter.auth)
      .send({ stage: `onsite ${stage}` })
      .expect(200);

    const rounds = Object.values(role.rounds);
    const cards: string[] = [];
    for (const [i, round] of rounds.entries()) {
      const interviewer = interviewers[i % interviewers.length];
      const interviewId = await scheduleInterview(t, recruiter, applicationId, round.id, [interviewer]);
      const body = {
        ratings: round.focusDimensionIds.map((dimensionId) => ({
          dimensionId,
          rating: 3,
          evidence: `${name.split(' ')[0]} explained the ${evidence1} well and the ${evidence2} too.`,
        })),
        recommendation: 'yes',
        privateNote: `Reach ${email} or ${phone}; ${privateNote}.`,
      };
      const card = await t.http
        .post(`/v1/interviews/${interviewId}/scorecard/submit`)
        .set(interviewer.auth)
        .set('Idempotency-Key', `erasure-${tag}-${i}`)
        .send(body)
        .expect(200);
      cards.push(card.body.id);
      if (i === 0) {
        await t.http
          .post(`/v1/interviews/${interviewId}/scorecard/amend`)
          .set(interviewer.auth)
          .set('Idempotency-Key', `erasure-amend-${tag}`)
          .send({ ...body, recommendation: 'strong_yes', reason: `Talked to ${name} again about the ${amendment}` })
          .expect(200);
      }
    }
    // Voluntary self-identification (issue 16): sealed with the candidate's key, so no column holds the answers in clear.
    const link = await t.http.post(`/v1/applications/${applicationId}/self-identification-link`).set(recruiter.auth).send({}).expect(201);
    const selfIdentification = {
      sex: 'male',
      raceEthnicity: 'native_hawaiian_or_other_pacific_islander',
      veteranStatus: 'protected_veteran',
      disability: 'yes',
    };
    await t.http
      .post(`/v1/self-identification/${link.body.url.split('/').pop()}`)
      .send(selfIdentification)
      .expect(204);
    expect(await findEverywhere(t.dataSource, [selfIdentification.raceEthnicity, selfIdentification.veteranStatus])).toEqual([]);
    expect(await t.dataSource.query(`SELECT 1 FROM self_identifications WHERE application_id = $1`, [applicationId])).toHaveLength(1);

    await waitForCurrentReport(t.dataSource, applicationId, 60_000);
    await t.http
      .post(`/v1/applications/${applicationId}/decision`)
      .set(hiringManager.auth)
      .send({ decision: 'no_hire', rationale: `Wrote to ${email}: ${rationale}.`, overrideReason: `${name} declined, ${rationale}` })
      .expect(201);

    // Before: the search finds them (the search itself works), and the audit log reads back in full.
    const before = await findEverywhere(t.dataSource, needles);
    expect(before.length).toBeGreaterThan(5);
    expect(before.filter((h) => h.startsWith('audit_log.'))).toEqual([]);
    const auditBefore = await t.dataSource.query(
      `SELECT id, action, entity_id, before, after, subject_candidate_id, personal FROM audit_log WHERE organization_id = $1 ORDER BY id`,
      [admin.organizationId],
    );
    const readable = await t.http.get(`/v1/audit-log?entityId=${cards[0]}&limit=100`).set(admin.auth).expect(200);
    expect(JSON.stringify(readable.body.items)).toContain(evidence1);
    expect(readable.body.items.find((i: { action: string }) => i.action === 'scorecard.amended').after.reason).toContain(amendment);

    await t.http.delete(`/v1/candidates/${candidateId}`).set(recruiter.auth).expect(204);

    // Nothing left in any table.
    expect(await findEverywhere(t.dataSource, needles)).toEqual([]);
    // Nor in what the worker logged, nor in the jobs it holds.
    const jobs = await queueText();
    expect(jobs.length).toBeGreaterThan(0);
    for (const needle of needles) {
      expect(worker.output()).not.toContain(needle);
      expect(jobs.toLowerCase()).not.toContain(needle.toLowerCase());
    }

    // The audit log is append-only: every earlier row is still there, byte for byte; one row (the erasure) was added.
    const auditAfter = await t.dataSource.query(
      `SELECT id, action, entity_id, before, after, subject_candidate_id, personal FROM audit_log WHERE organization_id = $1 ORDER BY id`,
      [admin.organizationId],
    );
    expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
    expect(auditAfter.slice(auditBefore.length).map((r: { action: string }) => r.action)).toEqual(['candidate.erased']);
    expect(auditBefore.filter((r: { personal: Buffer | null }) => r.personal !== null).length).toBeGreaterThan(0);
    expect(await t.dataSource.query(`SELECT 1 FROM candidate_keys WHERE candidate_id = $1`, [candidateId])).toEqual([]);
    expect(await t.dataSource.query(`SELECT 1 FROM self_identifications WHERE candidate_id = $1`, [candidateId])).toEqual([]);
    expect(await t.dataSource.query(`SELECT 1 FROM self_identification_links WHERE application_id = $1`, [applicationId])).toEqual([]);

    // Its rows read back with every non-personal fact and a mark where the personal fields were.
    const history = await t.http.get(`/v1/audit-log?entityId=${cards[0]}&limit=100`).set(admin.auth).expect(200);
    expect(history.body.items.map((i: { action: string }) => i.action)).toEqual(['scorecard.amended', 'scorecard.submitted']);
    for (const item of history.body.items) {
      expect(item).toMatchObject({ personalDataErased: true, after: { applicationId, status: 'submitted' } });
      expect(item.after).not.toHaveProperty('ratings');
    }
    const erased = await t.http.get(`/v1/audit-log?entityId=${candidateId}&action=candidate.erased`).set(admin.auth).expect(200);
    expect(erased.body.items[0].after).toMatchObject({
      erased: true,
      auditKeyDestroyed: true,
      selfIdentificationsDeleted: 1,
      scorecardsRedacted: rounds.length,
      decisionsRedacted: 1,
      storedResponsesRedacted: rounds.length + 1,
    });

    // The numbers stay: ratings, the report, the decision.
    const debrief = await t.http.get(`/v1/applications/${applicationId}/debrief`).set(hiringManager.auth).expect(200);
    expect(debrief.body.decision).toMatchObject({ decision: 'no_hire', rationale: '[erased on request]' });
    expect(
      debrief.body.scorecards.every((s: { ratings: { rating: number; evidence: string }[] }) =>
        s.ratings.every((r) => r.rating === 3 && r.evidence === '[erased on request]'),
      ),
    ).toBe(true);
  });
});
