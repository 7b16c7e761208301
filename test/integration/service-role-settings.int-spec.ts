import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_DATABASE_ROLE, appDatabaseUrl } from '@hireloop/config';
import { ALL_ENTITIES } from '@hireloop/core';
import { buildDataSourceOptions } from '@hireloop/database';

/**
 * The service role carries its session timeouts itself (migration ServiceRoleTimeouts): a session that sends no
 * startup parameters — every session behind a transaction-mode pooler — still has them, and the service's own
 * setting, sent directly as a startup parameter, still wins.
 */
describe('service role session settings', () => {
  const appUrl = appDatabaseUrl({ DATABASE_URL: process.env.DATABASE_URL! });
  const timeouts = `SELECT current_user AS role, current_setting('statement_timeout') AS statement,
                           current_setting('idle_in_transaction_session_timeout') AS idle`;

  it('gives a session of the role that sends no settings a statement timeout of 15 s and an idle-in-transaction one of 30 s', async () => {
    const client = new Client({ connectionString: appUrl });
    await client.connect();
    try {
      expect((await client.query(timeouts)).rows).toEqual([{ role: APP_DATABASE_ROLE, statement: '15s', idle: '30s' }]);
    } finally {
      await client.end();
    }
  });

  it("lets the service's own statement timeout (a startup parameter) override the role's", async () => {
    const ds = await new DataSource(
      buildDataSourceOptions({ url: appUrl, entities: ALL_ENTITIES, poolSize: 1, statementTimeoutMs: 4000 }),
    ).initialize();
    try {
      expect(await ds.query(timeouts)).toEqual([{ role: APP_DATABASE_ROLE, statement: '4s', idle: '30s' }]);
    } finally {
      await ds.destroy();
    }
  });

  it('leaves the owner role alone', async () => {
    const client = new Client({ connectionString: process.env.DATABASE_URL! });
    await client.connect();
    try {
      const [row] = (await client.query(timeouts)).rows;
      expect(row.statement).toBe('0');
    } finally {
      await client.end();
    }
  });
});
