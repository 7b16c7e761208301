import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createServer, Server, Socket } from 'node:net';
import { DataSource } from 'typeorm';
import { appDatabaseUrl } from '@hireloop/config';
import { ALL_ENTITIES } from '@hireloop/core';
import { buildDataSourceOptions, runInOrganization } from '@hireloop/database';

/**
 * node-postgres pipeline mode (DATABASE_PIPELINE, on by default), measured through a TCP proxy that holds every answer
 * of PostgreSQL for DELAY_MS: a round trip then costs at least DELAY_MS, so the time of a statement says how many round
 * trips it took. A statement in a scope the connection does not have yet needs the scope's settings first: pipelined,
 * both go out together (one round trip); not pipelined, the statement waits for the settings' answer (two). Errors
 * stay with their statement, and no statement runs under another tenant's settings.
 */
const DELAY_MS = 150;
/**
 * A busy machine only adds time: every try must take at least its round trips, and the quickest of several tries shows
 * how many it took (one try alone, on a loaded CI machine, once took 316 ms for one round trip of 150 ms).
 */
const TRIES = 4;
const ownerUrl = process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL!;

/** Forwards to PostgreSQL; what PostgreSQL answers reaches the client DELAY_MS later. */
async function delayingProxy(target: URL): Promise<{ server: Server; port: number }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = new Socket();
    sockets.add(client).add(upstream);
    upstream.connect(Number(target.port || 5432), target.hostname);
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => setTimeout(() => client.destroyed || client.write(chunk), DELAY_MS));
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close).on('error', close);
    upstream.on('close', () => setTimeout(close, DELAY_MS)).on('error', close);
  });
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

