import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AppError,
  ApplicationsRepository,
  AuditService,
  AuthContext,
  candidateTerms,
  CandidatesRepository,
  contentOf,
  ERASED_CANDIDATE_NAME,
  erasedCandidateEmail,
  mapContentText,
  redactCandidate,
  redactCandidateDeep,
  sameContent,
  ScorecardsRepository,
} from '@hireloop/core';

/** What an erasure changed (counts only: the audit row must not carry the personal data it removed). */
export interface ErasureSummary {
  applications: number;
  applicationsWithdrawn: number;
  scorecardsRedacted: number;
  revisionsRedacted: number;
  decisionsRedacted: number;
  storedResponsesRedacted: number;
}

/**
 * Erasure on request ("right to be forgotten"): the candidate's name, email, source and links are replaced by
 * placeholders, and every free text about their applications that names them (scorecard evidence, not-assessed
 * reasons, private notes, amendment reasons, decision rationales, responses stored for idempotent replays) has the
 * name replaced by "[candidate]". Ratings, recommendations, signals, red flags, levels and dates stay: statistics and
 * reports keep their numbers. The audit log is not touched (it cannot be): scorecard audit rows are written with the
 * candidate's name already masked, and candidate audit rows never hold personal data.
 *
 * Active applications are withdrawn: there is no one left to interview. Erasing twice is a no-op.
 */
@Injectable()
export class CandidateErasureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly candidates: CandidatesRepository,
    private readonly applications: ApplicationsRepository,
    private readonly scorecards: ScorecardsRepository,
    private readonly audit: AuditService,
  ) {}

  async erase(auth: AuthContext, candidateId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const candidate = await this.candidates.lockById(manager, auth.organizationId, candidateId);
      if (!candidate) throw AppError.notFound('Candidate', candidateId);
      if (candidate.erasedAt) return;

      const terms = candidateTerms(candidate.name, candidate.email);
      const redact = (text: string) => redactCandidate(text, terms);
      const applications = await this.applications.lockForCandidate(manager, auth.organizationId, candidateId);
      const applicationIds = applications.map((a) => a.id);
      const summary: ErasureSummary = { applications: applications.length, applicationsWithdrawn: 0, scorecardsRedacted: 0, revisionsRedacted: 0, decisionsRedacted: 0, storedResponsesRedacted: 0 };

      for (const application of applications.filter((a) => a.status === 'active')) {
        await this.applications.update(manager, auth.organizationId, application.id, { status: 'withdrawn' });
        await this.audit.record(manager, auth, {
          action: 'application.status_changed',
          entityType: 'application',
          entityId: application.id,
          before: { status: 'active' },
          after: { status: 'withdrawn', cause: 'candidate_erased' },
        });
        summary.applicationsWithdrawn += 1;
      }

      const cards = await this.scorecards.lockForApplications(manager, auth.organizationId, applicationIds);
      for (const card of cards) {
        const content = contentOf(card);
        const redacted = mapContentText(content, redact);
        if (sameContent(content, redacted)) continue;
        await this.scorecards.saveState(manager, auth.organizationId, card.id, { status: card.status, revision: card.revision, content: redacted });
        summary.scorecardsRedacted += 1;
      }

      // scorecard_revisions are history and are otherwise never rewritten. Erasure is the one permitted exception:
      // the law requires the personal data gone from every copy we hold, and history that still named the candidate
      // would defeat it. Only the name is replaced inside free text; every number, date and author stays as it was.
      const revisions = await this.scorecards.lockRevisions(manager, auth.organizationId, cards.map((c) => c.id));
      for (const revision of revisions) {
        const content = contentOf(revision.content);
        const redacted = mapContentText(content, redact);
        const reason = revision.reason === null ? null : redact(revision.reason);
        if (sameContent(content, redacted) && reason === revision.reason) continue;
        await this.scorecards.rewriteRevisionText(manager, auth.organizationId, revision.id, redacted, reason);
        summary.revisionsRedacted += 1;
      }

      summary.decisionsRedacted = await this.redactDecisions(manager, auth.organizationId, applicationIds, redact);
      summary.storedResponsesRedacted = await this.redactStoredResponses(manager, auth.organizationId, applicationIds, terms);

      const erasedAt = new Date();
      await this.candidates.update(manager, auth.organizationId, candidateId, {
        name: ERASED_CANDIDATE_NAME,
        email: erasedCandidateEmail(candidateId),
        source: null,
        links: [],
        erasedAt,
      });
      await this.audit.record(manager, auth, {
        action: 'candidate.erased',
        entityType: 'candidate',
        entityId: candidateId,
        before: { erased: false },
        after: { erased: true, erasedAt: erasedAt.toISOString(), ...summary },
      });
    });
  }

  /**
   * Responses kept for `Idempotency-Key` replays hold copies of scorecards. They are redacted in place (not deleted),
   * so a late retry still replays — the redacted version.
   */
  private async redactStoredResponses(manager: EntityManager, organizationId: string, applicationIds: string[], terms: string[]): Promise<number> {
    if (applicationIds.length === 0) return 0;
    const rows: { member_id: string; scope: string; key: string; response: unknown }[] = await manager.query(
      `SELECT member_id, scope, key, response FROM idempotency_keys
        WHERE organization_id = $1 AND jsonb_typeof(response) = 'object' AND response->>'applicationId' = ANY($2::text[])
        ORDER BY member_id, scope, key FOR UPDATE`,
      [organizationId, applicationIds],
    );
    let changed = 0;
    for (const row of rows) {
      const redacted = redactCandidateDeep(row.response, terms);
      if (JSON.stringify(redacted) === JSON.stringify(row.response)) continue;
      await manager.query(`UPDATE idempotency_keys SET response = $5::jsonb WHERE organization_id = $1 AND member_id = $2 AND scope = $3 AND key = $4`, [
        organizationId,
        row.member_id,
        row.scope,
        row.key,
        JSON.stringify(redacted),
      ]);
      changed += 1;
    }
    return changed;
  }

  /** Decision rationales are free text about the candidate too. */
  private async redactDecisions(manager: EntityManager, organizationId: string, applicationIds: string[], redact: (text: string) => string): Promise<number> {
    if (applicationIds.length === 0) return 0;
    const rows: { id: string; rationale: string; override_reason: string | null }[] = await manager.query(
      `SELECT id, rationale, override_reason FROM decisions WHERE organization_id = $1 AND application_id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
      [organizationId, applicationIds],
    );
    let changed = 0;
    for (const row of rows) {
      const rationale = redact(row.rationale);
      const overrideReason = row.override_reason === null ? null : redact(row.override_reason);
      if (rationale === row.rationale && overrideReason === row.override_reason) continue;
      await manager.query(`UPDATE decisions SET rationale = $3, override_reason = $4 WHERE organization_id = $1 AND id = $2`, [organizationId, row.id, rationale, overrideReason]);
      changed += 1;
    }
    return changed;
  }
}
