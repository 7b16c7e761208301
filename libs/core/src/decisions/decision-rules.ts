import type { ReportCovers, ReportRecommendation } from '../reports/calibration-report.entity';
import type { HiringDecision } from './decision.entity';

export interface DecisionEvaluation {
  /** The decision goes against the report (or there is no report): an override reason is required. */
  overrideRequired: boolean;
  /** true / false against a hire or no_hire recommendation; null when inconclusive or when no report existed. */
  followedRecommendation: boolean | null;
}

/**
 * How a decision relates to the latest report's recommendation.
 * - hire vs no_hire either way: an override, which needs a reason.
 * - inconclusive: the report does not recommend; any decision stands without an override.
 * - no report yet (no feedback computed): allowed, but treated as an override, so the reason for deciding without
 *   a report is on record.
 */
export function evaluateDecision(decision: HiringDecision, recommendation: ReportRecommendation | null): DecisionEvaluation {
  if (recommendation === null) return { overrideRequired: true, followedRecommendation: null };
  if (recommendation === 'inconclusive') return { overrideRequired: false, followedRecommendation: null };
  const followed = recommendation === decision;
  return { overrideRequired: !followed, followedRecommendation: followed };
}

/** The application status a decision leads to. */
export function statusAfterDecision(decision: HiringDecision): 'hired' | 'rejected' {
  return decision === 'hire' ? 'hired' : 'rejected';
}

export interface ReportFreshness {
  /** The latest report does not reflect the application's feedback as it stands (a decision needs acknowledgeStale). */
  stale: boolean;
  /** Submitted scorecard revisions the latest report does not cover (scorecard id → revision), sorted by id. */
  uncovered: { scorecardId: string; revision: number }[];
  /** Scorecards the report covers that are no longer submitted (withdrawn) or at an older revision. */
  outdated: string[];
  /** A recomputation of the report is requested and not yet picked up. */
  recomputePending: boolean;
}

/**
 * Whether a decision would be taken on a stale report: the latest report (`latestCovers`, null when there is none)
 * must cover exactly the submitted scorecard revisions (`current`), and no recomputation may be pending. No report
 * and nothing submitted is not stale (there is nothing to cover; deciding then needs an override reason anyway).
 */
export function reportFreshness(latestCovers: ReportCovers | null, current: ReportCovers, recomputePending: boolean): ReportFreshness {
  const covered = latestCovers ?? {};
  const uncovered = Object.keys(current)
    .filter((id) => Number(covered[id]) !== Number(current[id]))
    .sort()
    .map((scorecardId) => ({ scorecardId, revision: Number(current[scorecardId]) }));
  const outdated = Object.keys(covered)
    .filter((id) => !(id in current))
    .sort();
  return { stale: uncovered.length > 0 || outdated.length > 0 || recomputePending, uncovered, outdated, recomputePending };
}