describe('pipeline mode (DATABASE_PIPELINE)', () => {
  let proxy: { server: Server; port: number };
  let owner: DataSource;
  const orgA = randomUUID();
  const orgB = randomUUID();
  const sources: DataSource[] = [];

  /** One connection as the service makes it (role hireloop_app, the scoped client), through the proxy. */
  async function connect(pipeline: boolean): Promise<DataSource> {
    const url = new URL(appDatabaseUrl({ DATABASE_URL: ownerUrl }));
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    const ds = await new DataSource(
      buildDataSourceOptions({ url: url.toString(), entities: ALL_ENTITIES, poolSize: 1, pipeline, connectionTimeoutMs: 30_000 }),
    ).initialize();
    sources.push(ds);
    return ds;
  }

  beforeAll(async () => {
    proxy = await delayingProxy(new URL(ownerUrl));
    owner = await new DataSource(buildDataSourceOptions({ url: ownerUrl, entities: ALL_ENTITIES, poolSize: 1 })).initialize();
    for (const id of [orgA, orgB]) {
      await owner.query(`INSERT INTO organizations (id, name) VALUES ($1, 'Pipeline org')`, [id]);
      await owner.query(`INSERT INTO candidates (organization_id, name, email) VALUES ($1, 'Pat Pipeline', $2)`, [id, `${randomUUID()}@example.org`]);
    }
  });

  afterAll(async () => {
    for (const ds of sources) await ds.destroy();
    await owner?.destroy();
    await new Promise((resolve) => proxy?.server.close(resolve));
  });

  /** Milliseconds a statement in `org`'s scope takes, after one in the other organization's (so the settings change). */
  async function timedScopeChange(ds: DataSource, org: string, other: string): Promise<{ ms: number; seen: string[] }> {
    await runInOrganization(other, () => ds.query(`SELECT organization_id FROM candidates`));
    const started = performance.now();
    const rows: { organization_id: string }[] = await runInOrganization(org, () => ds.query(`SELECT organization_id FROM candidates`));
    return { ms: performance.now() - started, seen: rows.map((r) => r.organization_id) };
  }

  it('sends the scope and the statement together: one round trip where one at a time takes two', async () => {
    const pipelined = await connect(true);
    const sequential = await connect(false);
    const ones: number[] = [];
    for (let i = 0; i < TRIES; i++) {
      const one = await timedScopeChange(pipelined, orgA, orgB);
      const two = await timedScopeChange(sequential, orgB, orgA);
      expect(one.seen).toEqual([orgA]);
      expect(two.seen).toEqual([orgB]);
      expect(one.ms).toBeGreaterThanOrEqual(DELAY_MS - 5);
      expect(two.ms).toBeGreaterThanOrEqual(2 * DELAY_MS - 5);
      ones.push(one.ms);
    }
    expect(Math.min(...ones)).toBeLessThan(2 * DELAY_MS - 5);
  });

  /** Milliseconds of a transaction of one statement in `org`'s scope, the connection already in that scope. */
  async function timedTransaction(ds: DataSource, org: string): Promise<{ ms: number; seen: string[] }> {
    await runInOrganization(org, () => ds.query(`SELECT 1`));
    const started = performance.now();
    const rows: { organization_id: string }[] = await runInOrganization(org, () =>
      ds.transaction((m) => m.query(`SELECT organization_id FROM candidates`)),
    );
    return { ms: performance.now() - started, seen: rows.map((r) => r.organization_id) };
  }

  it("sends a transaction's BEGIN with its first statement: BEGIN, a statement and COMMIT in two round trips, not three", async () => {
    const pipelined = await connect(true);
    const sequential = await connect(false);
    const twos: number[] = [];
    for (let i = 0; i < TRIES; i++) {
      const two = await timedTransaction(pipelined, orgA);
      const three = await timedTransaction(sequential, orgB);
      expect(two.seen).toEqual([orgA]);
      expect(three.seen).toEqual([orgB]);
      expect(two.ms).toBeGreaterThanOrEqual(2 * DELAY_MS - 5);
      expect(three.ms).toBeGreaterThanOrEqual(3 * DELAY_MS - 5);
      twos.push(two.ms);
    }
    expect(Math.min(...twos)).toBeLessThan(3 * DELAY_MS - 5);
  });

  it('a held BEGIN still opens the transaction: its writes are unseen until COMMIT and undone by a rollback', async () => {
    const ds = await connect(true);
    const nameOf = async (org: string) =>
      ((await owner.query(`SELECT name FROM candidates WHERE organization_id = $1`, [org])) as { name: string }[])[0].name;
    await expect(
      runInOrganization(orgB, () =>
        ds.transaction(async (m) => {
          await m.query(`UPDATE candidates SET name = 'Inside' WHERE organization_id = $1`, [orgB]);
          // Another session does not see it: the update ran inside a transaction, not on its own.
          expect(await nameOf(orgB)).toBe('Pat Pipeline');
          throw new Error('changed my mind');
        }),
      ),
    ).rejects.toThrow('changed my mind');
    expect(await nameOf(orgB)).toBe('Pat Pipeline');
    // A transaction whose first statement fails rolls back, and the connection serves the next one.
    await expect(runInOrganization(orgB, () => ds.transaction((m) => m.query(`SELECT 1 / 0`)))).rejects.toThrow(/division by zero/);
    await runInOrganization(orgB, () =>
      ds.transaction((m) => m.query(`UPDATE candidates SET name = 'Committed' WHERE organization_id = $1`, [orgB])),
    );
    expect(await nameOf(orgB)).toBe('Committed');
    await owner.query(`UPDATE candidates SET name = 'Pat Pipeline' WHERE organization_id = $1`, [orgB]);
  });

  it("keeps an error with its statement and each statement in its own tenant's scope", async () => {
    const ds = await connect(true);
    const results = await Promise.allSettled(
      [orgA, orgB, orgA, orgB].map((org, i) =>
        runInOrganization(org, () => ds.query(i === 2 ? `SELECT 1 / 0` : `SELECT organization_id FROM candidates`)),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseFulfilledResult<{ organization_id: string }[]>).value).toEqual([{ organization_id: orgB }]);
    expect((results[3] as PromiseFulfilledResult<{ organization_id: string }[]>).value).toEqual([{ organization_id: orgB }]);
    // In a transaction, statements sent together fail together once one fails, and the transaction rolls back.
    await expect(
      runInOrganization(orgA, () =>
        ds.transaction((m) =>
          Promise.all([
            m.query(`UPDATE candidates SET name = 'Changed' WHERE organization_id = $1`, [orgA]),
            m.query(`SELECT 1 / 0`),
            m.query(`SELECT organization_id FROM candidates`),
          ]),
        ),
      ),
    ).rejects.toThrow(/division by zero/);
    expect(await owner.query(`SELECT name FROM candidates WHERE organization_id = $1`, [orgA])).toEqual([{ name: 'Pat Pipeline' }]);
  });
});
