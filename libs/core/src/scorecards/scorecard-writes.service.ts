import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { pgConstraint, pgErrorCode, PgErrorCode } from '@hireloop/database';
import { QueueName } from '@hireloop/queue';
import { AuditService } from '../audit/audit.service';
import { CandidateKeysService } from '../audit/candidate-keys.service';
import { ApplicationEntity } from '../candidates/application.entity';
import { candidateRedactor, candidateTerms } from '../candidates/candidate-redaction';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../common/auth-context';
import { IdempotencyStore, IdempotentResult } from '../common/idempotency';
import { InterviewEntity } from '../interviews/interview.entity';
import { InterviewsRepository } from '../interviews/interviews.repository';
import { CachedLoopVersion, immutableLoopVersions } from '../interviews/loop-version-cache';
import { organizationSettings } from '../organizations/organization.entity';
import { panelAggregationRequest } from '../outbox/job-requests';
import { OutboxService, OutboxWakeup } from '../outbox/outbox.service';
import { ratingScaleOf } from '../roles/rating-scale';
import { contentOf, mapContentText, sameContent, ScorecardContent } from './scorecard-content';
import { ScorecardEntity } from './scorecard.entity';
import { ScorecardInput, ScorecardRules, ScorecardValidationMode, validateScorecard } from './scorecard-validation';
import { ScorecardsRepository, ScorecardWriteContextRow } from './scorecards.repository';
import { ScorecardView, ScorecardViews, viewOf } from './scorecard-views';

/** A draft as sent: every field optional (the API's `ScorecardDraftRequestDto` has this shape). */
export type SaveScorecardDraftInput = ScorecardInput;

/** A submission as sent; completeness is checked by `validateScorecard`, so that one answer lists every problem. */
export type SubmitScorecardInput = ScorecardInput;

/** An amendment: a full scorecard and why it changes. */
export interface AmendScorecardInput extends ScorecardInput {
  reason: string;
}

export interface WithdrawScorecardInput {
  reason: string;
}

/** Everything a scorecard write is checked against, read (and locked) inside its transaction. */
interface WriteContext {
  interview: Pick<InterviewEntity, 'id' | 'applicationId' | 'roleId' | 'roundId' | 'loopVersionId' | 'interviewerIds' | 'startsAt' | 'status'>;
  application: Pick<ApplicationEntity, 'id' | 'candidateId'>;
  rules: ScorecardRules;
  /** Masks the candidate's name in free text written to the audit log (which can never be edited or erased). */
  mask: (text: string) => string;
  /** The loop version checked against; `cached`: from the process's cache (nothing locked or read). */
  version: CachedLoopVersion;
  versionCached: boolean;
  /** The candidate's wrapped data key as read with the context (null: none yet, or erased). */
  wrappedKey: Buffer | null;
  candidateErased: boolean;
  memberName: string;
  /** The writer's scorecard for the interview as read with the context (not locked); null: none yet. */
  scorecardId: string | null;
}

/**
 * An interviewer's writes to their own scorecard: draft, submit, amend, withdraw.
 *
 * Each is one transaction that takes, in this order, the idempotency key (if sent), a share lock on the interview
 * and on the application (so neither a cancellation nor the hiring decision can slip in), a key-share lock on the
 * interview's loop version unless it is already immutable (so its snapshot cannot be rewritten while the scorecard
 * is checked against it; see ImmutableLoopVersions) and the scorecard row FOR UPDATE; then writes the scorecard, its
 * revision, its rows in `scorecard_ratings`, the audit row and — on submit, amend and withdraw — the one request to
 * recompute the application's report.
 *
 * Submit, amend and withdraw are built for round trips (issue 17): one statement reads and locks the context, one
 * inserts or locks the scorecard, one writes everything else and answers what the response needs; the relay is woken
 * after the commit (OutboxWakeup), not by a NOTIFY inside the transaction.
 */
