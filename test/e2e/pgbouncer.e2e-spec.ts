import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { APP_DATABASE_ROLE, appDatabaseUrl } from '@hireloop/config';
import { ALL_ENTITIES } from '@hireloop/core';
import { buildDataSourceOptions, runInOrganization } from '@hireloop/database';
import { completeScorecard, createHiringScene, scheduleInterview, TestApp } from '@hireloop/testing';
import { startApi, ApiProcess } from '@hireloop/testing/api-process';
import { freePort } from '@hireloop/testing/processes';
import { waitFor } from '@hireloop/testing/panel-fixture';
import { PgBouncerProcess, startPgBouncer } from '@hireloop/testing/pgbouncer-process';
import { serviceBinary } from '@hireloop/testing/service-binaries';
import { startWorker, stopAllProcesses, WorkerProcess } from '@hireloop/testing/worker-process';

/**
 * The API and the worker behind a real PgBouncer (Debian's package) in transaction mode: the pool goes through the
 * pooler (DATABASE_POOLER=transaction: no startup parameters, no named prepared statements), while the outbox
 * relay's LISTEN and the migrations use DATABASE_DIRECT_URL. One submission travels API → pooler → outbox → relay →
 * BullMQ → worker → pooler → report.
 */
jest.setTimeout(180_000);

const pgbouncer = serviceBinary('pgbouncer');
if (!pgbouncer.path) process.stderr.write(`pgbouncer.e2e-spec skipped: ${pgbouncer.reason}\n`);
const describeWithPgBouncer = pgbouncer.path ? describe : describe.skip;

