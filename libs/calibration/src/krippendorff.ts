import { compareCodeUnits } from './canonical';
import { assertId, assertRating, CalibrationInputError, describeValue, isRating } from './errors';
import type { LeniencyRating } from './types';

export type AlphaMetric = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** A coded value: numbers for every metric; strings are accepted for `nominal` only. */
export type AlphaValue = number | string;

const METRICS: readonly AlphaMetric[] = ['nominal', 'ordinal', 'interval', 'ratio'];

export interface AlphaDetail {
  /** NaN when undefined: fewer than 2 pairable values, or no variation at all (expected disagreement 0). */
  alpha: number;
  /** Units (columns) with at least 2 values: the only ones that enter the computation. */
  pairableUnits: number;
  /** n: number of values in pairable units. */
  pairableValues: number;
  /** Observed disagreement D_o. */
  observedDisagreement: number;
  /** Expected disagreement D_e. */
  expectedDisagreement: number;
}

/**
 * Krippendorff's alpha: α = 1 − D_o / D_e, following K. Krippendorff, "Computing Krippendorff's
 * Alpha-Reliability" (2011):
 *
 * - coincidences o_ck = Σ_u (number of c–k pairs of values in unit u) / (m_u − 1), over units with m_u ≥ 2;
 * - n_c = Σ_k o_ck, n = Σ_c n_c;
 * - α = 1 − (n − 1) · Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck, with
 *   nominal δ² = [c ≠ k], interval δ² = (c − k)², ratio δ² = ((c − k)/(c + k))²,
 *   ordinal δ² = (Σ_{g from c to k} n_g − (n_c + n_k)/2)².
 *
 * `data[r][u]` is rater r's value for unit u; `null` (or `undefined`) marks a missing value. All rows must
 * have the same length. Returns NaN when alpha is undefined (see {@link AlphaDetail.alpha}).
 */
export function krippendorffAlpha(data: ReadonlyArray<ReadonlyArray<AlphaValue | null | undefined>>, metric: AlphaMetric): number {
  return krippendorffAlphaDetail(data, metric).alpha;
}

/** {@link krippendorffAlpha} with the intermediate figures. */
export function krippendorffAlphaDetail(data: ReadonlyArray<ReadonlyArray<AlphaValue | null | undefined>>, metric: AlphaMetric): AlphaDetail {
  checkMetric(metric);
  if (!Array.isArray(data)) throw new CalibrationInputError('invalid_data', 'data', `expected an array of rows, got ${describeValue(data)}`);
  const unitCount = data.length > 0 ? (Array.isArray(data[0]) ? data[0].length : -1) : 0;
  data.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== unitCount) {
      throw new CalibrationInputError('invalid_data', `data[${r}]`, `every row must be an array of ${unitCount} values`);
    }
  });
  const units: AlphaValue[][] = [];
  for (let u = 0; u < unitCount; u++) {
    const values: AlphaValue[] = [];
    for (let r = 0; r < data.length; r++) {
      const v = data[r][u];
      if (v === null || v === undefined) continue;
      checkValue(v, metric, `data[${r}][${u}]`);
      values.push(v);
    }
    units.push(values);
  }
  return alphaFromUnits(units, metric);
}

/**
 * Alpha from units given as lists of their values (missing values simply absent). Values are assumed
 * valid for the metric. Runs in O(Σ m_u + V²) with V distinct values.
 */
export function alphaFromUnits(units: ReadonlyArray<ReadonlyArray<AlphaValue>>, metric: AlphaMetric): AlphaDetail {
  checkMetric(metric);
  // Distinct values among pairable units, in a deterministic order (numeric ascending; strings by code unit).
  const distinct = new Set<AlphaValue>();
  let pairableUnits = 0;
  for (const unit of units) {
    if (unit.length < 2) continue;
    pairableUnits++;
    for (const v of unit) distinct.add(v);
  }
  const values = [...distinct].sort(compareValues);
  const V = values.length;
  const index = new Map<AlphaValue, number>();
  values.forEach((v, i) => index.set(v, i));

  const o = new Float64Array(V * V);
  const unitCounts = new Map<number, number>();
  for (const unit of units) {
    const m = unit.length;
    if (m < 2) continue;
    unitCounts.clear();
    for (const v of unit) {
      const i = index.get(v) as number;
      unitCounts.set(i, (unitCounts.get(i) ?? 0) + 1);
    }
    for (const [c, nc] of unitCounts) {
      for (const [k, nk] of unitCounts) {
        o[c * V + k] += (nc * (c === k ? nk - 1 : nk)) / (m - 1);
      }
    }
  }

  const marginals = new Float64Array(V);
  let n = 0;
  for (let c = 0; c < V; c++) {
    let s = 0;
    for (let k = 0; k < V; k++) s += o[c * V + k];
    marginals[c] = s;
    n += s;
  }

  const delta = distanceFunction(metric, values, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < V; c++) {
    for (let k = 0; k < V; k++) {
      if (c === k) continue; // δ²_cc = 0 for every metric
      const d2 = delta(c, k);
      observed += o[c * V + k] * d2;
      expected += marginals[c] * marginals[k] * d2;
    }
  }
  const nValues = Math.round(n);
  if (nValues < 2 || expected === 0) {
    return { alpha: NaN, pairableUnits, pairableValues: nValues, observedDisagreement: NaN, expectedDisagreement: 0 };
  }
  const Do = observed / n;
  const De = expected / (n * (n - 1));
  return { alpha: 1 - Do / De, pairableUnits, pairableValues: nValues, observedDisagreement: Do, expectedDisagreement: De };
}

