import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RetentionRepository } from '@hireloop/core/retention/retention.repository';
import { RetentionService } from '@hireloop/core/retention/retention.service';
import { ALL_ENTITIES } from '@hireloop/core';
import { buildDataSourceOptions } from '@hireloop/database';
import { createPanelMembers, PanelMembers } from '@hireloop/testing/panel-fixture';

/** The daily purge against a real PostgreSQL: only what has expired goes, never work still to do. */
describe('RetentionService (PostgreSQL)', () => {
  let ds: DataSource;
  let service: RetentionService;
  let members: PanelMembers;
  const policy = { idempotencyKeyTtlHours: 48, publishedOutboxRetentionDays: 7 };

  beforeAll(async () => {
    ds = await new DataSource(buildDataSourceOptions({ url: process.env.DATABASE_URL!, entities: ALL_ENTITIES, poolSize: 4 })).initialize();
    service = new RetentionService(new RetentionRepository(ds));
    members = await createPanelMembers(ds, 1);
  });
  afterAll(async () => {
    await ds.destroy();
  });

  const insertKey = async (ageHours: number): Promise<string> => {
    const key = randomUUID();
    await ds.query(
      `INSERT INTO idempotency_keys (organization_id, member_id, scope, key, request_hash, status_code, response, created_at)
       VALUES ($1, $2, 'test', $3, 'hash', 201, '{}'::jsonb, now() - make_interval(hours => $4))`,
      [members.organizationId, members.adminId, key, ageHours],
    );
    return key;
  };
  const insertOutbox = async (publishedDaysAgo: number | null, createdDaysAgo = 30): Promise<string> => {
    const [{ id }] = await ds.query(
      `INSERT INTO outbox_messages (organization_id, queue, job_name, payload, created_at, published_at)
       VALUES ($1, 'maintenance', 'ping', '{}'::jsonb, now() - make_interval(days => $2),
               CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(days => $3::int) END)
       RETURNING id`,
      [members.organizationId, createdDaysAgo, publishedDaysAgo],
    );
    return String(id);
  };

  it('deletes idempotency keys past their time to live and keeps the recent ones', async () => {
    const expired = [await insertKey(49), await insertKey(24 * 30)];
    const fresh = await insertKey(47);

    const purged = await service.purgeExpired(policy);

    expect(purged.idempotencyKeys).toBeGreaterThanOrEqual(2);
    const left: { key: string }[] = await ds.query(`SELECT key FROM idempotency_keys WHERE organization_id = $1`, [members.organizationId]);
    expect(left.map((r) => r.key)).toEqual([fresh]);
    expect(left.map((r) => r.key)).not.toEqual(expect.arrayContaining(expired));
  });

  it('deletes long-published outbox rows, never unpublished ones however old', async () => {
    const oldPublished = await insertOutbox(8);
    const recentPublished = await insertOutbox(6);
    const neverPublished = await insertOutbox(null, 60);

    const purged = await service.purgeExpired(policy);

    expect(purged.outboxMessages).toBeGreaterThanOrEqual(1);
    const left: { id: string }[] = await ds.query(`SELECT id::text FROM outbox_messages WHERE organization_id = $1 ORDER BY outbox_messages.id`, [
      members.organizationId,
    ]);
    expect(left.map((r) => r.id)).toEqual([recentPublished, neverPublished]);
    expect(left.map((r) => r.id)).not.toContain(oldPublished);
  });

  it('deletes the records of sessions whose tokens expired, and keeps the live ones', async () => {
    const insertSession = async (expiresInMinutes: number): Promise<string> => {
      const id = randomUUID();
      await ds.query(
        `INSERT INTO sessions (id, user_id, member_id, created_at, expires_at, user_agent, ip_address)
         SELECT $1, m.user_id, m.id, now() - interval '3 hours', now() + make_interval(mins => $3), 'test agent', '127.0.0.1' FROM members m WHERE m.id = $2`,
        [id, members.adminId, expiresInMinutes],
      );
      return id;
    };
    const expired = await insertSession(-1);
    const live = await insertSession(60);

    const purged = await service.purgeExpired(policy);

    expect(purged.sessions).toBeGreaterThanOrEqual(1);
    const left: { id: string }[] = await ds.query(`SELECT id FROM sessions WHERE id = ANY($1)`, [[expired, live]]);
    expect(left.map((r) => r.id)).toEqual([live]);
  });

  it('works through more rows than one batch', async () => {
    await ds.query(
      `INSERT INTO idempotency_keys (organization_id, member_id, scope, key, request_hash, status_code, response, created_at)
       SELECT $1, $2, 'bulk', 'k' || g, 'hash', 201, '{}'::jsonb, now() - interval '10 days' FROM generate_series(1, 12000) g`,
      [members.organizationId, members.adminId],
    );
    const purged = await service.purgeExpired(policy);
    expect(purged.idempotencyKeys).toBeGreaterThanOrEqual(12_000);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE organization_id = $1 AND scope = 'bulk'`, [
      members.organizationId,
    ]);
    expect(n).toBe(0);
  });
});
