/**
 * Quality of hire: how well interview scores predicted what happened after the hire (issue 15).
 * Pure functions over plain numbers; import as `@hireloop/calibration/quality-of-hire`.
 */
export { mean, standardDeviation, pearson, spearman, averageRanks } from './correlation';
export { fisherZInterval, bootstrapInterval, type CorrelationInterval, type BootstrapOptions } from './correlation-interval';
export { caseIICorrection, correctInterval } from './range-restriction';
export { normalCdf, normalQuantile, chiSquare1UpperTail } from './distributions';
export { kaplanMeier, logRank, type SurvivalObservation, type KaplanMeierCurve, type KaplanMeierStep, type LogRankResult } from './survival';
export {
  assessValidity,
  QUALITY_OF_HIRE_METHOD,
  DEFAULT_MIN_N,
  DEFAULT_BOOTSTRAP_BELOW_N,
  DEFAULT_LEVEL,
  type ValidityInput,
  type ValidityOptions,
  type ValidityResult,
  type ValidityVerdict,
} from './validity';
export {
  buildValidityReport,
  buildRetention,
  PANEL_SCORE_KEY,
  SCATTER_OUTCOME_KEY,
  type AssessedApplication,
  type OutcomeDefinition,
  type PanelRecommendation,
  type PredictorDefinition,
  type PredictorKind,
  type ReportInterval,
  type RetentionGroup,
  type RetentionPoint,
  type RetentionReport,
  type ValidityCell,
  type ValidityReport,
  type ValidityReportInput,
  type ValidityReportOptions,
} from './validity-report';
export {
  shrinkValidity,
  estimatePriorStrength,
  buildInterviewerValidity,
  derSimonianLaird,
  shrinkEstimate,
  type DerSimonianLaird,
  type EstimateWithVariance,
  type InterviewerCorrelation,
  type InterviewerOutcomePair,
  type InterviewerValidity,
  type InterviewerValidityReport,
  type ShrinkOptions,
  type ShrinkResult,
  type ShrunkCorrelation,
} from './shrinkage';
