/** Shapes of the public REST API (see /docs-json). Only what the web app reads. */

export type MemberRole = 'admin' | 'recruiter' | 'interviewer' | 'hiring_manager' | 'people_analytics';
export const MEMBER_ROLES: MemberRole[] = ['admin', 'recruiter', 'interviewer', 'hiring_manager', 'people_analytics'];

export interface User {
  id: string;
  email: string;
  name: string;
}

export interface Me {
  user: User;
  organization: { id: string; name: string };
  membership: { memberId: string; roles: MemberRole[]; status?: string };
}

export interface TokenResponse extends Me {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface Member {
  id: string;
  userId?: string;
  email: string;
  name: string;
  roles: MemberRole[];
  status: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Rubric anchors by rating level ('1'…'5'); only the role's scale levels are required. */
export type Rubric = Record<string, string>;

export const RATING_SCALES = ['four_point', 'five_point', 'three_level'] as const;
export type RatingScale = (typeof RATING_SCALES)[number];

export interface ScaleLevel {
  value: number;
  key: string;
  label: string;
}

export interface SignalLists {
  strong: string[];
  weak: string[];
  redFlags: string[];
}

export interface Dimension {
  id: string;
  name: string;
  description: string;
  weight: number;
  rubric: Rubric;
  signals: SignalLists;
  position?: number;
  /** Required dimensions must be rated before the report can recommend hiring (default true). */
  required?: boolean;
}

export const ROUND_KINDS = ['screen', 'technical', 'system_design', 'case', 'coding', 'behavioral', 'bar_raiser', 'other'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

export interface Round {
  id: string;
  name: string;
  kind: RoundKind;
  durationMinutes: number;
  position: number;
  focusDimensionIds: string[];
  questionIds: string[];
}

export interface ReadinessIssue {
  field: string;
  message: string;
  code?: string;
}

export interface Readiness {
  canOpen: boolean;
  errors: ReadinessIssue[];
  warnings: ReadinessIssue[];
  weightSum?: number;
}

export interface HirePolicy {
  bar?: number;
  floor?: number;
  minCoverage?: number;
  minInterviewers?: number;
  margin?: number;
  adjustForLeniency?: boolean;
  /** Non-compensatory: hire only when every required dimension's mean reaches the scale's "meets" level. */
  everyDimensionMeets?: boolean;
}

export type RoleStatus = 'draft' | 'open' | 'closed';

export interface RoleSummary {
  id: string;
  title: string;
  status: RoleStatus;
  level?: string | null;
  department?: string | null;
  location?: string | null;
  hiringManagerId: string | null;
  templateKey?: string | null;
  createdAt?: string;
}

export interface Role extends RoleSummary {
  dimensions: Dimension[];
  rounds: Round[];
  weightSum: number;
  readiness: Readiness;
  loopVersion: { id: string; number: number } | null;
  hirePolicy: HirePolicy;
  ratingScale?: RatingScale;
  scaleLevels?: ScaleLevel[];
  openedAt?: string | null;
  closedAt?: string | null;
  clonedFromRoleId?: string | null;
}

export interface RoleTemplate {
  key: string;
  title: string;
  level?: string;
  department?: string;
  summary?: string;
  sources?: string[];
  focusAreas?: { key: string; name: string; description: string }[];
  dimensions?: { key: string; name: string; weight: number }[];
  rounds?: { key: string; name: string; kind: RoundKind; durationMinutes: number; purpose?: string }[];
  questions?: { key: string; prompt: string }[];
}

export interface Question {
  id: string;
  prompt: string;
  dimensionIds?: string[];
  pointsOfAssessment?: string[];
  pitfalls?: string[];
  followUps?: string[];
  tags?: string[];
}

export interface Candidate {
  id: string;
  name: string;
  email: string;
  source?: string | null;
  links?: string[];
  createdAt?: string;
}

export interface Application {
  id: string;
  candidateId: string;
  candidateName?: string;
  roleId: string;
  roleTitle?: string;
  stage?: string;
  status: string;
  decidedAt?: string | null;
  createdAt?: string;
  candidate?: { id: string; name: string; email?: string };
  role?: { id: string; title: string; level?: string | null };
  /** GET /applications/:id only */
  roleLevel?: string | null;
  hiringManagerId?: string | null;
  interviews?: Interview[];
}

export interface Interview {
  id: string;
  applicationId: string;
  roleId?: string;
  roundId?: string;
  round?: { id: string; name: string | null; kind?: string | null };
  loopVersionId?: string;
  loopVersionNumber?: number;
  interviewerIds?: string[];
  interviewers?: PersonRef[];
  startsAt: string;
  endsAt: string;
  status?: string;
  candidate?: { id: string; name: string };
  role?: { id: string; title: string };
  roleTitle?: string;
  candidateName?: string;
  roundName?: string | null;
  scorecardId?: string | null;
  scorecardStatus?: 'none' | 'draft' | 'submitted' | 'withdrawn' | string | null;
}

export interface MyInterviews {
  upcoming: Interview[];
  awaitingFeedback: Interview[];
  submitted?: Interview[];
}

export type Recommendation = 'strong_no' | 'no' | 'yes' | 'strong_yes';
export type LevelAssessment = 'below' | 'at' | 'above';

export interface RatingEntry {
  dimensionId: string;
  /** Sent by the API beside the id where available (e.g. dimensions outside the reader's own round). */
  dimensionName?: string | null;
  rating?: number | null;
  evidence?: string | null;
  notAssessed?: boolean;
  notAssessedReason?: string | null;
}

export interface SignalTick {
  dimensionId: string;
  kind: 'strong' | 'weak';
  text: string;
}

export interface Scorecard {
  id?: string;
  interviewId?: string;
  applicationId?: string;
  interviewerId?: string;
  interviewer?: { id: string; name: string };
  interviewerName?: string;
  roundName?: string;
  history?: { revision: number; kind: string; reason: string | null; createdAt: string }[];
  round?: { id: string; name: string };
  status: 'draft' | 'submitted' | 'withdrawn';
  revision?: number;
  ratings: RatingEntry[];
  recommendation: Recommendation | null;
  signals: SignalTick[];
  redFlags: string[];
  levelAssessment: LevelAssessment | null;
  privateNote?: string | null;
  submittedAt?: string | null;
  updatedAt?: string;
}

export interface KitDimension {
  id: string;
  name: string;
  description: string;
  rubric: Rubric;
  signals: SignalLists;
  weight?: number;
}

/** GET /interviews/:id/kit: the interview's loop version, never anyone else's feedback. */
export interface InterviewKit {
  interview: { id: string; applicationId: string; status: string; startsAt: string; endsAt: string };
  candidate: { name: string };
  role: { id: string; title: string; level: string | null };
  loopVersion: { id: string; number: number };
  round: { id: string; name: string; kind: RoundKind; durationMinutes: number };
  focusDimensions: KitDimension[];
  questions: Question[];
  minEvidenceLength: number;
  myScorecard: Scorecard | null;
  /** The loop version's rating scale; ratings are its level values. */
  ratingScale?: RatingScale;
  scaleLevels?: ScaleLevel[];
}

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

export interface PersonRef {
  id: string;
  name: string;
}

export interface Decision {
  id?: string;
  applicationId?: string;
  decision: 'hire' | 'no_hire';
  rationale: string;
  overrideReason: string | null;
  report: { id: string | null; version: number; recommendation: 'hire' | 'no_hire' | 'inconclusive' } | null;
  followedRecommendation: boolean | null;
  decidedBy: PersonRef;
  decidedAt: string;
  /** The report version the decision was made on. */
  reportVersion?: number | null;
  staleAcknowledged?: boolean;
  staleReason?: string | null;
}

export interface DebriefRating {
  dimensionId: string;
  dimensionName: string;
  rating: number | null;
  evidence: string | null;
  notAssessed: boolean;
  notAssessedReason: string | null;
}

export interface DebriefScorecard {
  id: string;
  interviewId: string;
  interviewer: PersonRef;
  round: { id: string; name: string; kind: string | null };
  ratings: DebriefRating[];
  recommendation: Recommendation;
  signals: SignalTick[];
  redFlags: string[];
  levelAssessment: LevelAssessment | null;
  privateNote?: string | null;
  revision: number;
  submittedAt: string | null;
  amendedAfterViewingPanel?: boolean;
  amendments?: Amendment[];
}

export interface AmendmentChange {
  dimensionId: string;
  dimensionName?: string | null;
  before: number | null;
  after: number | null;
}

export interface Amendment {
  revision: number;
  amendedAt: string;
  reason: string | null;
  afterViewingPanel: boolean;
  changes: AmendmentChange[];
  recommendationBefore?: Recommendation | null;
  recommendationAfter?: Recommendation | null;
}

export interface Debrief {
  application: {
    id: string;
    status: string;
    stage: string;
    decidedAt: string | null;
    candidate: PersonRef;
    role: { id: string; title: string; level: string | null };
  };
  report: Report | null;
  status: 'current' | 'computing' | 'no_feedback';
  covers?: { scorecardId: string; revision: number }[];
  pendingRevisions?: { scorecardId: string; revision: number }[];
  scorecards: DebriefScorecard[];
  disagreements: { dimensionId: string; name: string; ratings: { interviewer: PersonRef; scorecardId: string; rating: number }[] }[];
  redFlags: { flag: string; interviewer: PersonRef; scorecardId: string }[];
  awaitingFeedback: { interviewId: string; interviewer: PersonRef; round: { id: string; name: string; kind: string | null }; endsAt: string; scorecardStatus: 'none' | 'draft' | 'withdrawn' }[];
  decision: Decision | null;
  /** memberId → name of everyone the report mentions. */
  interviewerNames?: Record<string, string>;
}

/** Share of ratings per value ("5" on 5-point scales only, absent from older responses); null when withheld (too few ratings). */
export type RatingShares = Record<'1' | '2' | '3' | '4', number | null> & { '5'?: number | null };

export interface InterviewerCalibration {
  interviewerId: string;
  name: string;
  offset: number;
  n: number;
  computedAt: string | null;
  ratingDistribution: RatingShares;
  ratingCount: number;
  /** The shares are withheld (all null): fewer than 5 ratings. */
  ratingDistributionSuppressed: boolean;
  organizationDistribution: RatingShares;
  organizationRatingCount: number;
  organizationDistributionSuppressed: boolean;
  recommendations: { total: number; matchedDecision: number; matchRate: number | null };
}

export interface RoleCalibration {
  roleId: string;
  title: string;
  /** alpha is null until computed, when undefined, or when withheld (`suppressed`: fewer than 5 ratings). */
  dimensions: { dimensionId: string; name: string | null; alpha: number | null; nUnits: number; nRatings: number; suppressed: boolean }[];
  scoreDistribution: {
    applications: number;
    /** Counts null when the distribution is withheld (`suppressed`: fewer than 5 applications). */
    buckets: { from: number; to: number; count: number | null }[];
    unscored: number | null;
    recommendations: { hire: number | null; no_hire: number | null; inconclusive: number | null };
    suppressed: boolean;
  };
  decisions: { total: number; followedRecommendation: number; overrides: number; followRate: number | null };
  computedAt: string | null;
}
