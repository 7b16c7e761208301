import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../common/auth-context';
import { decisionView } from '../decisions/decision-view';
import { coversList, coversOf, pendingRevisions, reportStatus } from '../reports/report-versioning';
import type { LoopSnapshot } from '../roles/loop-snapshot';
import { amendmentsOf } from '../scorecards/amendments';
import { PanelFacts, panelFactsOf } from '../scorecards/feedback-access';
import { ScorecardsRepository } from '../scorecards/scorecards.repository';
import { debriefAccess } from './debrief-access';
import { awaitingFeedback, disagreements, redFlagsRaised } from './debrief-assembly';
import { DebriefScorecardView, DebriefView, RoundRef } from './debrief-view';
import { DebriefApplicationRow, DebriefRevisionRow, DebriefsRepository, DebriefScorecardRow } from './debriefs.repository';

/** The hiring manager's debrief: the calibrated report and everything needed to read it. */
@Injectable()
export class DebriefsService {
  constructor(
    private readonly debriefs: DebriefsRepository,
    private readonly scorecards: ScorecardsRepository,
  ) {}

  /** The application, if the caller may read its debrief: 404 across tenants, 403 for members without access. */
  async readableApplication(auth: AuthContext, applicationId: string): Promise<{ application: DebriefApplicationRow; privateNotes: boolean }> {
    const found = await this.debriefs.findApplicationWithPanelFacts(auth.organizationId, applicationId, auth.memberId);
    return this.checkAccess(auth, applicationId, found?.application ?? null, found?.facts ?? null);
  }

  private checkAccess(
    auth: AuthContext,
    applicationId: string,
    application: DebriefApplicationRow | null,
    facts: PanelFacts | null,
  ): { application: DebriefApplicationRow; privateNotes: boolean } {
    if (!application) throw AppError.notFound('Application', applicationId);
    const access = debriefAccess(auth, application, facts ?? undefined);
    if (access.blind) throw blindError();
    if (!access.read) throw AppError.forbidden('debrief_forbidden', "Only admins, recruiters and the role's hiring manager can read this debrief.");
    return { application, privateNotes: access.privateNotes };
  }

