import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '@hireloop/core';
import { OutboxRelayRepository } from '@hireloop/core/outbox/outbox-relay.repository';
import { buildDataSourceOptions } from '@hireloop/database';

/**
 * The relay's claim takes the oldest unpublished messages first, by id as a number. It once ordered by the text
 * column of the same name it selects (`id::text AS id`): the order of '10' before '9', and a sort of the whole
 * backlog on every pass instead of reading the oldest rows off the index (issue 17).
 */
describe('outbox relay claim (PostgreSQL)', () => {
  let ds: DataSource;
  const repository = new OutboxRelayRepository();
  // Ids far above the sequence, across a change in the number of digits (9…9 → 10…0); a queue of this test alone.
  const queue = `claim-order-${process.pid}-${Date.now()}`;
  const firstId = 99_999_999_999_990n;
  const ids = Array.from({ length: 15 }, (_, i) => String(firstId + BigInt(i)));

  beforeAll(async () => {
    ds = await new DataSource(buildDataSourceOptions({ url: process.env.DATABASE_URL!, entities: ALL_ENTITIES, poolSize: 2 })).initialize();
    // Inserted newest first, so the heap's order is not the answer either.
    await ds.query(
      `INSERT INTO outbox_messages (id, queue, job_name, payload)
       SELECT id, $2, 'noop', '{}'::jsonb FROM unnest($1::bigint[]) AS id ORDER BY id DESC`,
      [ids, queue],
    );
  });
  afterAll(async () => {
    await ds.query(`DELETE FROM outbox_messages WHERE queue = $1`, [queue]);
    await ds.destroy();
  });

  it('claims the oldest messages in the order of their ids as numbers', async () => {
    const claimed = await ds.transaction((manager) => repository.claim(manager, [queue], 6));
    expect(claimed.map((row) => row.id)).toEqual(ids.slice(0, 6));
  });

  it('claims after a given id (the next pass of a burst), across the change of digit count', async () => {
    const claimed = await ds.transaction((manager) => repository.claim(manager, [queue], 6, ids[7]));
    expect(claimed.map((row) => row.id)).toEqual(ids.slice(8, 14));
    // And the partial index can start its range after that id (sequential scans off: a test table is small enough for
    // the planner to prefer one).
    const [{ 'QUERY PLAN': plan }] = await ds.transaction(async (manager) => {
      await manager.query(`SET LOCAL enable_seqscan = off`);
      return manager.query(
        `EXPLAIN (FORMAT JSON) SELECT id FROM outbox_messages WHERE published_at IS NULL AND queue = ANY($1::text[]) AND outbox_messages.id > $2::bigint ORDER BY outbox_messages.id LIMIT 6`,
        [[queue], ids[7]],
      );
    });
    expect(JSON.stringify(plan)).toMatch(/"Index Name":"outbox_unpublished_idx".*"Index Cond":"\(id > /);
  });
});
