import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../common/auth-context';
import { organizationSettings } from '../organizations/organization.entity';
import type { RoundKind, SnapshotDimension } from '../roles/loop-snapshot';
import { ratingScaleOf } from '../roles/rating-scale';
import { canReadApplication } from '../scorecards/feedback-access';
import { ScorecardView, ScorecardViews } from '../scorecards/scorecard-views';
import { notAssigned } from '../scorecards/scorecard-writes.service';
import type { InterviewStatus } from './interview.entity';
import { InterviewsRepository } from './interviews.repository';

/** What each level of the scale looks like: '4' is absent on the 3-level scale, '5' only on the 5-point one. */
export interface KitRubricView {
  '1': string;
  '2': string;
  '3': string;
  '4': string;
  '5'?: string;
}

export interface KitDimensionView {
  id: string;
  name: string;
  description: string;
  rubric: KitRubricView;
  required: boolean;
  signals: { strong: string[]; weak: string[]; redFlags: string[] };
}

export interface KitQuestionView {
  id: string;
  prompt: string;
  pointsOfAssessment: string[];
  pitfalls: string[];
  followUps: string[];
}

/** The interview kit as the API answers it (InterviewKitResponseDto implements it). */
export interface InterviewKitView {
  interview: { id: string; applicationId: string; status: InterviewStatus; startsAt: string; endsAt: string };
  candidate: { name: string };
  role: { id: string; title: string; level: string | null };
  loopVersion: { id: string; number: number };
  /** The loop version's rating scale: ratings are its level values. */
  ratingScale: string;
  /** The levels, lowest first. */
  scaleLevels: { value: number; key: string; label: string }[];
  round: { id: string; name: string; kind: RoundKind; durationMinutes: number };
  focusDimensions: KitDimensionView[];
  questions: KitQuestionView[];
  minEvidenceLength: number;
  /** The caller's own scorecard (null for a reader who is not assigned). */
  myScorecard: ScorecardView | null;
}

/**
 * The interview kit, built from the interview's own loop version (not the live loop). Readers: the assigned
 * interviewers, and — to prepare or review a loop — recruiters, admins and the role's hiring manager. The kit holds
 * the caller's own scorecard only, never anything of the other interviewers'.
 */
@Injectable()
export class InterviewKitService {
  constructor(
    private readonly interviews: InterviewsRepository,
    private readonly views: ScorecardViews,
  ) {}

  async kit(auth: AuthContext, interviewId: string): Promise<InterviewKitView> {
    const org = auth.organizationId;
    const interview = await this.interviews.kitContext(org, interviewId, auth.memberId);
    if (!interview) throw AppError.notFound('Interview', interviewId);
    const assigned = interview.interviewerIds.includes(auth.memberId);
    if (!assigned && !canReadApplication(auth, interview)) throw notAssigned();

    const version = await this.interviews.loopVersion(org, interview.loopVersionId);
    const round = version?.snapshot.rounds.find((r) => r.id === interview.roundId);
    if (!version || !round)
      throw AppError.conflict(
        'round_not_in_loop_version',
        "The interview's round is missing from its loop version; ask a recruiter to reschedule it.",
      );
    const dimensions = new Map(version.snapshot.dimensions.map((d) => [d.id, d]));
    const focus = round.focusDimensionIds.map((id) => dimensions.get(id)).filter((d): d is SnapshotDimension => d !== undefined);

    const settings = organizationSettings({ settings: interview.settings ?? {} });
    const own = assigned ? interview.own : null;
    const [myScorecard] = own ? await this.views.build(undefined, org, [own], { showPrivateNote: () => true, parts: interview.ownParts }) : [null];

    return {
      interview: {
        id: interview.id,
        applicationId: interview.applicationId,
        status: interview.status,
        startsAt: interview.startsAt.toISOString(),
        endsAt: interview.endsAt.toISOString(),
      },
      candidate: { name: interview.candidateName },
      role: { id: interview.roleId, title: interview.roleTitle, level: interview.roleLevel },
      loopVersion: { id: version.id, number: version.number },
      ratingScale: ratingScaleOf(version.snapshot.ratingScale).kind,
      scaleLevels: ratingScaleOf(version.snapshot.ratingScale).levels.map((l) => ({ ...l })),
      round: { id: round.id, name: round.name, kind: round.kind, durationMinutes: round.durationMinutes },
      focusDimensions: focus.map((d) => ({
        id: d.id,
        name: d.name,
        description: d.description,
        rubric: Object.fromEntries(Object.entries(d.rubric).filter(([, text]) => typeof text === 'string')) as unknown as KitRubricView,
        required: d.required !== false,
        signals: { strong: [...d.signals.strong], weak: [...d.signals.weak], redFlags: [...d.signals.redFlags] },
      })),
      questions: round.questions.map((q) => ({
        id: q.id,
        prompt: q.prompt,
        pointsOfAssessment: q.pointsOfAssessment,
        pitfalls: q.pitfalls,
        followUps: q.followUps,
      })),
      minEvidenceLength: settings.minEvidenceLength,
      myScorecard,
    };
  }
}
