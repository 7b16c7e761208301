import { Injectable } from '@nestjs/common';
import { AppConfig } from '@hireloop/config';
import { EntityManager } from 'typeorm';
import { newDataKey, open, parseMasterKey, seal } from './personal-data-cipher';

/**
 * One random data key per candidate (`candidate_keys`), stored wrapped with the master key (DATA_ENCRYPTION_KEY).
 * Personal data that must stay in append-only places (the audit log) is sealed with it; erasing the candidate deletes
 * the key, after which those bytes are noise. The key row is the only copy: backups taken before an erasure still
 * hold it, so backups must be rotated within the erasure deadline (see README).
 */
@Injectable()
export class CandidateKeysService {
  private readonly masterKey: Buffer;

  constructor(config: AppConfig) {
    this.masterKey = parseMasterKey(config.DATA_ENCRYPTION_KEY);
  }

  /**
   * The candidate's data key, created on first use in the caller's transaction. Null when the candidate is erased
   * (or unknown): nothing personal may be sealed for them any more.
   */
  async keyFor(manager: EntityManager, organizationId: string, candidateId: string): Promise<Buffer | null> {
    const wrapped = newWrappedCandidateKey(this.masterKey, organizationId, candidateId);
    // One round trip in the usual cases: the existing key, or the one inserted now.
    let rows: { wrapped_key: Buffer }[] = await manager.query(
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
    // A concurrent first use committed its key while this statement waited on it (not in this statement's snapshot).
    if (rows.length === 0) {
      rows = await manager.query(`SELECT wrapped_key FROM candidate_keys WHERE organization_id = $1 AND candidate_id = $2`, [
        organizationId,
        candidateId,
      ]);
    }
    return rows.length === 0 ? null : this.unwrap(organizationId, candidateId, rows[0].wrapped_key);
  }

  /** A data key read with the caller's own statement (`wrapped_key` of candidate_keys), unwrapped. */
  unwrapStored(organizationId: string, candidateId: string, wrapped: Buffer): Buffer {
    return this.unwrap(organizationId, candidateId, wrapped);
  }

  /** The data keys that still exist, by candidate id (erased candidates are missing from the map). */
  async existingKeys(manager: EntityManager, organizationId: string, candidateIds: string[]): Promise<Map<string, Buffer>> {
    if (candidateIds.length === 0) return new Map();
    const rows: { candidate_id: string; wrapped_key: Buffer }[] = await manager.query(
      `SELECT candidate_id, wrapped_key FROM candidate_keys WHERE organization_id = $1 AND candidate_id = ANY($2::uuid[])`,
      [organizationId, [...new Set(candidateIds)]],
    );
    return new Map(rows.map((r) => [r.candidate_id, this.unwrap(organizationId, r.candidate_id, r.wrapped_key)]));
  }

  /** Crypto-shredding: after this, everything sealed with the candidate's key is unreadable. */
  async destroy(manager: EntityManager, organizationId: string, candidateId: string): Promise<boolean> {
    const [{ n }]: { n: number }[] = await manager.query(
      `WITH destroyed AS (DELETE FROM candidate_keys WHERE organization_id = $1 AND candidate_id = $2 RETURNING candidate_id) SELECT count(*)::int AS n FROM destroyed`,
      [organizationId, candidateId],
    );
    return n > 0;
  }

  private unwrap(organizationId: string, candidateId: string, wrapped: Buffer): Buffer {
    return open(this.masterKey, wrapped, wrapAad(organizationId, candidateId));
  }
}

/** A fresh data key for the candidate, wrapped with the master key as `candidate_keys.wrapped_key` stores it. */
export function newWrappedCandidateKey(masterKey: Buffer, organizationId: string, candidateId: string): Buffer {
  return seal(masterKey, newDataKey(), wrapAad(organizationId, candidateId));
}

function wrapAad(organizationId: string, candidateId: string): string {
  return `candidate-key:${organizationId}:${candidateId}`;
}

/** What binds a sealed audit value to its row's organization and candidate. */
export function auditAad(organizationId: string, candidateId: string): string {
  return `audit:${organizationId}:${candidateId}`;
}
