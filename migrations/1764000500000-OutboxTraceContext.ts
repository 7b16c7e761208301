import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The W3C trace context (`traceparent`) of the request that wrote an outbox row, carried by the relay into the job's
 * data so the job's spans join the request's trace. Nullable: written only when tracing is on. Adding a nullable
 * column without a default is a catalog-only change (no table rewrite, a brief lock).
 */
export class OutboxTraceContext1764000500000 implements MigrationInterface {
  name = 'OutboxTraceContext1764000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_messages ADD COLUMN trace_context text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_messages DROP COLUMN trace_context`);
  }
}