  async get(auth: AuthContext, applicationId: string): Promise<DebriefView> {
    // One statement reads everything; nothing of it leaves this method unless the caller may read it.
    const {
      application: row,
      scorecards: allScorecards,
      interviews,
      snapshots,
      names,
      latest,
      decision,
      revisions,
      panelViews,
    } = await this.debriefs.panel(auth.organizationId, applicationId);
    const facts = panelFactsOf(auth.memberId, { interviews, scorecards: allScorecards });
    const { application, privateNotes } = this.checkAccess(auth, applicationId, row, facts);
    // A panel member reads the panel's feedback: amendments they make from now on are flagged (the first read counts).
    if (facts.onPanel && !panelViews.has(auth.memberId)) await this.scorecards.recordPanelView(auth.organizationId, applicationId, auth.memberId);
    const revisionsOf = new Map<string, DebriefRevisionRow[]>();
    for (const v of revisions) revisionsOf.set(v.scorecardId, [...(revisionsOf.get(v.scorecardId) ?? []), v]);
    const submitted = allScorecards.filter((s) => s.status === 'submitted');
    const current = coversOf(submitted);
    const waiting = awaitingFeedback(interviews, allScorecards);
    const person = (id: string) => ({ id, name: names.get(id) ?? '' });
    const interviewById = new Map(interviews.map((i) => [i.id, i]));
    const round = (roundId: string, loopVersionId: string | undefined): RoundRef => {
      const r = loopVersionId ? snapshots.get(loopVersionId)?.rounds.find((x) => x.id === roundId) : undefined;
      return { id: roundId, name: r?.name ?? '', kind: r?.kind ?? null };
    };

    const report = latest
      ? { ...latest.report, version: latest.version, computedAt: latest.computedAt.toISOString(), scorecardCount: latest.scorecardCount }
      : null;

    return {
      application: {
        id: application.id,
        status: application.status,
        stage: application.stage,
        decidedAt: application.decidedAt ? application.decidedAt.toISOString() : null,
        candidate: { id: application.candidateId, name: application.candidateName },
        role: { id: application.roleId, title: application.roleTitle, level: application.roleLevel },
      },
      report,
      status: reportStatus(latest?.covers ?? null, current),
      covers: coversList(latest?.covers),
      pendingRevisions: pendingRevisions(latest?.covers, current),
      scorecards: submitted.map((s) => {
        const interview = interviewById.get(s.interviewId);
        const dto = toScorecardDto(
          s,
          person(s.interviewerId),
          round(interview?.roundId ?? '', interview?.loopVersionId ?? s.loopVersionId),
          snapshots.get(s.loopVersionId),
          privateNotes,
        );
        const amendments = amendmentsOf(revisionsOf.get(s.id) ?? [], panelViews.get(s.interviewerId) ?? null, (id) =>
          dimensionName(snapshots.get(s.loopVersionId), id),
        );
        return { ...dto, amendedAfterViewingPanel: amendments.some((a) => a.afterViewingPanel), amendments };
      }),
      disagreements: disagreements(latest?.report?.dimensions, submitted).map((d) => ({
        dimensionId: d.dimensionId,
        name: d.name,
        ratings: d.ratings.map((r) => ({ interviewer: person(r.interviewerId), scorecardId: r.scorecardId, rating: r.rating })),
      })),
      redFlags: redFlagsRaised(submitted).map((f) => ({ flag: f.flag, interviewer: person(f.interviewerId), scorecardId: f.scorecardId })),
      awaitingFeedback: waiting.map((w) => ({
        interviewId: w.interviewId,
        interviewer: person(w.interviewerId),
        round: round(w.roundId, interviewById.get(w.interviewId)?.loopVersionId),
        endsAt: new Date(w.endsAt).toISOString(),
        scorecardStatus: w.scorecardStatus,
      })),
      decision: decision ? decisionView(decision, names.get(decision.decidedByMemberId) ?? '') : null,
      interviewerNames: Object.fromEntries([...names.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    };
  }
}

/** 403 for a panel member who has not yet submitted a scorecard with a rating (whatever their roles). */
export function blindError(): AppError {
  return AppError.forbidden(
    'feedback_blind',
    "Feedback is blind: you are on this application's panel; submit your own scorecard (rating at least one dimension) before reading the panel's feedback or deciding.",
  );
}

function dimensionName(snapshot: LoopSnapshot | undefined, id: string): string {
  return snapshot?.dimensions.find((d) => d.id === id)?.name ?? '';
}

function toScorecardDto(
  s: DebriefScorecardRow,
  interviewer: { id: string; name: string },
  round: RoundRef,
  snapshot: LoopSnapshot | undefined,
  privateNotes: boolean,
): Omit<DebriefScorecardView, 'amendedAfterViewingPanel' | 'amendments'> {
  const dimensionName = (id: string) => snapshot?.dimensions.find((d) => d.id === id)?.name ?? '';
  const dto: Omit<DebriefScorecardView, 'amendedAfterViewingPanel' | 'amendments'> = {
    id: s.id,
    interviewId: s.interviewId,
    interviewer,
    round,
    ratings: (s.ratings ?? []).map((r) => ({
      dimensionId: r.dimensionId,
      dimensionName: dimensionName(r.dimensionId),
      rating: r.rating ?? null,
      evidence: r.evidence ?? null,
      notAssessed: Boolean(r.notAssessed),
      notAssessedReason: r.notAssessedReason ?? null,
    })),
    recommendation: s.recommendation!,
    signals: s.signals ?? [],
    redFlags: s.redFlags ?? [],
    levelAssessment: s.levelAssessment,
    revision: s.revision,
    submittedAt: s.submittedAt ? new Date(s.submittedAt).toISOString() : null,
  };
  if (privateNotes) dto.privateNote = s.privateNote;
  return dto;
}
