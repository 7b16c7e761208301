/**
 * Shapes of the public REST API, generated from its OpenAPI document: `schema.ts` is made by `npm run api-types`
 * from the repository's openapi.json (kept equal to the served document by the API's contract spec). The names below
 * are aliases, so a change of a response shape breaks the build where the web app reads it. The lists of the
 * contract's named enums (MemberRole, RoundKind, Recommendation) are its generated values, never typed here.
 */
import { memberRoleValues, recommendationValues, roundKindValues, type components } from './schema';

type Schemas = components['schemas'];

export type MemberRole = Schemas['MemberRole'];
export const MEMBER_ROLES: readonly MemberRole[] = memberRoleValues;

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

export type RoundKind = Schemas['RoundKind'];
export const ROUND_KINDS: readonly RoundKind[] = roundKindValues;

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
export type Application = Schemas['ApplicationResponseDto'] &
  Partial<Pick<Schemas['ApplicationDetailResponseDto'], 'roleLevel' | 'hiringManagerId' | 'interviews'>>;
export type ApplicationDetail = Schemas['ApplicationDetailResponseDto'];

/** An interview of an application (GET /applications/:id, scheduling, moves). */
export type Interview = Schemas['InterviewResponseDto'];
/** An interview in the caller's own lists (GET /me/interviews): with candidate, role and scorecard labels. */
export type MyInterview = Schemas['MyInterviewDto'];
export type MyInterviews = Schemas['MyInterviewsResponseDto'];

export type Recommendation = Schemas['Recommendation'];
/** An interviewer's recommendations, from strong no hire to strong hire. */
export const RECOMMENDATIONS: readonly Recommendation[] = recommendationValues;
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

export type ReportDimension = Schemas['ReportDimensionDto'];

export type ReasonCode = Schemas['ReportReasonDto']['code'];
export type ReportReason = Schemas['ReportReasonDto'];
/** The calibration engine's report (libs/calibration CalibrationReport) plus its stored version. */
export type Report = Schemas['CalibrationReportResponseDto'];

export type PersonRef = Schemas['PersonRefDto'];
export type Decision = Schemas['DecisionResponseDto'];
export type DebriefRating = Schemas['DebriefRatingDto'];
export type DebriefScorecard = Schemas['DebriefScorecardDto'];
export type AmendmentChange = Schemas['AmendmentChangeDto'];
export type Amendment = Schemas['AmendmentDto'];

/** GET /applications/:id/debrief. */
export type Debrief = Schemas['DebriefResponseDto'];

/** Share of ratings per value ("5" on 5-point scales only); null when withheld (too few ratings). */
export type RatingShares = Schemas['RatingShareDto'];
export type InterviewerCalibration = Schemas['InterviewerCalibrationResponseDto'];
export type RoleCalibration = Schemas['RoleCalibrationResponseDto'];

export type HabitFigure = Schemas['HabitFigureDto'];
export type RatingHabits = Schemas['RatingHabitsDto'];
export type Anchoring = Schemas['AnchoringDto'];

export type ImpactGroup = Schemas['ImpactGroupDto'];
export type ImpactAnalysis = Schemas['ImpactAnalysisDto'];
export type AdverseImpactReport = Schemas['AdverseImpactReportResponseDto'];

/** GET /self-identification/:token: the questions of the voluntary form. */
export type SelfIdentificationForm = Schemas['SelfIdentificationFormResponseDto'];
