import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { appDatabaseUrl } from '@hireloop/config';
import { ALL_ENTITIES } from '@hireloop/core';
import { buildDataSourceOptions, runAsSystem, runInOrganization } from '@hireloop/database';

/**
 * Tenant isolation by the database (issue 14, item 6): through the service's own kind of connection (role
 * hireloop_app, the scoped pg client), a query WITHOUT an organization filter returns only the current organization's
 * rows, writes into another organization are refused, and a pooled connection never carries one tenant's setting into
 * another's statement.
 */
const ownerUrl = process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL!;
const appUrl = appDatabaseUrl({ DATABASE_URL: ownerUrl });

describe('row-level security', () => {
  let owner: DataSource;
  let app: DataSource;
  const orgA = randomUUID();
  const orgB = randomUUID();

  beforeAll(async () => {
    owner = await new DataSource(buildDataSourceOptions({ url: ownerUrl, entities: ALL_ENTITIES, poolSize: 2 })).initialize();
    // One connection: every statement below shares it, whatever its tenant. Forty statements queue for it; on a busy
    // machine the last waits longer than the service's 3 s, which would measure the machine, not the isolation.
    app = await new DataSource(
      buildDataSourceOptions({ url: appUrl, entities: ALL_ENTITIES, poolSize: 1, connectionTimeoutMs: 60_000 }),
    ).initialize();
    for (const [id, name] of [
      [orgA, 'Org A'],
      [orgB, 'Org B'],
    ]) {
      await owner.query(`INSERT INTO organizations (id, name) VALUES ($1, $2)`, [id, name]);
      await owner.query(`INSERT INTO candidates (organization_id, name, email) VALUES ($1, $2, $3)`, [
        id,
        `Candidate of ${name}`,
        `${randomUUID()}@example.org`,
      ]);
    }
  });

  afterAll(async () => {
    await app?.destroy();
    await owner?.destroy();
  });

  it('connects as a role that is not superuser and cannot bypass row-level security', async () => {
    const [role] = await app.query(`SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`);
    expect(role).toEqual({ name: 'hireloop_app', rolsuper: false, rolbypassrls: false });
  });

  it('returns nothing of organization B to a query without an organization filter in the scope of A', async () => {
    const seen = await runInOrganization(orgA, () => app.query(`SELECT DISTINCT organization_id FROM candidates`));
    expect(seen).toEqual([{ organization_id: orgA }]);
    const inTransaction = await runInOrganization(orgB, () => app.transaction((m) => m.query(`SELECT DISTINCT organization_id FROM candidates`)));
    expect(inTransaction).toEqual([{ organization_id: orgB }]);
  });

  it('sees and writes nothing without a scope', async () => {
    expect(await app.query(`SELECT count(*)::int AS n FROM candidates`)).toEqual([{ n: 0 }]);
    await expect(app.query(`INSERT INTO candidates (organization_id, name, email) VALUES ($1, 'x', 'x@example.org')`, [orgA])).rejects.toThrow(
      /row-level security/,
    );
  });

  it("refuses writes into another organization's rows", async () => {
    await expect(
      runInOrganization(orgA, () =>
        app.query(`INSERT INTO candidates (organization_id, name, email) VALUES ($1, 'Intruder', $2)`, [orgB, `${randomUUID()}@example.org`]),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await runInOrganization(orgA, () => app.query(`UPDATE candidates SET name = 'Changed' WHERE organization_id = $1`, [orgB]));
    expect(updated[1]).toBe(0);
  });

  it('never lets a pooled connection carry one tenant into another (interleaved on one connection)', async () => {
    const runs = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? orgA : orgB));
    const results = await Promise.all(
      runs.map((org) =>
        runInOrganization(org, async () => (await app.query(`SELECT organization_id FROM candidates`)) as { organization_id: string }[]),
      ),
    );
    results.forEach((rows, i) => expect(rows.map((r) => r.organization_id)).toEqual([runs[i]]));
  });

  it('sets the scope with the BEGIN: transactions interleaved on one connection, an isolation level, a rollback', async () => {
    const runs = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? orgA : orgB));
    const seen = await Promise.all(
      runs.map((org, i) =>
        runInOrganization(org, () =>
          // Every other one asks for an isolation level, which PostgreSQL takes only before the transaction's first query.
          app.transaction(i % 4 === 0 ? 'REPEATABLE READ' : 'READ COMMITTED', async (m) => {
            const [{ isolation }] = await m.query(`SELECT current_setting('transaction_isolation') AS isolation`);
            const rows: { organization_id: string }[] = await m.query(`SELECT organization_id FROM candidates`);
            return { isolation, orgs: rows.map((r) => r.organization_id) };
          }),
        ),
      ),
    );
    seen.forEach((s, i) => expect(s).toEqual({ isolation: i % 4 === 0 ? 'repeatable read' : 'read committed', orgs: [runs[i]] }));

    // A rolled-back transaction may undo its settings: the next one, in the same scope, still sees its rows.
    await expect(
      runInOrganization(orgA, () =>
        app.transaction(async (m) => {
          await m.query(`SELECT 1`);
          throw new Error('rolled back');
        }),
      ),
    ).rejects.toThrow('rolled back');
    expect(await runInOrganization(orgA, () => app.query(`SELECT DISTINCT organization_id FROM candidates`))).toEqual([{ organization_id: orgA }]);
    expect(await app.query(`SELECT count(*)::int AS n FROM candidates`)).toEqual([{ n: 0 }]);
  });

  it('keeps the system scope out of processes that did not allow it (the API never does)', () => {
    expect(() => runAsSystem('test', () => 1)).toThrow(/refused/);
  });

  it('covers every table with an organization_id column: RLS enabled, forced, both policies', async () => {
    const rows: { table: string; enabled: boolean; forced: boolean; policies: string[] }[] = await owner.query(`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             coalesce(array_agg(p.policyname::text ORDER BY p.policyname::text) FILTER (WHERE p.policyname IS NOT NULL), '{}'::text[]) AS policies
        FROM information_schema.columns col
        JOIN pg_class c ON c.relname = col.table_name AND c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
        LEFT JOIN pg_policies p ON p.schemaname = 'public' AND p.tablename = c.relname AND p.policyname IN ('tenant_isolation', 'system_maintenance')
       WHERE col.table_schema = 'public' AND col.column_name = 'organization_id'
       GROUP BY c.relname, c.relrowsecurity, c.relforcerowsecurity ORDER BY 1`);
    expect(rows.length).toBeGreaterThan(15);
    const missing = rows.filter((r) => !r.enabled || !r.forced || r.policies.join() !== 'system_maintenance,tenant_isolation').map((r) => r.table);
    expect(missing).toEqual([]);
  });
});
