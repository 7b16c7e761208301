/**
 * Pure pieces of the debrief: who still owes feedback, where the panel disagrees, and who raised which red flag.
 */

export interface InterviewRow {
  id: string;
  roundId: string;
  interviewerIds: string[];
  endsAt: Date;
  status: string;
}

export interface ScorecardStateRow {
  interviewId: string;
  interviewerId: string;
  status: 'draft' | 'submitted' | 'withdrawn';
}

export interface AwaitingFeedbackItem {
  interviewId: string;
  roundId: string;
  interviewerId: string;
  endsAt: Date;
  /** `none`: not started; `draft`: started but not submitted; `withdrawn`: submitted, then withdrawn. */
  scorecardStatus: 'none' | 'draft' | 'withdrawn';
}

/** Every (scheduled interview, assigned interviewer) pair without a submitted scorecard, earliest interview first. */
export function awaitingFeedback(interviews: readonly InterviewRow[], scorecards: readonly ScorecardStateRow[]): AwaitingFeedbackItem[] {
  const status = new Map(scorecards.map((s) => [`${s.interviewId}:${s.interviewerId}`, s.status]));
  const out: AwaitingFeedbackItem[] = [];
  for (const interview of [...interviews].sort((a, b) => a.endsAt.getTime() - b.endsAt.getTime() || (a.id < b.id ? -1 : 1))) {
    if (interview.status === 'cancelled') continue;
    for (const interviewerId of interview.interviewerIds) {
      const s = status.get(`${interview.id}:${interviewerId}`);
      if (s === 'submitted') continue;
      out.push({ interviewId: interview.id, roundId: interview.roundId, interviewerId, endsAt: interview.endsAt, scorecardStatus: s ?? 'none' });
    }
  }
  return out;
}

export interface SubmittedRatingsRow {
  id: string;
  interviewerId: string;
  ratings: { dimensionId: string; rating: number | null; notAssessed?: boolean }[];
  redFlags: string[];
}

export interface DisagreementItem {
  dimensionId: string;
  name: string;
  ratings: { interviewerId: string; scorecardId: string; rating: number }[];
}

/**
 * The report's dimensions flagged `disagreement`, with each interviewer's rating of them (from the submitted
 * scorecards). Report dimensions name their id `dimensionId` (or `id`).
 */
export function disagreements(reportDimensions: unknown, scorecards: readonly SubmittedRatingsRow[]): DisagreementItem[] {
  if (!Array.isArray(reportDimensions)) return [];
  return reportDimensions
    .filter((d) => d && (d as { disagreement?: unknown }).disagreement === true)
    .map((d) => {
      const dim = d as { dimensionId?: string; id?: string; name?: string };
      const dimensionId = String(dim.dimensionId ?? dim.id);
      const ratings = scorecards.flatMap((s) =>
        s.ratings
          .filter((r) => r.dimensionId === dimensionId && !r.notAssessed && r.rating !== null)
          .map((r) => ({ interviewerId: s.interviewerId, scorecardId: s.id, rating: Number(r.rating) })),
      );
      return {
        dimensionId,
        name: dim.name ?? '',
        ratings: ratings.sort((a, b) => a.rating - b.rating || (a.interviewerId < b.interviewerId ? -1 : 1)),
      };
    });
}

export interface RedFlagItem {
  flag: string;
  interviewerId: string;
  scorecardId: string;
}

/** Who raised what, one entry per flag per scorecard. */
export function redFlagsRaised(scorecards: readonly SubmittedRatingsRow[]): RedFlagItem[] {
  return scorecards.flatMap((s) => s.redFlags.map((flag) => ({ flag, interviewerId: s.interviewerId, scorecardId: s.id })));
}
