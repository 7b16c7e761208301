import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/app-error';
import { ApplicationsRepository } from './applications.repository';
import { AuditService } from '../audit/audit.service';
import { AuthContext } from '../common/auth-context';
import { CandidateKeysService } from '../audit/candidate-keys.service';
import { candidateTerms, ERASED_CANDIDATE_NAME, ERASED_TEXT, erasedCandidateEmail, eraseFreeTextDeep } from './candidate-redaction';
import { EmailRequestsRepository } from '../email/email-requests.repository';
import { CandidatesRepository } from './candidates.repository';
import { IdempotencyStore } from '../common/idempotency';
import { DecisionsRepository } from '../decisions/decisions.repository';
import { contentOf, mapContentText, sameContent } from '../scorecards/scorecard-content';
import { OutcomesRepository } from '../outcomes/outcomes.repository';
import { ScorecardsRepository } from '../scorecards/scorecards.repository';
import { SelfIdentificationStore } from '../self-identification/self-identification.store';

/** What an erasure changed (counts only: the audit row must not carry the personal data it removed). */
export interface ErasureSummary {
  applications: number;
  applicationsWithdrawn: number;
  scorecardsRedacted: number;
  revisionsRedacted: number;
  decisionsRedacted: number;
  storedResponsesRedacted: number;
  /** Unsent e-mails of the organization whose stored parameters named the candidate (sent ones keep no parameters). */
  emailsRedacted: number;
  /** Self-identification link emails to the candidate not sent yet, deleted (never sent after the erasure). */
  selfIdentificationEmailsCancelled: number;
  /** Voluntary self-identification answers deleted (with their links). */
  selfIdentificationsDeleted: number;
  /** Outcomes after the hire (performance ratings, departure, …) deleted: personnel data, kept for no statistic. */
  outcomesDeleted: number;
  /** The candidate's data key was destroyed: their personal fields in the audit log are unrecoverable. */
  auditKeyDestroyed: boolean;
}

