/**
 * Fairness statistics (issue 16): adverse impact of a selection step, standardized score differences, and the
 * rating habits (halo, straight-lining) that make panels less independent. Pure; import as
 * `@hireloop/calibration/fairness`.
 */
export * from './tests';
export * from './effect-size';
export * from './impact';
export * from './rater-habits';
export * from './audit';
