/**
 * Quality of hire: how well interview scores predicted what happened after the hire (issue 15).
 * Pure functions over plain numbers; import as `@hireloop/calibration/quality-of-hire`.
 */
export { mean, standardDeviation, pearson, spearman, averageRanks } from './correlation';
export { fisherZInterval, bootstrapInterval, type CorrelationInterval, type BootstrapOptions } from './correlation-interval';
export { caseIICorrection, correctInterval } from './range-restriction';
export { normalCdf, normalQuantile, chiSquare1UpperTail } from './distributions';
export {
  kaplanMeier,
  logRank,
  type SurvivalObservation,
  type KaplanMeierCurve,
  type KaplanMeierStep,
  type LogRankResult,
} from './survival';
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
