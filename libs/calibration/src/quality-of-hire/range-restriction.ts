/**
 * Thorndike's Case II correction for direct range restriction (Pearson 1903; Thorndike 1949): people were selected
 * on the predictor x itself, so x's spread among those hired (s) is smaller than among everyone assessed (S), and the
 * correlation observed among the hired understates the one in the assessed pool.
 *
 *   R = r·U / √(1 − r² + r²·U²),   U = S / s
 *
 * R is strictly increasing in r for U > 0, so an interval for the restricted correlation maps to an interval for
 * the corrected one by correcting both ends (the same coverage, under the model's assumptions of a linear,
 * homoscedastic regression of y on x).
 */
import type { CorrelationInterval } from './correlation-interval';

export function caseIICorrection(r: number, unrestrictedSd: number, restrictedSd: number): number {
  if (!(unrestrictedSd > 0) || !(restrictedSd > 0)) {
    throw new RangeError(`caseIICorrection: standard deviations must be positive (S=${unrestrictedSd}, s=${restrictedSd})`);
  }
  if (!(r >= -1 && r <= 1)) throw new RangeError(`caseIICorrection: r must lie in [-1, 1], got ${r}`);
  const u = unrestrictedSd / restrictedSd;
  return (r * u) / Math.sqrt(1 - r * r + r * r * u * u);
}

/** The interval of a restricted correlation carried through the Case II correction (both ends corrected). */
export function correctInterval(interval: CorrelationInterval, unrestrictedSd: number, restrictedSd: number): CorrelationInterval {
  return {
    ...interval,
    low: caseIICorrection(interval.low, unrestrictedSd, restrictedSd),
    high: caseIICorrection(interval.high, unrestrictedSd, restrictedSd),
  };
}
