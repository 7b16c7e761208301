import { DecisionEntity, HiringDecision } from './decision.entity';
import type { ReportRecommendation } from '../reports/calibration-report.entity';

export interface PersonRef {
  id: string;
  name: string;
}

/** A recorded hiring decision as the API answers it (the API's `DecisionResponseDto` has this shape). */
export interface DecisionView {
  id: string;
  applicationId: string;
  decision: HiringDecision;
  rationale: string;
  overrideReason: string | null;
  report: { id: string | null; version: number; recommendation: ReportRecommendation } | null;
  followedRecommendation: boolean | null;
  reportVersion: number | null;
  staleAcknowledged: boolean;
  staleReason: string | null;
  decidedBy: PersonRef;
  decidedAt: string;
}

export function decisionView(decision: DecisionEntity, deciderName: string): DecisionView {
  return {
    id: decision.id,
    applicationId: decision.applicationId,
    decision: decision.decision,
    rationale: decision.rationale,
    overrideReason: decision.overrideReason,
    report:
      decision.reportVersion !== null && decision.reportRecommendation !== null
        ? { id: decision.reportId, version: decision.reportVersion, recommendation: decision.reportRecommendation }
        : null,
    followedRecommendation: decision.followedRecommendation,
    reportVersion: decision.reportVersion,
    staleAcknowledged: Boolean(decision.staleAcknowledged),
    staleReason: decision.staleReason ?? null,
    decidedBy: { id: decision.decidedByMemberId, name: deciderName },
    decidedAt: decision.createdAt.toISOString(),
  };
}
