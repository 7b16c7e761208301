import { Injectable } from '@nestjs/common';
import {
  AppError,
  AuthContext,
  coversList,
  coversOf,
  LoopSnapshot,
  pendingRevisions,
  reportStatus,
} from '@hireloop/core';
import { debriefAccess } from './debrief-access';
import { awaitingFeedback, disagreements, redFlagsRaised } from './debrief-assembly';
import { DebriefApplicationRow, DebriefsRepository, DebriefScorecardRow } from './debriefs.repository';
import { DebriefResponseDto, DebriefScorecardDto, RoundRefDto } from './dto/debrief.response.dto';
import { DecisionResponseDto } from './dto/decision.response.dto';

/** The hiring manager's debrief: the calibrated report and everything needed to read it. */
@Injectable()
export class DebriefsService {
  constructor(private readonly debriefs: DebriefsRepository) {}

  /** The application, if the caller may read its debrief: 404 across tenants, 403 for members without access. */
  async readableApplication(auth: AuthContext, applicationId: string): Promise<{ application: DebriefApplicationRow; privateNotes: boolean }> {
    return this.checkAccess(auth, applicationId, await this.debriefs.findApplication(auth.organizationId, applicationId));
  }

  private checkAccess(auth: AuthContext, applicationId: string, application: DebriefApplicationRow | null): { application: DebriefApplicationRow; privateNotes: boolean } {
    if (!application) throw AppError.notFound('Application', applicationId);
    const access = debriefAccess(auth, application);
    if (!access.read) throw AppError.forbidden('debrief_forbidden', "Only admins, recruiters and the role's hiring manager can read this debrief.");
    return { application, privateNotes: access.privateNotes };
  }

  async get(auth: AuthContext, applicationId: string): Promise<DebriefResponseDto> {
    // One statement reads everything; nothing of it leaves this method unless the caller may read it.
    const { application: row, scorecards: allScorecards, interviews, snapshots, names, latest, decision } = await this.debriefs.panel(auth.organizationId, applicationId);
    const { application, privateNotes } = this.checkAccess(auth, applicationId, row);
    const submitted = allScorecards.filter((s) => s.status === 'submitted');
    const current = coversOf(submitted);
    const waiting = awaitingFeedback(interviews, allScorecards);
    const person = (id: string) => ({ id, name: names.get(id) ?? '' });
    const interviewById = new Map(interviews.map((i) => [i.id, i]));
    const round = (roundId: string, loopVersionId: string | undefined): RoundRefDto => {
      const r = loopVersionId ? snapshots.get(loopVersionId)?.rounds.find((x) => x.id === roundId) : undefined;
      return { id: roundId, name: r?.name ?? '', kind: r?.kind ?? null };
    };

    const report = latest ? { ...latest.report, version: latest.version, computedAt: latest.computedAt.toISOString(), scorecardCount: latest.scorecardCount } : null;

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
        return toScorecardDto(s, person(s.interviewerId), round(interview?.roundId ?? '', interview?.loopVersionId ?? s.loopVersionId), snapshots.get(s.loopVersionId), privateNotes);
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
      decision: decision ? DecisionResponseDto.from(decision, names.get(decision.decidedByMemberId) ?? '') : null,
    };
  }
}

function toScorecardDto(
  s: DebriefScorecardRow,
  interviewer: { id: string; name: string },
  round: RoundRefDto,
  snapshot: LoopSnapshot | undefined,
  privateNotes: boolean,
): DebriefScorecardDto {
  const dimensionName = (id: string) => snapshot?.dimensions.find((d) => d.id === id)?.name ?? '';
  const dto: DebriefScorecardDto = {
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
