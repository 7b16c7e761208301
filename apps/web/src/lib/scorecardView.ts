import type { DebriefScorecard, Recommendation, Scorecard } from '../api/types';

/**
 * A scorecard as GET /interviews/:id/kit or /applications/:id/scorecards answers, shaped for ScorecardView.
 * Each rating keeps its dimension's name: the API's own `dimensionName` first (it knows dimensions of other rounds),
 * else the names the page knows (the kit's focus dimensions, the role's dimensions when the reader may see the role).
 */
export function toViewScorecard(sc: Scorecard, names: Record<string, string>): DebriefScorecard {
  return {
    id: sc.id,
    interviewId: sc.interviewId,
    interviewer: { id: sc.interviewerId, name: sc.interviewerName || 'You' },
    // A scorecard does not name its round (the interview does).
    round: { id: '', name: '', kind: null },
    ratings: (sc.ratings ?? []).map((r) => ({
      dimensionId: r.dimensionId,
      dimensionName: r.dimensionName || names[r.dimensionId] || '',
      rating: r.rating ?? null,
      evidence: r.evidence ?? null,
      notAssessed: Boolean(r.notAssessed),
      notAssessedReason: r.notAssessedReason ?? null,
    })),
    recommendation: (sc.recommendation ?? 'yes') as Recommendation,
    signals: sc.signals ?? [],
    redFlags: sc.redFlags ?? [],
    levelAssessment: sc.levelAssessment ?? null,
    privateNote: sc.privateNote ?? null,
    revision: sc.revision ?? 1,
    submittedAt: sc.submittedAt ?? null,
    amendedAfterViewingPanel: sc.amendedAfterViewingPanel,
    amendments: sc.amendments,
  };
}
