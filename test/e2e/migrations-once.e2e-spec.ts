import { Client } from 'pg';
import { ALL_MIGRATIONS } from '../../migrations';
import { runMigrationsOnce } from '@hireloop/database';
import { ApiProcess, startApi } from '@hireloop/testing/api-process';
import { stopAllProcesses } from '@hireloop/testing/worker-process';

/**
 * Migrations run exactly once when several processes start together: each takes the migration advisory lock on
 * PostgreSQL itself before applying what is pending, so the first applies everything and the others find nothing.
 */
jest.setTimeout(180_000);

const base = new URL(process.env.DATABASE_URL!);
const adminUrl = (() => {
  const url = new URL(base.toString());
  url.pathname = '/postgres';
  return url.toString();
})();

async function freshDatabase(suffix: string): Promise<string> {
  const name = `${base.pathname.slice(1)}_${suffix}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(url: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function migrationRows(url: string): Promise<{ name: string; n: number }[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(`SELECT name, count(*)::int AS n FROM migrations GROUP BY name ORDER BY name`)).rows;
  } finally {
    await client.end();
  }
}

const expectedNames = () => ALL_MIGRATIONS.map((m) => (m as unknown as { name: string }).name).sort();

describe('migrations exactly once', () => {
  afterAll(() => stopAllProcesses());

  it('three runners started together on an empty database apply each migration once between them', async () => {
    const url = await freshDatabase('mig_lock');
    try {
      const runs = await Promise.all([0, 1, 2].map(() => runMigrationsOnce(url)));
      const applied = runs.flatMap((r) => r.applied).sort();
      expect(applied).toEqual(expectedNames());
      expect(runs.filter((r) => r.applied.length > 0)).toHaveLength(1);
      const rows = await migrationRows(url);
      expect(rows.map((r) => r.name).sort()).toEqual(expectedNames());
      expect(rows.every((r) => r.n === 1)).toBe(true);
    } finally {
      await dropDatabase(url);
    }
  });

  it('two API processes started at once against an empty database both become ready; the table lists each migration once', async () => {
    const url = await freshDatabase('mig_api');
    const apis: ApiProcess[] = [];
    try {
      const env = { DATABASE_URL: url, MIGRATIONS_RUN: 'true', LOG_LEVEL: 'info' };
      apis.push(
        ...(await Promise.all([
          startApi({ name: 'api-a', env, readyTimeoutMs: 120_000 }),
          startApi({ name: 'api-b', env, readyTimeoutMs: 120_000 }),
        ])),
      );
      for (const api of apis) {
        const ready = await fetch(`${api.url}/health/ready`);
        expect(ready.status).toBe(200);
      }
      const rows = await migrationRows(url);
      expect(rows).toHaveLength(ALL_MIGRATIONS.length);
      expect(rows.filter((r) => r.n !== 1)).toEqual([]);
      // Exactly one of them applied the migrations; the other waited for the lock and found none pending.
      const appliedBy = apis.filter((api) => /applied \d+ migration/.test(api.output()));
      expect(appliedBy).toHaveLength(1);
    } finally {
      await Promise.all(apis.map((api) => api.stop()));
      await dropDatabase(url);
    }
  });
});
