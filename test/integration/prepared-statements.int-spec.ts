import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '@hireloop/core';
import { buildDataSourceOptions } from '@hireloop/database';
import { preparedStatementName } from '@hireloop/database/preparing-client';

/** Parameterised queries run as named prepared statements on the real PostgreSQL, and errors leave them usable. */
describe('prepared statements (PostgreSQL)', () => {
  const open = (preparedStatements: boolean) =>
    new DataSource(buildDataSourceOptions({ url: process.env.DATABASE_URL!, entities: ALL_ENTITIES, poolSize: 1, preparedStatements })).initialize();

  it('prepares a parameterised query once per connection and reuses it', async () => {
    const ds = await open(true);
    try {
      const text = `SELECT $1::int + 1 AS answer /* prepared-statements spec ${randomUUID()} */`;
      const runner = ds.createQueryRunner();
      try {
        expect(await runner.query(text, [41])).toEqual([{ answer: 42 }]);
        expect(await runner.query(text, [1])).toEqual([{ answer: 2 }]);
        const prepared: { name: string; statement: string }[] = await runner.query(`SELECT name, statement FROM pg_prepared_statements`);
        expect(prepared).toEqual([{ name: preparedStatementName(text, [1]), statement: text }]);
      } finally {
        await runner.release();
      }
    } finally {
      await ds.destroy();
    }
  });

  it('keeps the statement usable after a bind error, and reports a parse error every time', async () => {
    const ds = await open(true);
    try {
      const lookup = `SELECT count(*)::int AS n FROM organizations WHERE id = $1 /* ${randomUUID()} */`;
      await expect(ds.query(lookup, ['not-a-uuid'])).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '22P02' }) });
      expect(await ds.query(lookup, [randomUUID()])).toEqual([{ n: 0 }]);
      const broken = `SELEC $1::int /* ${randomUUID()} */`;
      for (let i = 0; i < 2; i++)
        await expect(ds.query(broken, [1])).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '42601' }) });
    } finally {
      await ds.destroy();
    }
  });

  it('leaves queries without parameters and everything, when turned off, unnamed', async () => {
    expect(preparedStatementName('SELECT 1', [])).toBeNull();
    expect(preparedStatementName('SELECT 1', undefined)).toBeNull();
    const ds = await open(false);
    try {
      const runner = ds.createQueryRunner();
      try {
        await runner.query(`SELECT $1::int AS one /* ${randomUUID()} */`, [1]);
        expect(await runner.query(`SELECT count(*)::int AS n FROM pg_prepared_statements`)).toEqual([{ n: 0 }]);
      } finally {
        await runner.release();
      }
    } finally {
      await ds.destroy();
    }
  });
});
