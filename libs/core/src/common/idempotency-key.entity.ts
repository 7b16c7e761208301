import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A replayable response for a request sent with an `Idempotency-Key` header (per member and route). */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  @PrimaryColumn({ name: 'member_id', type: 'uuid' }) memberId: string;
  @PrimaryColumn({ type: 'text' }) scope: string;
  @PrimaryColumn({ type: 'text' }) key: string;
  /** sha256 of the request body: the same key with a different body is refused. */
  @Column({ name: 'request_hash', type: 'text' }) requestHash: string;
  @Column({ name: 'status_code', type: 'int' }) statusCode: number;
  @Column({ type: 'jsonb' }) response: unknown;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
