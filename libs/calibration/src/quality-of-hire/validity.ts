/**
 * One predictor × one outcome: the figures a validity report shows, or the reason there are none.
 *
 * "Not enough data yet" is a status, never a number: below `minN` pairs the result carries no correlation at all,
 * so nothing downstream can print a figure computed from a handful of hires.
 */
import { bootstrapInterval, fisherZInterval, type CorrelationInterval } from './correlation-interval';
import { pearson, spearman, standardDeviation } from './correlation';
import { caseIICorrection, correctInterval } from './range-restriction';

export const QUALITY_OF_HIRE_METHOD = 'hireloop-quality-of-hire/1.0.0';
export const DEFAULT_MIN_N = 30;
/** Below this many pairs the interval is a bootstrap one (Fisher z's normal approximation is poor there). */
export const DEFAULT_BOOTSTRAP_BELOW_N = 50;
export const DEFAULT_LEVEL = 0.9;

export interface ValidityInput {
  /** Predictor values of the hired people who have this outcome, paired with `outcome`. */
  readonly predictor: readonly number[];
  readonly outcome: readonly number[];
  /**
   * Standard deviation of the predictor among everyone assessed (hired or not). When given and larger than the
   * spread among the hired, the Case II correction applies; otherwise the corrected figures are absent.
   */
  readonly assessedSd?: number | null;
}

export interface ValidityOptions {
  readonly minN?: number;
  readonly bootstrapBelowN?: number;
  readonly level?: number;
  readonly bootstrapSeed?: number;
  readonly bootstrapResamples?: number;
}

/**
 * `predictive`: the 90 % interval of the (corrected, when available) correlation lies entirely above zero — a
 * one-sided 5 % test of "higher scores went with better outcomes". Anything else is `not_predictive`; when the
 * interval lies entirely below zero the result also says `inverse: true` (higher scores went with worse outcomes),
 * which is a warning about the predictor, not evidence that it predicts success.
 */
export type ValidityVerdict = 'predictive' | 'not_predictive';

export type ValidityResult =
  | { readonly status: 'not_enough_data'; readonly n: number; readonly minN: number }
  | { readonly status: 'undefined'; readonly n: number; readonly reason: 'constant_predictor' | 'constant_outcome' }
  | {
      readonly status: 'estimated';
      readonly n: number;
      readonly pearson: number;
      readonly spearman: number | null;
      readonly interval: CorrelationInterval;
      readonly corrected: {
        readonly r: number;
        readonly interval: CorrelationInterval;
        readonly assessedSd: number;
        readonly hiredSd: number;
      } | null;
      readonly verdict: ValidityVerdict;
      readonly inverse: boolean;
    };

export function assessValidity(input: ValidityInput, options: ValidityOptions = {}): ValidityResult {
  const { minN = DEFAULT_MIN_N, bootstrapBelowN = DEFAULT_BOOTSTRAP_BELOW_N, level = DEFAULT_LEVEL } = options;
  const { predictor, outcome } = input;
  const n = predictor.length;
  if (n < minN || n < 4) return { status: 'not_enough_data', n, minN };
  const r = pearson(predictor, outcome);
  if (r === null) {
    return { status: 'undefined', n, reason: standardDeviation(predictor) === 0 ? 'constant_predictor' : 'constant_outcome' };
  }
  const interval =
    (n < bootstrapBelowN
      ? bootstrapInterval(predictor, outcome, { level, seed: options.bootstrapSeed, resamples: options.bootstrapResamples })
      : null) ?? fisherZInterval(r, n, level);
  const hiredSd = standardDeviation(predictor);
  const assessedSd = input.assessedSd ?? null;
  const corrected =
    assessedSd !== null && assessedSd > hiredSd
      ? { r: caseIICorrection(r, assessedSd, hiredSd), interval: correctInterval(interval, assessedSd, hiredSd), assessedSd, hiredSd }
      : null;
  const judged = corrected?.interval ?? interval;
  const verdict: ValidityVerdict = judged.low > 0 ? 'predictive' : 'not_predictive';
  return { status: 'estimated', n, pearson: r, spearman: spearman(predictor, outcome), interval, corrected, verdict, inverse: judged.high < 0 };
}