/**
 * Erasure on request ("right to be forgotten"). Nothing personal about the candidate stays readable anywhere:
 * - the candidate row: name, email, source and links replaced by placeholders;
 * - every free text written about their applications — scorecard evidence, not-assessed reasons, private notes,
 *   amendment reasons (also in every revision), decision rationales and override reasons, the application's stage
 *   label, and the copies of scorecards kept for `Idempotency-Key` replays — replaced by "[erased on request]";
 * - the append-only audit log is never edited: its personal fields were sealed from the start with the candidate's
 *   own data key (`candidate_keys`), which is deleted here (crypto-shredding). The rows stay, with every non-personal
 *   fact (who, what, when, statuses, ids), and read back with `personalDataErased: true`.
 * Ratings, recommendations, signals, red flags, levels and dates stay: statistics and reports keep their numbers.
 * Outcomes after a hire (performance ratings, time to productivity, departure, promotions) are deleted: they are
 * personnel data about the person, not interview evidence; the validity report loses that hire.
 * Reports, outbox payloads, notifications and webhook deliveries carry ids and numbers only.
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
    private readonly keys: CandidateKeysService,
    private readonly selfIdentification: SelfIdentificationStore,
    private readonly outcomes: OutcomesRepository,
    private readonly decisions: DecisionsRepository,
    private readonly idempotency: IdempotencyStore,
    private readonly emailDeliveries: EmailRequestsRepository,
  ) {}

  async erase(auth: AuthContext, candidateId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const candidate = await this.candidates.lockById(manager, auth.organizationId, candidateId);
      if (!candidate) throw AppError.notFound('Candidate', candidateId);
      if (candidate.erasedAt) return;

      const terms = candidateTerms(candidate.name, candidate.email);
      const erase = () => ERASED_TEXT;
      const applications = await this.applications.lockForCandidate(manager, auth.organizationId, candidateId);
      const applicationIds = applications.map((a) => a.id);
      const summary: ErasureSummary = {
        applications: applications.length,
        applicationsWithdrawn: 0,
        scorecardsRedacted: 0,
        revisionsRedacted: 0,
        decisionsRedacted: 0,
        storedResponsesRedacted: 0,
        emailsRedacted: 0,
        selfIdentificationEmailsCancelled: 0,
        selfIdentificationsDeleted: 0,
        outcomesDeleted: 0,
        auditKeyDestroyed: false,
      };

      for (const application of applications) {
        const withdraw = application.status === 'active';
        await this.applications.update(manager, auth.organizationId, application.id, {
          stage: ERASED_TEXT,
          ...(withdraw ? { status: 'withdrawn' } : {}),
        });
        if (!withdraw) continue;
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
        const erased = mapContentText(content, erase);
        if (sameContent(content, erased)) continue;
        await this.scorecards.saveState(manager, auth.organizationId, card.id, { status: card.status, revision: card.revision, content: erased });
        summary.scorecardsRedacted += 1;
      }

      // scorecard_revisions are history and are otherwise never rewritten. Erasure is the one permitted exception:
      // the law requires the personal data gone from every copy we hold. Every number, date and author stays.
      const revisions = await this.scorecards.lockRevisions(
        manager,
        auth.organizationId,
        cards.map((c) => c.id),
      );
      for (const revision of revisions) {
        const content = contentOf(revision.content);
        const erased = mapContentText(content, erase);
        const reason = revision.reason === null ? null : ERASED_TEXT;
        if (sameContent(content, erased) && reason === revision.reason) continue;
        await this.scorecards.rewriteRevisionText(manager, auth.organizationId, revision.id, erased, reason);
        summary.revisionsRedacted += 1;
      }

      summary.decisionsRedacted =
        applicationIds.length === 0 ? 0 : await this.decisions.eraseFreeText(manager, auth.organizationId, applicationIds, ERASED_TEXT);
      summary.storedResponsesRedacted = await this.eraseStoredResponses(manager, auth.organizationId, applicationIds, terms);
      summary.emailsRedacted = await this.eraseEmailParams(manager, auth.organizationId, terms);
      // Before the links go: their ids name the candidate's self-identification mails.
      summary.selfIdentificationEmailsCancelled = await this.eraseSelfIdentificationMail(manager, auth.organizationId, candidateId);
      summary.selfIdentificationsDeleted = await this.selfIdentification.eraseCandidate(manager, auth.organizationId, candidateId);
      summary.outcomesDeleted = await this.outcomes.deleteForApplications(manager, auth.organizationId, applicationIds);
      summary.auditKeyDestroyed = await this.keys.destroy(manager, auth.organizationId, candidateId);

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
   * Responses kept for `Idempotency-Key` replays hold copies of scorecards. Their free text is erased in place (the
   * rows are not deleted), so a late retry still replays — the erased version.
   */
  private async eraseStoredResponses(manager: EntityManager, organizationId: string, applicationIds: string[], terms: string[]): Promise<number> {
    if (applicationIds.length === 0) return 0;
    const rows = await this.idempotency.lockResponsesForApplications(manager, organizationId, applicationIds);
    let changed = 0;
    for (const row of rows) {
      const erased = eraseFreeTextDeep(row.response, terms);
      if (JSON.stringify(erased) === JSON.stringify(row.response)) continue;
      await this.idempotency.replaceResponse(manager, organizationId, row, erased);
      changed += 1;
    }
    return changed;
  }

  /**
   * E-mails not sent yet keep their template parameters (e.g. the candidate's name in an interview or decision
   * mail) until they are sent or fail; the candidate's name and e-mail in them are replaced, so a mail sent after the
   * erasure names no one.
   */
  private async eraseEmailParams(manager: EntityManager, organizationId: string, terms: string[]): Promise<number> {
    const rows = await this.emailDeliveries.lockEmailParams(manager, organizationId);
    let changed = 0;
    for (const row of rows) {
      const erased = eraseFreeTextDeep(row.params, terms);
      if (JSON.stringify(erased) === JSON.stringify(row.params)) continue;
      await this.emailDeliveries.replaceEmailParams(manager, organizationId, row.id, erased);
      changed += 1;
    }
    return changed;
  }

  /**
   * The self-identification link mails addressed to the candidate: unsent ones are deleted (their token must not
   * reach anyone now, and a worker that later picks up the job finds nothing to send); sent or failed ones stay as
   * the organization's delivery record, without the candidate's address or name. Returns how many were deleted.
   */
  private async eraseSelfIdentificationMail(manager: EntityManager, organizationId: string, candidateId: string): Promise<number> {
    const deleted = await this.emailDeliveries.deleteUnsentSelfIdentificationMail(manager, organizationId, candidateId);
    await this.emailDeliveries.anonymizeSelfIdentificationMail(manager, organizationId, candidateId, {
      email: erasedCandidateEmail(candidateId),
      name: ERASED_CANDIDATE_NAME,
    });
    return deleted;
  }
}
