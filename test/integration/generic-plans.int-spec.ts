import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '@hireloop/core';
import { buildDataSourceOptions, runInOrganization } from '@hireloop/database';

/**
 * The API's connections run every prepared statement on its generic plan (DatabaseSettings.genericPlans): planned once
 * per connection, never again per call. PostgreSQL's default plans the first five calls of a prepared statement
 * anew, then keeps doing so whenever the generic plan's estimate looks dearer (an array or a limit as a parameter).
 */
describe('generic plans (the API)', () => {
  const sources: DataSource[] = [];
  afterAll(async () => {
    for (const ds of sources) await ds.destroy();
  });

  /** Runs a statement with an array parameter `times` times on one connection; how often it was planned each way. */
  async function plansOf(genericPlans: boolean, times: number): Promise<{ mode: string; generic: number; custom: number }> {
    const ds = await new DataSource(
      buildDataSourceOptions({ url: process.env.DATABASE_URL!, entities: ALL_ENTITIES, poolSize: 1, genericPlans }),
    ).initialize();
    sources.push(ds);
    const organizationId = randomUUID();
    const text = `SELECT count(*)::int AS n FROM members WHERE organization_id = $1 AND id = ANY($2::uuid[]) /* generic-plans spec */`;
    for (let i = 0; i < times; i++) await runInOrganization(organizationId, () => ds.query(text, [organizationId, [randomUUID(), randomUUID()]]));
    const [{ mode }] = await ds.query(`SELECT current_setting('plan_cache_mode') AS mode`);
    const [row] = await ds.query(
      `SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement = $1`,
      [text],
    );
    return { mode, ...row };
  }

  it('plans a statement once, generically, where the default plans each of its first calls anew', async () => {
    expect(await plansOf(true, 8)).toEqual({ mode: 'force_generic_plan', generic: 8, custom: 0 });
    const byDefault = await plansOf(false, 8);
    expect(byDefault.mode).toBe('auto');
    expect(byDefault.custom).toBeGreaterThanOrEqual(5);
  });
});