describeWithPgBouncer('behind PgBouncer in transaction mode', () => {
  const directUrl = process.env.DATABASE_URL!;
  let bouncer: PgBouncerProcess;
  let api: ApiProcess;
  let worker: WorkerProcess;
  let ds: DataSource;

  beforeAll(async () => {
    bouncer = await startPgBouncer(directUrl, { poolSize: 8 });
    ds = await new DataSource(buildDataSourceOptions({ url: directUrl, entities: ALL_ENTITIES, poolSize: 2 })).initialize();
    const env = {
      DATABASE_URL: bouncer.url,
      DATABASE_DIRECT_URL: directUrl,
      DATABASE_POOLER: 'transaction',
      DATABASE_PREPARED_STATEMENTS: 'false',
      // Through the direct URL, under the migration lock: nothing is pending, but the path is exercised.
      MIGRATIONS_RUN: 'true',
    };
    [api, worker] = await Promise.all([startApi({ name: 'api via pgbouncer', env }), startWorker({ name: 'worker via pgbouncer', env })]);
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await ds?.destroy();
    await bouncer?.destroy();
    await stopAllProcesses();
  });

  it('refuses the session settings node-postgres would send as startup parameters — why the pool sends none', async () => {
    const client = new Client({ connectionString: bouncer.url, statement_timeout: 15000 });
    await expect(client.connect()).rejects.toThrow(/unsupported startup parameter/i);
    await client.end().catch(() => undefined);
    const pooled = new DataSource(buildDataSourceOptions({ url: bouncer.url, entities: ALL_ENTITIES, poolSize: 1, pooler: 'transaction' }));
    await pooled.initialize();
    try {
      expect(await pooled.query(`SELECT current_setting('application_name') AS name, $1::int + 1 AS two`, [1])).toEqual([
        { name: 'hireloop', two: 2 },
      ]);
    } finally {
      await pooled.destroy();
    }
  });

  it("gives the service role's pooled sessions their timeouts from the role (migration ServiceRoleTimeouts)", async () => {
    const url = appDatabaseUrl({ DATABASE_URL: bouncer.url });
    const pooled = new DataSource(buildDataSourceOptions({ url, entities: ALL_ENTITIES, poolSize: 1, pooler: 'transaction' }));
    await pooled.initialize();
    try {
      expect(
        await pooled.query(
          `SELECT current_user AS role, current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle`,
        ),
      ).toEqual([{ role: APP_DATABASE_ROLE, statement: '15s', idle: '30s' }]);
    } finally {
      await pooled.destroy();
    }
  });

  it('a submission through the pooler becomes a stored report (submission → outbox → relay → job → report)', async () => {
    const t = { http: request(api.url), dataSource: ds } as unknown as TestApp;
    const scene = await createHiringScene(t);
    const round = scene.role.rounds.technical;
    const [alice] = scene.team.interviewers;
    const interviewId = await scheduleInterview(t, scene.team.recruiter, scene.applicationId, round.id, [alice]);
    await t.http
      .post(`/v1/interviews/${interviewId}/scorecard/submit`)
      .set(alice.auth)
      .send(completeScorecard(round, { rating: 4, recommendation: 'strong_yes' }))
      .expect(200);

    let debrief: request.Response | undefined;
    await waitFor(
      async () => {
        debrief = await t.http.get(`/v1/applications/${scene.applicationId}/debrief`).set(scene.team.hiringManager.auth);
        return debrief.status === 200 && debrief.body.status === 'current' && debrief.body.report?.scorecardCount === 1;
      },
      { what: 'a current report computed behind PgBouncer', timeoutMs: 30_000 },
    );
    expect(debrief!.body.report).toMatchObject({ version: 1, scorecardCount: 1 });

    // The traffic did go through the pooler: its admin console counts transactions on our database.
    const admin = new Client({ connectionString: bouncer.adminUrl });
    await admin.connect();
    try {
      const stats = await admin.query('SHOW STATS');
      const ours = stats.rows.find((row) => row.database === new URL(directUrl).pathname.slice(1));
      expect(Number(ours?.total_xact_count ?? 0)).toBeGreaterThan(10);
      // …while the relay's LISTEN session is not one of its clients: it is on PostgreSQL itself.
      const clients = await admin.query('SHOW CLIENTS');
      expect(clients.rows.filter((row) => row.application_name === 'hireloop-outbox-relay')).toEqual([]);
    } finally {
      await admin.end();
    }
    // Row-level security holds through the pooler: as the service's role, with the scope set transaction-locally only,
    // a statement sees its organization's rows, and no server session keeps a scope for the next client.
    const pooled = await new DataSource(
      buildDataSourceOptions({
        url: appDatabaseUrl({ DATABASE_URL: bouncer.url }),
        entities: ALL_ENTITIES,
        poolSize: 2,
        pooler: 'transaction',
        preparedStatements: false,
      }),
    ).initialize();
    try {
      const org = scene.team.admin.organizationId;
      const count = (sql: string) => pooled.query(sql).then((rows: { n: number }[]) => rows[0].n);
      const membersSql = `SELECT count(*)::int AS n FROM members`;
      const otherSql = `SELECT count(*)::int AS n FROM members WHERE organization_id <> '${org}'`;
      const mine = await runInOrganization(org, () => count(membersSql));
      expect(mine).toBeGreaterThan(0);
      expect(await runInOrganization(org, () => count(otherSql))).toBe(0);
      expect(await runInOrganization(org, () => pooled.transaction((m) => m.query(membersSql).then((r: { n: number }[]) => r[0].n)))).toBe(mine);
      for (let i = 0; i < 10; i++) {
        const [scoped, unscoped] = await Promise.all([runInOrganization(org, () => count(membersSql)), count(membersSql)]);
        expect([scoped, unscoped]).toEqual([mine, 0]);
      }
    } finally {
      await pooled.destroy();
    }
    // On PostgreSQL itself, as the service's role: the owner's URL (DATABASE_DIRECT_URL) gives the address only.
    const listeners: { usename: string; n: number }[] = await ds.query(
      `SELECT usename, count(*)::int AS n FROM pg_stat_activity
        WHERE application_name IN ('hireloop-outbox-relay', 'hireloop-membership-cache') AND datname = current_database() GROUP BY usename`,
    );
    expect(listeners).toEqual([{ usename: 'hireloop_app', n: expect.any(Number) }]);
    expect(listeners[0].n).toBeGreaterThanOrEqual(1);
  });

  it('an API whose LISTEN goes through the pooler (its direct URL names the pooler) never answers a membership check from memory', async () => {
    // Through a transaction-mode pooler, LISTEN succeeds but notifications from other sessions do not reach it: the
    // membership cache's ping (sent through the pool, as changes are) is never heard, so it keeps asking the database.
    const metricsPort = await freePort();
    const misconfigured = await startApi({
      name: 'api listening through pgbouncer',
      env: { DATABASE_URL: bouncer.url, DATABASE_DIRECT_URL: bouncer.url, DATABASE_POOLER: 'transaction', METRICS_PORT: String(metricsPort) },
    });
    try {
      const t = { http: request(misconfigured.url), dataSource: ds } as unknown as TestApp;
      const scene = await createHiringScene(t);
      const admin = scene.team.admin;
      const lookups = async () => {
        const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
        const count = (result: string) =>
          Number(
            text
              .split('\n')
              .find((l) => l.startsWith(`hireloop_membership_cache_lookups_total{result="${result}"}`))
              ?.split(' ')
              .pop() ?? 0,
          );
        return { hit: count('hit'), notListening: count('not_listening') };
      };
      // Its first ping times out after 3 s; requests over 5 s cover it and the next attempt.
      for (const deadline = Date.now() + 5_000; Date.now() < deadline;) {
        await t.http.get('/v1/me').set(admin.auth).expect(200);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const { hit, notListening } = await lookups();
      expect(hit).toBe(0);
      expect(notListening).toBeGreaterThan(20);
      expect(misconfigured.output()).toMatch(/membership LISTEN not hearing \(its first ping: not heard back/);
    } finally {
      await misconfigured.stop();
    }
  });
});
