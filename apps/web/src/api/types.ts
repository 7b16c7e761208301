/**
 * Shapes of the public REST API, generated from its OpenAPI document: `schema.d.ts` is made by `npm run api-types`
 * from the repository's openapi.json (kept equal to the served document by the API's contract spec). The names below
 * are aliases, so a change of a response shape breaks the build where the web app reads it.
 *
 * Still written by hand: the calibration report (`Report` and its parts), which the document declares as a free-form
 * object (DebriefResponseDto.report); make it a response DTO to generate it too.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

export type MemberRole = Schemas['MemberResponseDto']['roles'][number];
export const MEMBER_ROLES: MemberRole[] = ['admin', 'recruiter', 'interviewer', 'hiring_manager', 'compliance', 'people_analytics'];

export type User = Schemas['UserResponseDto'];
export type Me = Schemas['MeResponseDto'];
export type TokenResponse = Schemas['TokenResponseDto'];
export type Member = Schemas['MemberResponseDto'];
/** Signup's answer while the e-mail address is verified (the same for every address). */
export type SignupAccepted = Schemas['SignupAcceptedResponseDto'];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Rubric anchors by rating level ('1'…'5'); only the role's scale levels are required. */
export type Rubric = Record<string, string>;

export type RatingScale = Schemas['RoleResponseDto']['ratingScale'];
export const RATING_SCALES = ['four_point', 'five_point', 'three_level'] as const satisfies readonly RatingScale[];

export type ScaleLevel = Schemas['ScaleLevelResponseDto'];
export type SignalLists = Schemas['SignalsResponseDto'];
export type Dimension = Schemas['DimensionResponseDto'];

export type RoundKind = Schemas['RoundResponseDto']['kind'];
export const ROUND_KINDS = ['screen', 'technical', 'system_design', 'case', 'coding', 'behavioral', 'bar_raiser', 'other'] as const satisfies readonly RoundKind[];

export type Round = Schemas['RoundResponseDto'];
export type ReadinessIssue = Schemas['ReadinessIssueResponseDto'];
export type Readiness = Schemas['ReadinessResponseDto'];
/** As sent (every field optional, merged into the stored policy); the role's response fills them all in. */
export type HirePolicy = Schemas['HirePolicyRequestDto'];
export type RoleStatus = Schemas['RoleResponseDto']['status'];
export type RoleSummary = Schemas['RoleSummaryResponseDto'];
/** A role as the fairness report's filter lists it (GET /v1/fairness/roles: compliance cannot list roles). */
export type FairnessRole = Schemas['FairnessRoleDto'];
export type Role = Schemas['RoleResponseDto'];
export type RoleTemplate = Schemas['RoleTemplateResponseDto'];
export type Question = Schemas['QuestionResponseDto'];
export type Candidate = Schemas['CandidateResponseDto'];

/** A list item (GET /applications) or the detail (GET /applications/:id, which adds roleLevel, hiringManagerId, interviews). */
export type Application = Schemas['ApplicationResponseDto'] & Partial<Pick<Schemas['ApplicationDetailResponseDto'], 'roleLevel' | 'hiringManagerId' | 'interviews'>>;
export type ApplicationDetail = Schemas['ApplicationDetailResponseDto'];

/** An interview of an application (GET /applications/:id, scheduling, moves). */
export type Interview = Schemas['InterviewResponseDto'];
/** An interview in the caller's own lists (GET /me/interviews): with candidate, role and scorecard labels. */
export type MyInterview = Schemas['MyInterviewDto'];
export type MyInterviews = Schemas['MyInterviewsResponseDto'];

export type Recommendation = NonNullable<Schemas['ScorecardResponseDto']['recommendation']>;
export type LevelAssessment = NonNullable<Schemas['ScorecardResponseDto']['levelAssessment']>;
export type RatingEntry = Schemas['RatingResponseDto'];
/** A rating as PUT /interviews/:id/scorecard and submit take it. */
export type RatingInput = Schemas['RatingInputDto'];
export type SignalTick = Schemas['SignalResponseDto'];
export type Scorecard = Schemas['ScorecardResponseDto'];
export type ScorecardPage = Schemas['ScorecardPageResponseDto'];
export type KitDimension = Schemas['KitDimensionDto'];
/** GET /interviews/:id/kit: the interview's loop version, never anyone else's feedback. */
export type InterviewKit = Schemas['InterviewKitResponseDto'];
/** PUT /interviews/:id/scorecard (a draft: anything filled in so far). */
export type ScorecardDraftBody = Schemas['ScorecardDraftRequestDto'];
/** POST /interviews/:id/scorecard/submit; amend adds a reason. */
export type ScorecardSubmitBody = Schemas['ScorecardSubmitRequestDto'];

/** A feedback reminder, nudge or escalation in the caller's inbox (GET /notifications). */
export type AppNotification = Schemas['NotificationResponseDto'];
export type NotificationKind = AppNotification['kind'];
export type NotificationPage = Schemas['NotificationPageResponseDto'];