function distanceFunction(metric: AlphaMetric, values: readonly AlphaValue[], marginals: Float64Array): (c: number, k: number) => number {
  switch (metric) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => ((values[c] as number) - (values[k] as number)) ** 2;
    case 'ratio':
      return (c, k) => {
        const a = values[c] as number;
        const b = values[k] as number;
        return a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
      };
    case 'ordinal': {
      // cumulative[i] = Σ_{g < i} n_g, so Σ_{g=c..k} n_g = cumulative[k+1] − cumulative[c] for c ≤ k.
      const cumulative = new Float64Array(values.length + 1);
      for (let i = 0; i < values.length; i++) cumulative[i + 1] = cumulative[i] + marginals[i];
      return (c, k) => {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        return (cumulative[hi + 1] - cumulative[lo] - (marginals[c] + marginals[k]) / 2) ** 2;
      };
    }
  }
}

function compareValues(a: AlphaValue, b: AlphaValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return compareCodeUnits(a, b);
}

function checkMetric(metric: AlphaMetric): void {
  if (!METRICS.includes(metric)) {
    throw new CalibrationInputError('invalid_option', 'metric', `expected one of ${METRICS.join(', ')}, got ${describeValue(metric)}`);
  }
}

function checkValue(v: unknown, metric: AlphaMetric, path: string): void {
  if (typeof v === 'string') {
    if (metric !== 'nominal') throw new CalibrationInputError('invalid_data', path, `string values need the nominal metric`);
    return;
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new CalibrationInputError('invalid_data', path, `expected a finite number or null, got ${describeValue(v)}`);
  }
  if (metric === 'ratio' && v < 0) {
    throw new CalibrationInputError('invalid_data', path, `ratio values must be ≥ 0, got ${v}`);
  }
}

export interface DimensionReliability {
  dimensionId: string;
  /** Krippendorff's alpha over applications as units and interviewers as raters; null when undefined. */
  alpha: number | null;
  /** Applications this dimension was rated on by at least 2 interviewers. */
  units: number;
  /** Ratings in those applications. */
  ratings: number;
  /** Distinct interviewers who rated this dimension. */
  raters: number;
}

/**
 * Inter-rater reliability of each dimension from historical ratings: for every dimension, Krippendorff's
 * alpha with applications as units and interviewers as raters (missing ratings allowed). The 1–4 scale is
 * ordinal by default. O(N) in the number of rows; sorted by dimensionId. Throws
 * {@link CalibrationInputError} on invalid rows, or when an interviewer rated the same application and
 * dimension twice.
 */
export function reliabilityByDimension(rows: Iterable<LeniencyRating>, options: { metric?: AlphaMetric } = {}): DimensionReliability[] {
  const metric = options.metric ?? 'ordinal';
  checkMetric(metric);
  const byDimension = new Map<string, { raters: Set<string>; units: Map<string, { ids: string[]; values: number[] }> }>();
  let i = 0;
  for (const row of rows) {
    const index = i++;
    if (row === null || typeof row !== 'object')
      throw new CalibrationInputError('invalid_input', `rows[${index}]`, `expected an object, got ${describeValue(row)}`);
    if (!(
      typeof row.interviewerId === 'string' &&
      row.interviewerId &&
      typeof row.applicationId === 'string' &&
      row.applicationId &&
      typeof row.dimensionId === 'string' &&
      row.dimensionId &&
      isRating(row.rating)
    )) {
      const path = `rows[${index}]`;
      assertId(row.interviewerId, `${path}.interviewerId`);
      assertId(row.applicationId, `${path}.applicationId`);
      assertId(row.dimensionId, `${path}.dimensionId`);
      assertRating(row.rating, `${path}.rating`);
    }
    let dim = byDimension.get(row.dimensionId);
    if (dim === undefined) {
      dim = { raters: new Set(), units: new Map() };
      byDimension.set(row.dimensionId, dim);
    }
    dim.raters.add(row.interviewerId);
    let unit = dim.units.get(row.applicationId);
    if (unit === undefined) {
      unit = { ids: [], values: [] };
      dim.units.set(row.applicationId, unit);
    }
    if (unit.ids.includes(row.interviewerId)) {
      throw new CalibrationInputError(
        'duplicate_rating',
        `rows[${index}]`,
        `interviewer ${JSON.stringify(row.interviewerId)} rated application ${JSON.stringify(row.applicationId)} on dimension ${JSON.stringify(row.dimensionId)} twice`,
      );
    }
    unit.ids.push(row.interviewerId);
    unit.values.push(row.rating);
  }
  return [...byDimension.keys()].sort(compareCodeUnits).map((dimensionId) => {
    const dim = byDimension.get(dimensionId) as NonNullable<ReturnType<typeof byDimension.get>>;
    const units = [...dim.units.values()].map((u) => u.values);
    const detail = alphaFromUnits(units, metric);
    return {
      dimensionId,
      alpha: Number.isNaN(detail.alpha) ? null : detail.alpha,
      units: detail.pairableUnits,
      ratings: detail.pairableValues,
      raters: dim.raters.size,
    };
  });
}
