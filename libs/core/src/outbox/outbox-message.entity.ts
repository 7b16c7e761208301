import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Transactional outbox: written in the same transaction as the change it announces, moved into BullMQ by the
 * relay in the worker. A row is published once; redelivery is harmless because jobs carry ids only.
 */
@Entity({ name: 'outbox_messages' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  /** Queue the message is for, e.g. `panel-aggregation`. */
  @Column({ type: 'text' })
  queue: string;

  /** Job name within the queue. */
  @Column({ name: 'job_name', type: 'text' })
  jobName: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** BullMQ job id used for de-duplication, e.g. `aggregate:<applicationId>`. */
  @Column({ name: 'dedupe_key', type: 'text', nullable: true })
  dedupeKey: string | null;

  /** W3C `traceparent` of the writing request (null when tracing is off). */
  @Column({ name: 'trace_context', type: 'text', nullable: true })
  traceContext: string | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
