import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** `candidate_keys`: each candidate's wrapped data key. Every method runs in the caller's transaction. */
@Injectable()
export class CandidateKeysRepository {
  /**
   * The candidate's stored key, or `wrapped` stored now when there is none, in one statement. Null when the candidate
   * is erased or unknown, or when a concurrent first use committed its key while this statement waited on it (not in
   * this statement's snapshot; `find` reads it).
   */
  async findOrInsert(manager: EntityManager, organizationId: string, candidateId: string, wrapped: Buffer): Promise<Buffer | null> {
    const rows: { wrapped_key: Buffer }[] = await manager.query(
      `WITH created AS (
         INSERT INTO candidate_keys (organization_id, candidate_id, wrapped_key)
         SELECT c.organization_id, c.id, $3 FROM candidates c WHERE c.organization_id = $1 AND c.id = $2 AND c.erased_at IS NULL
         ON CONFLICT (candidate_id) DO NOTHING
         RETURNING wrapped_key)
       SELECT wrapped_key FROM created
       UNION ALL
       SELECT wrapped_key FROM candidate_keys WHERE organization_id = $1 AND candidate_id = $2
       LIMIT 1`,
      [organizationId, candidateId, wrapped],
    );
    return rows[0]?.wrapped_key ?? null;
  }

  async find(manager: EntityManager, organizationId: string, candidateId: string): Promise<Buffer | null> {
    const rows: { wrapped_key: Buffer }[] = await manager.query(
      `SELECT wrapped_key FROM candidate_keys WHERE organization_id = $1 AND candidate_id = $2`,
      [organizationId, candidateId],
    );
    return rows[0]?.wrapped_key ?? null;
  }

  /** The stored keys of these candidates, by candidate id (erased candidates have none). */
  async findMany(manager: EntityManager, organizationId: string, candidateIds: string[]): Promise<Map<string, Buffer>> {
    const rows: { candidate_id: string; wrapped_key: Buffer }[] = await manager.query(
      `SELECT candidate_id, wrapped_key FROM candidate_keys WHERE organization_id = $1 AND candidate_id = ANY($2::uuid[])`,
      [organizationId, candidateIds],
    );
    return new Map(rows.map((r) => [r.candidate_id, r.wrapped_key]));
  }

  /** Deletes the candidate's key; false when there was none. */
  async delete(manager: EntityManager, organizationId: string, candidateId: string): Promise<boolean> {
    const [{ n }]: { n: number }[] = await manager.query(
      `WITH destroyed AS (DELETE FROM candidate_keys WHERE organization_id = $1 AND candidate_id = $2 RETURNING candidate_id) SELECT count(*)::int AS n FROM destroyed`,
      [organizationId, candidateId],
    );
    return n > 0;
  }
}
