import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PgErrorCode, pgErrorCode } from '@hireloop/database';
import { AuditService } from '../audit/audit.service';
import { candidateRedactor, candidateTerms } from '../candidates/candidate-redaction';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../common/auth-context';
import { debriefAccess } from '../debriefs/debrief-access';
import { blindError, DebriefsService } from '../debriefs/debriefs.service';
import { DebriefsRepository } from '../debriefs/debriefs.repository';
import { EmailRequests } from '../email';
import { MembersRepository } from '../members/members.repository';
import { requestInterviewerCalibration } from '../outbox/job-requests';
import { OutboxService } from '../outbox/outbox.service';
import { CalibrationReportsRepository } from '../reports/calibration-reports.repository';
import { ScorecardsRepository } from '../scorecards/scorecards.repository';
import { HiringDecision } from './decision.entity';
import { evaluateDecision, reportFreshness, statusAfterDecision } from './decision-rules';
import { DecisionView, decisionView } from './decision-view';
import { DecisionsRepository } from './decisions.repository';

/** A hiring decision as sent (the API's `RecordDecisionRequestDto` has this shape). */
export interface RecordDecisionInput {
  decision: HiringDecision;
  rationale: string;
  overrideReason?: string;
  acknowledgeStale?: boolean;
  staleReason?: string;
}

/** The hiring decision: once per application, by an admin or the role's hiring manager, against the latest report. */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly debriefs: DebriefsRepository,
    private readonly debriefReader: DebriefsService,
    private readonly reports: CalibrationReportsRepository,
    private readonly decisions: DecisionsRepository,
    private readonly scorecards: ScorecardsRepository,
    private readonly members: MembersRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async decide(auth: AuthContext, applicationId: string, input: RecordDecisionInput): Promise<DecisionView> {
    try {
      const decision = await this.dataSource.transaction(async (manager) => {
        // Locks the application: concurrent decisions queue here, and scorecard amendments that check decided_at
        // under a share lock cannot slip in between.
        const application = await this.debriefs.findApplication(auth.organizationId, applicationId, manager, true);
        if (!application) throw AppError.notFound('Application', applicationId);
        const panel = await this.scorecards.panelFacts(auth.organizationId, applicationId, auth.memberId, manager);
        const access = debriefAccess(auth, application, panel);
        if (access.blind) throw blindError();
        if (!access.decide) {
          throw AppError.forbidden('decision_forbidden', "Only an admin or the role's hiring manager can record the hiring decision.");
        }
        if (application.decidedAt || (await this.decisions.findByApplication(auth.organizationId, applicationId, manager))) {
          throw AppError.conflict('decision_already_recorded', 'A decision was already recorded for this application.');
        }
        if (application.status !== 'active') {
          throw AppError.conflict('application_not_active', `The application is ${application.status}; only active applications can be decided.`);
        }

        if (input.acknowledgeStale && !input.staleReason) {
          throw AppError.invalid(
            'staleReason',
            'staleReason is required with acknowledgeStale: say why the decision cannot wait for the report to include the latest feedback.',
            'stale_reason_required',
          );
        }
        const report = await this.reports.latest(auth.organizationId, applicationId, manager);
        const state = await this.decisions.feedbackState(manager, auth.organizationId, applicationId);
        const freshness = reportFreshness(report?.covers ?? null, state.current, state.recomputePending);
        if (freshness.stale && !input.acknowledgeStale) {
          const what = [
            freshness.uncovered.length ? `${freshness.uncovered.length} submitted scorecard revision(s) are not in it yet` : '',
            freshness.outdated.length ? `${freshness.outdated.length} scorecard(s) it includes were withdrawn or changed` : '',
            freshness.recomputePending ? 'its recomputation is still pending' : '',
          ].filter(Boolean);
          throw AppError.conflict(
            'report_stale',
            `The latest report${report ? ` (version ${report.version})` : ''} does not reflect the feedback as it stands: ${what.join('; ')}. Wait for it to update (the debrief shows status "current"), or decide anyway with acknowledgeStale: true and a staleReason.`,
            {
              reportVersion: report?.version ?? null,
              pendingRevisions: freshness.uncovered,
              outdatedScorecards: freshness.outdated,
              recomputePending: freshness.recomputePending,
            },
          );
        }
        const staleAcknowledged = freshness.stale && input.acknowledgeStale === true;
        const evaluation = evaluateDecision(input.decision, report?.recommendation ?? null);
        if (evaluation.overrideRequired && !input.overrideReason) {
          throw AppError.invalid(
            'overrideReason',
            report
              ? `The report recommends ${report.recommendation}; deciding ${input.decision} needs an override reason.`
              : 'No report has been computed for this application yet; deciding without one needs an override reason.',
            'override_reason_required',
          );
        }

        const saved = await this.decisions.insert(manager, {
          organizationId: auth.organizationId,
          applicationId,
          decision: input.decision,
          rationale: input.rationale,
          overrideReason: input.overrideReason ?? null,
          reportId: report?.id ?? null,
          reportVersion: report?.version ?? null,
          reportRecommendation: report?.recommendation ?? null,
          followedRecommendation: evaluation.followedRecommendation,
          staleAcknowledged,
          staleReason: staleAcknowledged ? input.staleReason! : null,
          decidedByMemberId: auth.memberId,
        });
        const status = statusAfterDecision(input.decision);
        await this.decisions.markApplicationDecided(manager, auth.organizationId, applicationId, status, saved.createdAt);
        const mask = candidateRedactor(candidateTerms(application.candidateName));
        await this.audit.record(manager, auth, {
          action: 'decision.recorded',
          entityType: 'application',
          entityId: applicationId,
          before: { status: application.status, decidedAt: null },
          after: {
            decisionId: saved.id,
            decision: saved.decision,
            // The audit log can never be edited, so not even by a later erasure: the candidate's name is masked here.
            rationale: mask(saved.rationale),
            overrideReason: saved.overrideReason === null ? null : mask(saved.overrideReason),
            reportVersion: saved.reportVersion,
            staleAcknowledged: saved.staleAcknowledged,
            staleReason: saved.staleReason === null ? null : mask(saved.staleReason),
            reportRecommendation: saved.reportRecommendation,
            followedRecommendation: saved.followedRecommendation,
            status,
          },
          personal: { candidateId: application.candidateId, fields: ['rationale', 'overrideReason'] },
        });
        // Decisions feed interviewer leniency and role reliability.
        await requestInterviewerCalibration(this.outbox, manager, auth.organizationId, 'decision');
        await EmailRequests.decisionRecorded(manager, {
          organizationId: auth.organizationId,
          decisionId: saved.id,
          applicationId,
          decision: saved.decision,
          decidedByMemberId: auth.memberId,
        });
        return saved;
      });
      const names = await this.members.names(auth.organizationId, [decision.decidedByMemberId]);
      return decisionView(decision, names.get(decision.decidedByMemberId) ?? '');
    } catch (error) {
      if (pgErrorCode(error) === PgErrorCode.UniqueViolation) {
        throw AppError.conflict('decision_already_recorded', 'A decision was already recorded for this application.');
      }
      throw error;
    }
  }

  async get(auth: AuthContext, applicationId: string): Promise<DecisionView> {
    await this.debriefReader.readableApplication(auth, applicationId);
    const decision = await this.decisions.findByApplication(auth.organizationId, applicationId);
    if (!decision) throw AppError.notFound('Decision');
    const names = await this.members.names(auth.organizationId, [decision.decidedByMemberId]);
    return decisionView(decision, names.get(decision.decidedByMemberId) ?? '');
  }
}
