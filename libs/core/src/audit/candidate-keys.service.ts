import { Injectable } from '@nestjs/common';
import { AppConfig } from '@hireloop/config';
import { EntityManager } from 'typeorm';
import { CandidateKeysRepository } from './candidate-keys.repository';
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

  constructor(
    config: AppConfig,
    private readonly keys: CandidateKeysRepository,
  ) {
    this.masterKey = parseMasterKey(config.DATA_ENCRYPTION_KEY);
  }

  /**
   * The candidate's data key, created on first use in the caller's transaction. Null when the candidate is erased
   * (or unknown): nothing personal may be sealed for them any more.
   */
  async keyFor(manager: EntityManager, organizationId: string, candidateId: string): Promise<Buffer | null> {
    const wrapped = newWrappedCandidateKey(this.masterKey, organizationId, candidateId);
    // One round trip in the usual cases: the existing key, or the one inserted now; a second one when a concurrent
    // first use committed its key while the first statement waited on it (not in that statement's snapshot).
    const stored =
      (await this.keys.findOrInsert(manager, organizationId, candidateId, wrapped)) ?? (await this.keys.find(manager, organizationId, candidateId));
    return stored === null ? null : this.unwrap(organizationId, candidateId, stored);
  }

  /** A data key read with the caller's own statement (`wrapped_key` of candidate_keys), unwrapped. */
  unwrapStored(organizationId: string, candidateId: string, wrapped: Buffer): Buffer {
    return this.unwrap(organizationId, candidateId, wrapped);
  }

  /** The data keys that still exist, by candidate id (erased candidates are missing from the map). */
  async existingKeys(manager: EntityManager, organizationId: string, candidateIds: string[]): Promise<Map<string, Buffer>> {
    if (candidateIds.length === 0) return new Map();
    const stored = await this.keys.findMany(manager, organizationId, [...new Set(candidateIds)]);
    return new Map([...stored].map(([candidateId, wrapped]) => [candidateId, this.unwrap(organizationId, candidateId, wrapped)]));
  }

  /** Crypto-shredding: after this, everything sealed with the candidate's key is unreadable. */
  async destroy(manager: EntityManager, organizationId: string, candidateId: string): Promise<boolean> {
    return this.keys.delete(manager, organizationId, candidateId);
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
