import type { ApplicationStatus } from '../candidates/application.entity';
import type { DecisionView, PersonRef } from '../decisions/decision-view';
import type { RoundKind } from '../roles/loop-snapshot';
import type { CoveredRevision, ReportStatus } from '../reports/report-versioning';
import type { Amendment } from '../scorecards/amendments';
import type { LevelAssessment, Recommendation } from '../scorecards/rating';

export interface RoundRef {
  id: string;
  name: string;
  kind: RoundKind | null;
}

export interface DebriefScorecardView {
  id: string;
  interviewId: string;
  interviewer: PersonRef;
  round: RoundRef;
  ratings: {
    dimensionId: string;
    dimensionName: string;
    rating: number | null;
    evidence: string | null;
    notAssessed: boolean;
    notAssessedReason: string | null;
  }[];
  recommendation: Recommendation;
  signals: { dimensionId: string; kind: 'strong' | 'weak'; text: string }[];
  redFlags: string[];
  levelAssessment: LevelAssessment | null;
  /** Present only for admins and the role's hiring manager. */
  privateNote?: string | null;
  revision: number;
  submittedAt: string | null;
  amendedAfterViewingPanel: boolean;
  amendments: Amendment[];
}

/** The debrief as the API answers it (the API's `DebriefResponseDto` has this shape). */
export interface DebriefView {
  application: {
    id: string;
    status: ApplicationStatus;
    stage: string;
    decidedAt: string | null;
    candidate: PersonRef;
    role: { id: string; title: string; level: string | null };
  };
  /** The stored engine output (jsonb) with version, computedAt and scorecardCount; null before the first report. */
  report: Record<string, unknown> | null;
  status: ReportStatus;
  covers: CoveredRevision[];
  pendingRevisions: CoveredRevision[];
  scorecards: DebriefScorecardView[];
  disagreements: { dimensionId: string; name: string; ratings: { interviewer: PersonRef; scorecardId: string; rating: number }[] }[];
  redFlags: { flag: string; interviewer: PersonRef; scorecardId: string }[];
  awaitingFeedback: {
    interviewId: string;
    interviewer: PersonRef;
    round: RoundRef;
    endsAt: string;
    scorecardStatus: 'none' | 'draft' | 'withdrawn';
  }[];
  decision: DecisionView | null;
  interviewerNames: Record<string, string>;
}