@Injectable()
export class ScorecardWritesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly interviews: InterviewsRepository,
    private readonly scorecards: ScorecardsRepository,
    private readonly views: ScorecardViews,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly wakeup: OutboxWakeup,
    private readonly keys: CandidateKeysService,
    private readonly idempotency: IdempotencyStore,
  ) {}

  async saveDraft(auth: AuthContext, interviewId: string, input: SaveScorecardDraftInput): Promise<ScorecardView> {
    return this.dataSource.transaction(async (manager) => {
      const ctx = await this.context(manager, auth, interviewId);
      const content = this.validate(input, ctx, 'draft');
      const card = await this.lockOrCreate(manager, auth, ctx);
      if (card.status !== 'draft') throw alreadySubmitted(card);
      const before = contentOf(card);
      if (!sameContent(before, content)) {
        await this.scorecards.saveState(manager, auth.organizationId, card.id, { status: 'draft', revision: 0, content });
        await this.audit.record(manager, auth, {
          action: 'scorecard.draft_saved',
          entityType: 'scorecard',
          entityId: card.id,
          before: this.auditState(ctx, card, before),
          after: this.auditState(ctx, { status: 'draft', revision: 0 }, content),
          personal: this.personal(ctx),
        });
      }
      return this.ownView(manager, auth, card.id);
    });
  }

  /**
   * First submission. Re-sending the identical content (no Idempotency-Key) answers 200 with the scorecard as it is
   * and writes nothing; different content is a 409 `already_submitted` (amend instead).
   */
  submit(auth: AuthContext, interviewId: string, input: SubmitScorecardInput, key: string | undefined): Promise<IdempotentResult<ScorecardView>> {
    return this.revisionTransaction((manager, written) =>
      this.idempotency.run(manager, auth, key, 'scorecard.submit', { interviewId, body: input }, 200, async () => {
        const ctx = await this.context(manager, auth, interviewId);
        if (ctx.interview.startsAt.getTime() > Date.now()) {
          throw AppError.conflict('interview_not_started', 'The interview has not started yet; save a draft until then.', {
            startsAt: ctx.interview.startsAt.toISOString(),
          });
        }
        const content = this.validate(input, ctx, 'submit');
        // A first submission without a draft inserts the scorecard in the write statement itself (one round trip less).
        const fresh = ctx.scorecardId === null;
        const card = fresh ? unsavedDraft(auth, ctx) : await this.lockOrCreate(manager, auth, ctx);
        if (card.status === 'submitted') {
          if (sameContent(contentOf(card), content)) return this.ownView(manager, auth, card.id);
          throw alreadySubmitted(card);
        }
        if (card.status === 'withdrawn') {
          throw AppError.conflict('scorecard_withdrawn', 'This scorecard was withdrawn; amend it (with a reason) to submit it again.', {
            scorecardId: card.id,
          });
        }
        return this.writeRevision(
          manager,
          auth,
          ctx,
          card,
          { kind: 'submitted', status: 'submitted', content, reason: null, insert: fresh },
          written,
        );
      }),
    );
  }

  /** A new revision of a submitted (or withdrawn) scorecard, with a reason, until the hiring decision is recorded. */
  amend(auth: AuthContext, interviewId: string, input: AmendScorecardInput, key: string | undefined): Promise<IdempotentResult<ScorecardView>> {
    return this.revisionTransaction((manager, written) =>
      this.idempotency.run(manager, auth, key, 'scorecard.amend', { interviewId, body: input }, 200, async () => {
        const { ctx, card } = await this.submittedContext(manager, auth, interviewId, 'amend');
        const content = this.validate(input, ctx, 'submit');
        if (card.status === 'submitted' && sameContent(contentOf(card), content)) {
          throw AppError.conflict('no_changes', 'The amendment is identical to the current scorecard; nothing to amend.', { scorecardId: card.id });
        }
        return this.writeRevision(manager, auth, ctx, card, { kind: 'amended', status: 'submitted', content, reason: input.reason }, written);
      }),
    );
  }

  /** Takes the feedback out of the panel (its numbers leave the statistics); the content stays in the history. */
  withdraw(auth: AuthContext, interviewId: string, input: WithdrawScorecardInput, key: string | undefined): Promise<IdempotentResult<ScorecardView>> {
    return this.revisionTransaction((manager, written) =>
      this.idempotency.run(manager, auth, key, 'scorecard.withdraw', { interviewId, body: input }, 200, async () => {
        const { ctx, card } = await this.submittedContext(manager, auth, interviewId, 'withdraw');
        // Withdrawing twice changes nothing the second time.
        if (card.status !== 'withdrawn') {
          return this.writeRevision(
            manager,
            auth,
            ctx,
            card,
            { kind: 'withdrawn', status: 'withdrawn', content: contentOf(card), reason: input.reason },
            written,
          );
        }
        return this.ownView(manager, auth, card.id);
      }),
    );
  }

  // ---------------------------------------------------------------------------------------------------------------

  /**
   * A transaction of submit, amend or withdraw; after its commit, the relay is woken for the report request it wrote
   * and the loop version it checked against (now pointed at by a committed scorecard) is remembered as immutable.
   */
  private async revisionTransaction<T>(work: (manager: EntityManager, written: (ctx: WriteContext) => void) => Promise<T>): Promise<T> {
    let wrote: WriteContext | null = null;
    const attempt = () => this.dataSource.transaction((manager) => work(manager, (ctx) => (wrote = ctx)));
    // Two first submissions at once both found no scorecard and both inserted one: the second meets the unique key
    // and runs again, now finding (and locking) the first one's scorecard, as a write after it would.
    const result = await attempt().catch((error: unknown) => {
      if (pgErrorCode(error) === PgErrorCode.UniqueViolation && pgConstraint(error) === 'scorecards_interview_id_interviewer_id_key') {
        wrote = null;
        return attempt();
      }
      throw error;
    });
    const ctx = wrote as WriteContext | null;
    if (ctx) {
      this.wakeup.wake(QueueName.PanelAggregation);
      if (!ctx.versionCached) immutableLoopVersions.remember(ctx.version);
    }
    return result;
  }

  private async writeRevision(
    manager: EntityManager,
    auth: AuthContext,
    ctx: WriteContext,
    card: ScorecardEntity,
    change: {
      kind: 'submitted' | 'amended' | 'withdrawn';
      status: 'submitted' | 'withdrawn';
      content: ScorecardContent;
      reason: string | null;
      /** The scorecard does not exist yet: the statement inserts it. */
      insert?: boolean;
    },
    written: (ctx: WriteContext) => void,
  ): Promise<ScorecardView> {
    const org = auth.organizationId;
    const revision = card.revision + 1;
    const before = contentOf(card);
    const audit = this.audit.row(
      auth,
      {
        action: `scorecard.${change.kind}`,
        entityType: 'scorecard',
        entityId: card.id,
        before: this.auditState(ctx, card, before),
        after: {
          ...this.auditState(ctx, { status: change.status, revision }, change.content),
          ...(change.reason !== null ? { reason: ctx.mask(change.reason) } : {}),
        },
        personal: this.personal(ctx),
      },
      await this.candidateKey(manager, auth, ctx),
    );
    const stored = await this.scorecards.writeRevision(manager, {
      organizationId: org,
      scorecardId: card.id,
      applicationId: card.applicationId,
      roleId: ctx.interview.roleId,
      interviewerId: card.interviewerId,
      kind: change.kind,
      status: change.status,
      revision,
      content: change.content,
      reason: change.reason,
      actorMemberId: auth.memberId,
      audit,
      // THE call site: the application's report is recomputed in the background after this commits.
      outbox: this.outbox.row(panelAggregationRequest(org, ctx.application.id)),
      insert: change.insert ? { interviewId: ctx.interview.id, loopVersionId: ctx.interview.loopVersionId } : undefined,
    });
    written(ctx);
    const dimensionNames = new Map(ctx.version.snapshot.dimensions.map((d) => [d.id, d.name]));
    return viewOf(stored.card, {
      interviewerName: ctx.memberName,
      revisions: stored.revisions,
      firstViewedAt: stored.firstViewedAt,
      showPrivateNote: true,
      dimensionName: (id) => dimensionNames.get(id) ?? '',
    });
  }

  /** The candidate's data key for the audit's sealed fields: as read with the context, else made now; null once erased. */
  private async candidateKey(manager: EntityManager, auth: AuthContext, ctx: WriteContext): Promise<Buffer | null> {
    if (ctx.candidateErased) return null;
    if (ctx.wrappedKey) return this.keys.unwrapStored(auth.organizationId, ctx.application.candidateId, ctx.wrappedKey);
    return this.keys.keyFor(manager, auth.organizationId, ctx.application.candidateId);
  }

  private async context(manager: EntityManager, auth: AuthContext, interviewId: string): Promise<WriteContext> {
    const row = await this.scorecards.writeContext(manager, auth.organizationId, interviewId, auth.memberId);
    if (!row) throw AppError.notFound('Interview', interviewId);
    return this.checkedContext(manager, auth, row);
  }

  /**
   * The context of an amendment or a withdrawal, with the writer's submitted scorecard locked by the same statement.
   * When that finds nothing, the unlocked context says why (no such interview, not assigned, cancelled, decided…),
   * else the scorecard is missing.
   */
  private async submittedContext(
    manager: EntityManager,
    auth: AuthContext,
    interviewId: string,
    action: 'amend' | 'withdraw',
  ): Promise<{ ctx: WriteContext; card: ScorecardEntity }> {
    const row = await this.scorecards.writeContext(manager, auth.organizationId, interviewId, auth.memberId, { lockScorecard: true });
    const ctx = row ? await this.checkedContext(manager, auth, row) : await this.context(manager, auth, interviewId);
    const card = row?.scorecard;
    if (!card || card.status === 'draft') {
      throw AppError.conflict('not_submitted', `Only a submitted scorecard can be ${action === 'amend' ? 'amended' : 'withdrawn'}; submit it first.`);
    }
    return { ctx, card };
  }

  private async checkedContext(manager: EntityManager, auth: AuthContext, row: ScorecardWriteContextRow): Promise<WriteContext> {
    const org = auth.organizationId;
    if (!row.interviewerIds.includes(auth.memberId)) throw notAssigned();
    if (row.status === 'cancelled') throw AppError.conflict('interview_cancelled', 'The interview was cancelled; it takes no feedback.');
    if (row.applicationDecidedAt)
      throw AppError.conflict('decision_recorded', 'The hiring decision is recorded; feedback on this application can no longer change.');
    const found = await this.interviews.loopVersionForWrite(manager, org, row.loopVersionId);
    const round = found?.version.snapshot.rounds.find((r) => r.id === row.roundId);
    if (!found || !round) {
      throw AppError.conflict(
        'round_not_in_loop_version',
        "The interview's round is missing from its loop version; ask a recruiter to reschedule it.",
      );
    }
    const { version } = found;
    const erased = row.candidateName === null || row.candidateErasedAt !== null;
    const terms = erased ? [] : candidateTerms(row.candidateName as string, row.candidateEmail as string);
    return {
      interview: { ...row, status: row.status as InterviewEntity['status'] },
      application: { id: row.applicationId, candidateId: row.candidateId },
      rules: {
        loopVersionNumber: version.number,
        dimensions: version.snapshot.dimensions,
        round,
        minEvidenceLength: organizationSettings({ settings: row.organizationSettings as never }).minEvidenceLength,
        scale: ratingScaleOf(version.snapshot.ratingScale),
      },
      mask: candidateRedactor(terms),
      version,
      versionCached: found.cached,
      wrappedKey: erased ? null : row.wrappedKey,
      candidateErased: erased,
      memberName: row.memberName ?? '',
      scorecardId: row.scorecardId,
    };
  }

  private validate(input: ScorecardInput, ctx: WriteContext, mode: ScorecardValidationMode): ScorecardContent {
    const result = validateScorecard(input, ctx.rules, mode);
    if (!result.ok)
      throw AppError.invalidFields(result.errors, `The scorecard has invalid fields: ${[...new Set(result.errors.map((e) => e.field))].join(', ')}`);
    return result.content;
  }

  private lockOrCreate(manager: EntityManager, auth: AuthContext, ctx: WriteContext): Promise<ScorecardEntity> {
    return this.scorecards.lockOrCreate(manager, {
      organizationId: auth.organizationId,
      applicationId: ctx.application.id,
      interviewId: ctx.interview.id,
      interviewerId: auth.memberId,
      loopVersionId: ctx.interview.loopVersionId,
    });
  }

  /** The audit log's copy of a scorecard state: everything, with the candidate's name masked in free text. */
  /** What is written about the candidate (evidence, notes, reasons) is sealed with their key in the audit log. */
  private personal(ctx: WriteContext) {
    return { candidateId: ctx.application.candidateId, fields: ['ratings', 'privateNote', 'reason'] };
  }

  private auditState(ctx: WriteContext, state: { status: string; revision: number }, content: ScorecardContent) {
    return {
      interviewId: ctx.interview.id,
      applicationId: ctx.application.id,
      loopVersionId: ctx.interview.loopVersionId,
      status: state.status,
      revision: state.revision,
      ...mapContentText(content, ctx.mask),
    };
  }

  private async ownView(manager: EntityManager, auth: AuthContext, scorecardId: string): Promise<ScorecardView> {
    const card = await this.scorecards.findById(auth.organizationId, scorecardId, manager);
    const [view] = await this.views.build(manager, auth.organizationId, [card!], { showPrivateNote: () => true });
    return view;
  }
}

export function notAssigned(): AppError {
  return AppError.forbidden('not_assigned', 'Only the interviewers assigned to this interview can do this.');
}

function alreadySubmitted(card: ScorecardEntity): AppError {
  return AppError.conflict('already_submitted', 'This scorecard is already submitted; use amend (with a reason) to change it.', {
    scorecardId: card.id,
  });
}

/** The empty draft a first submission starts from when none was saved: what `lockOrCreate` would have inserted. */
function unsavedDraft(auth: AuthContext, ctx: WriteContext): ScorecardEntity {
  const now = new Date();
  return {
    id: randomUUID(),
    organizationId: auth.organizationId,
    applicationId: ctx.application.id,
    interviewId: ctx.interview.id,
    interviewerId: auth.memberId,
    loopVersionId: ctx.interview.loopVersionId,
    status: 'draft',
    revision: 0,
    ...contentOf({}),
    submittedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}
