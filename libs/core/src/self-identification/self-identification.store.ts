import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CandidateKeysService } from '../audit/candidate-keys.service';
import { openJson, sealJson } from '../audit/personal-data-cipher';
import type { SelfIdentificationAnswers } from './self-identification-categories';

/** What binds sealed answers to their organization and application. */
function answersAad(organizationId: string, applicationId: string): string {
  return `self-identification:${organizationId}:${applicationId}`;
}

export interface StoredSelfIdentification {
  applicationId: string;
  candidateId: string;
  answers: SelfIdentificationAnswers;
  submittedAt: Date;
}

/**
 * The self-identification answers, apart from interview data: one row per application in `self_identifications`,
 * sealed (AES-256-GCM) with the candidate's data key. Erasure destroys that key and deletes the rows. Only the
 * compliance views and the adverse-impact report call `read`.
 */
@Injectable()
export class SelfIdentificationStore {
  constructor(private readonly keys: CandidateKeysService) {}

  /** Stores (or replaces) the answers; false when the candidate is erased (no key: nothing may be stored). */
  async save(
    manager: EntityManager,
    organizationId: string,
    applicationId: string,
    candidateId: string,
    answers: SelfIdentificationAnswers,
  ): Promise<boolean> {
    const key = await this.keys.keyFor(manager, organizationId, candidateId);
    if (!key) return false;
    await manager.query(
      `INSERT INTO self_identifications (application_id, organization_id, candidate_id, answers) VALUES ($1, $2, $3, $4)
       ON CONFLICT (application_id) DO UPDATE SET answers = EXCLUDED.answers, submitted_at = now()`,
      [applicationId, organizationId, candidateId, sealJson(key, answers, answersAad(organizationId, applicationId))],
    );
    return true;
  }

  /** The answers of these applications (all of the organization's when `applicationIds` is null), by application id. */
  async read(manager: EntityManager, organizationId: string, applicationIds: string[] | null): Promise<Map<string, StoredSelfIdentification>> {
    const rows: { application_id: string; candidate_id: string; answers: Buffer; submitted_at: Date }[] = await manager.query(
      `SELECT application_id, candidate_id, answers, submitted_at FROM self_identifications
        WHERE organization_id = $1 AND ($2::uuid[] IS NULL OR application_id = ANY($2::uuid[]))`,
      [organizationId, applicationIds],
    );
    const keys = await this.keys.existingKeys(
      manager,
      organizationId,
      rows.map((r) => r.candidate_id),
    );
    const out = new Map<string, StoredSelfIdentification>();
    for (const r of rows) {
      const key = keys.get(r.candidate_id);
      if (!key) continue; // erased: unreadable by design
      out.set(r.application_id, {
        applicationId: r.application_id,
        candidateId: r.candidate_id,
        answers: openJson<SelfIdentificationAnswers>(key, r.answers, answersAad(organizationId, r.application_id)),
        submittedAt: new Date(r.submitted_at),
      });
    }
    return out;
  }

  /** Erasure: the candidate's answers and links go (their key is destroyed by the caller as well). */
  async eraseCandidate(manager: EntityManager, organizationId: string, candidateId: string): Promise<number> {
    await manager.query(
      `DELETE FROM self_identification_links WHERE organization_id = $1 AND application_id IN (SELECT id FROM applications WHERE organization_id = $1 AND candidate_id = $2)`,
      [organizationId, candidateId],
    );
    const [{ n }]: { n: number }[] = await manager.query(
      `WITH gone AS (DELETE FROM self_identifications WHERE organization_id = $1 AND candidate_id = $2 RETURNING application_id) SELECT count(*)::int AS n FROM gone`,
      [organizationId, candidateId],
    );
    return n;
  }
}