export interface ReportDimension {
  dimensionId: string;
  name: string;
  weight: number;
  weightShare?: number;
  raters: number;
  rawMean: number | null;
  adjustedMean: number | null;
  min: number | null;
  max: number | null;
  disagreement: boolean;
  required?: boolean;
}

export const REASON_CODES = [
  'insufficient_evidence',
  'dimension_unassessed',
  'low_rating',
  'below_floor',
  'below_meets',
  'below_bar',
  'red_flag',
  'split_panel',
  'uncertain',
  'meets_bar',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface ReportReason {
  code: ReasonCode | string;
  /** The engine's own sentence (may hold ids): the web app renders from the code and figures instead. */
  message: string;
  dimensionId?: string;
  interviewerId?: string;
  interviewerIds?: string[];
  flag?: string;
  /** The exact figures the rule turned on, e.g. { score, bar, intervalLow, margin } or { mean, floor, raters }. */
  figures?: Record<string, number>;
  /** split_panel: the two sides, when the engine names them. */
  high?: { recommendation: Recommendation; interviewerIds: string[] };
  low?: { recommendation: Recommendation; interviewerIds: string[] };
}

/** The calibration engine's report (libs/calibration CalibrationReport) plus its stored version. */
export interface Report {
  algorithmVersion?: string;
  policy?: HirePolicy;
  recommendation: 'hire' | 'no_hire' | 'inconclusive';
  reasons: ReportReason[];
  score: number | null;
  rawScore: number | null;
  coverage: number;
  interval: { level: number; low: number; high: number } | null;
  splitPanel: boolean;
  dimensions: ReportDimension[];
  redFlags: { flag: string; raisedBy: string[] }[];
  interviewers: {
    interviewerId: string;
    offset: number;
    n: number | null;
    offsetApplied?: number;
    ratings?: number;
    recommendation?: Recommendation;
    scorecards?: number | { scorecardId?: string; recommendation?: Recommendation }[];
  }[];
  version: number;
  computedAt: string;
  scorecardCount: number;
}

export type PersonRef = Schemas['PersonRefDto'];
export type Decision = Schemas['DecisionResponseDto'];
export type DebriefRating = Schemas['DebriefRatingDto'];
export type DebriefScorecard = Schemas['DebriefScorecardDto'];
export type AmendmentChange = Schemas['AmendmentChangeDto'];
export type Amendment = Schemas['AmendmentDto'];

/** GET /applications/:id/debrief; its report is typed by hand (see the top of this file). */
export type Debrief = Omit<Schemas['DebriefResponseDto'], 'report' | 'interviewerNames'> & {
  report: Report | null;
  /** memberId → name of everyone the report mentions. */
  interviewerNames: Record<string, string>;
};

/** Share of ratings per value ("5" on 5-point scales only); null when withheld (too few ratings). */
export type RatingShares = Schemas['RatingShareDto'];
export type InterviewerCalibration = Schemas['InterviewerCalibrationResponseDto'];
export type RoleCalibration = Schemas['RoleCalibrationResponseDto'];

export interface HabitFigure {
  value: number | null;
  organizationPercentile95: number | null;
  flagged: boolean;
}

export interface RatingHabits {
  scorecards: number;
  minScorecardsToFlag: number;
  halo: HabitFigure;
  straightLining: HabitFigure;
}

export interface Anchoring {
  amendments: number;
  afterViewingPanel: number;
  items: {
    scorecardId: string;
    applicationId: string;
    revision: number;
    amendedAt: string;
    changes: { dimensionId: string; dimensionName: string; before: number | null; after: number | null }[];
    recommendationBefore: string | null;
    recommendationAfter: string | null;
  }[];
}

export interface ImpactGroup {
  group: string;
  total: number;
  selected: number;
  suppressed: boolean;
  selectionRate: number | null;
  impactRatio: number | null;
  fourFifthsFlag: boolean;
  fisherP: number | null;
  z: number | null;
  zTestP: number | null;
  adverseImpact: boolean;
}

export interface ImpactAnalysis {
  stage: 'interviewed' | 'report_hire' | 'decision_hire';
  categories: string[];
  referenceGroup: string | null;
  groups: ImpactGroup[];
  unknown: { total: number; selected: number };
}

export interface AdverseImpactReport {
  roleId: string | null;
  generatedAt: string;
  applications: number;
  stages: ImpactAnalysis[];
  dimensions: { dimension: string; category: string; group: string; n: number; nOthers: number; suppressed: boolean; d: number | null; low: number | null; high: number | null }[];
  interviewers: { interviewerId: string; category: string; group: string; n: number; nOthers: number; suppressed: boolean; gap: number | null; low: number | null; high: number | null; flagged: boolean }[];
  interviewerNames: Record<string, string>;
  labels: Record<string, string>;
}

export interface SelfIdentificationForm {
  organizationName: string;
  roleTitle: string;
  expiresAt: string;
  questions: { category: string; label: string; options: { value: string; label: string }[] }[];
}

