/**
 * When the hiring decision needs an override reason (mirrors the API's rule):
 * - the report recommends hire and the decision is no_hire, or the other way round;
 * - there is no report yet (deciding without one is recorded as an override);
 * - an inconclusive report recommends nothing, so any decision stands without one.
 */
export type ReportRecommendation = 'hire' | 'no_hire' | 'inconclusive';
export type HiringDecision = 'hire' | 'no_hire';

export function overrideReasonRequired(decision: HiringDecision | null, recommendation: ReportRecommendation | null | undefined): boolean {
  if (!decision) return false;
  if (!recommendation) return true;
  if (recommendation === 'inconclusive') return false;
  return decision !== recommendation;
}

export function overrideExplanation(decision: HiringDecision | null, recommendation: ReportRecommendation | null | undefined): string | null {
  if (!overrideReasonRequired(decision, recommendation)) return null;
  if (!recommendation) return 'There is no report yet, so deciding now is an override: say why you decide without one.';
  return `The report recommends ${recommendation === 'hire' ? 'hire' : 'no hire'}; deciding ${decision === 'hire' ? 'hire' : 'no hire'} goes against it, so give the reason for the override.`;
}

/** The API's 409 when the latest report does not yet cover every submitted scorecard revision. */
export const REPORT_STALE = 'report_stale';

export function isReportStale(error: { status?: number; code?: string } | null | undefined): boolean {
  return Boolean(error && error.code === REPORT_STALE);
}

export interface DecisionDraft {
  decision: HiringDecision | null;
  rationale: string;
  overrideReason: string;
  /** Set once the hiring manager chose to decide on a report that is not up to date, with why. */
  staleReason?: string | null;
}

/** The body of POST /applications/:id/decision: the override reason only when needed or given, the stale acknowledgement only when chosen. */
export function decisionBody(draft: DecisionDraft, recommendation: ReportRecommendation | null | undefined): Record<string, unknown> {
  const needsOverride = overrideReasonRequired(draft.decision, recommendation);
  return {
    decision: draft.decision,
    rationale: draft.rationale,
    ...(needsOverride || draft.overrideReason.trim() ? { overrideReason: draft.overrideReason } : {}),
    ...(draft.staleReason != null ? { acknowledgeStale: true, staleReason: draft.staleReason } : {}),
  };
}
