import type { ReportRecommendation } from '../reports/calibration-report.entity';
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
