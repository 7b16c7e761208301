/**
 * @hireloop/calibration — pure, deterministic scoring of interview loops.
 * No framework, no I/O: safe to call from the API, the worker or a script.
 */
export * from './types';
export { ALGORITHM_VERSION, isNewerAlgorithm, isOlderAlgorithm } from './version';
export { CalibrationInputError, type CalibrationInputErrorCode } from './errors';
export {
  RATING_SCALES,
  RATING_SCALE_KINDS,
  ratingScale,
  defaultHirePolicy,
  isRatingScaleKind,
  toFourPoint,
  offsetOnScale,
  type RatingScaleKind,
  type RatingLevel,
  type RatingScale,
} from './scales';
export {
  buildReport,
  computeInputsHash,
  canonicalInputText,
  isReportCurrent,
  resolvePolicy,
  TIE_TOLERANCE,
  OUTPUT_DECIMALS,
  MAX_ABS_OFFSET,
  CANONICAL_FORMAT,
} from './report';
export { INTERVAL_METHOD, scoreInterval, type IntervalPanel, type IntervalDetail } from './interval';
export { leniencyOffsets, createLeniencyAccumulator, DEFAULT_LENIENCY_K, LENIENCY_DECIMALS, type LeniencyAccumulator } from './leniency';
export {
  raterEffects,
  raterEffectsFromSystem,
  offsetWithout,
  createRaterEffectSystem,
  solveRaterEffects,
  RATER_EFFECTS_TOLERANCE,
  type RaterEffects,
  type RaterEffect,
  type RaterContribution,
  type RaterEffectSystem,
  type RaterEffectsOptions,
} from './rater-effects';
export {
  krippendorffAlpha,
  krippendorffAlphaDetail,
  alphaFromUnits,
  reliabilityByDimension,
  type AlphaMetric,
  type AlphaValue,
  type AlphaDetail,
  type DimensionReliability,
} from './krippendorff';
export { icc, iccAll, iccAnova, ICC_FORMS, type IccForm, type IccAnova } from './icc';
export { canonicalJson, type CanonicalValue } from './canonical';
export { studentTQuantile } from './stats';
