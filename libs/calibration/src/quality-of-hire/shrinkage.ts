/**
 * Per-interviewer validity shrunk toward the organization's figure (issue 15, item 4).
 *
 * An interviewer's correlation with outcomes rests on few hires and is noisy; ranking interviewers by raw r mostly
 * ranks their luck. The normal–normal empirical-Bayes model on Fisher's z scale (Hedges & Olkin 1985, ch. 6 for
 * z = atanh r with sampling variance 1/(n − 3); Efron & Morris 1975 for the shrinkage estimator; DerSimonian &
 * Laird 1986 for the moment estimate of the between-interviewer variance τ²):
 *
 *   z_i = atanh(r_i),  w_i = n_i − 3  (precision of z_i),  μ = atanh(r_org),  k = 1 / τ²  (prior strength)
 *   ẑ_i = (w_i·z_i + k·μ) / (w_i + k),   posterior SD = 1 / √(w_i + k),   shrunk r_i = tanh(ẑ_i)
 *
 * k reads as a number of "pseudo-hires" of the organization's figure added to each interviewer's own. When not given
 * it is estimated from the interviewers themselves: τ̂² = max(0, (Q − (m − 1)) / (Σw − Σw²/Σw)),
 * Q = Σ w_i (z_i − z̄_w)², z̄_w the precision-weighted mean, m the number of interviewers; k = 1/τ̂², clamped to
 * [minStrength, maxStrength] (τ̂² = 0 — no detectable spread between interviewers — gives maxStrength).
 */
import { normalQuantile } from './distributions';

export interface InterviewerCorrelation {
  readonly key: string;
  readonly r: number;
  readonly n: number;
}

export interface ShrinkOptions {
  /** k, in pseudo-hires; estimated (DerSimonian–Laird) when omitted. */
  readonly priorStrength?: number;
  readonly minStrength?: number;
  readonly maxStrength?: number;
  readonly level?: number;
}

export interface ShrunkCorrelation {
  readonly key: string;
  readonly n: number;
  readonly r: number;
  readonly shrunk: number;
  readonly interval: { readonly low: number; readonly high: number };
}

export interface ShrinkResult {
  readonly organizationR: number;
  readonly priorStrength: number;
  readonly items: readonly ShrunkCorrelation[];
}

const R_LIMIT = 1 - 1e-12;
const atanh = (r: number) => Math.atanh(Math.max(-R_LIMIT, Math.min(R_LIMIT, r)));

/** One study's (or interviewer's) estimate on a scale where it is roughly normal, with its sampling variance. */
export interface EstimateWithVariance {
  readonly estimate: number;
  readonly variance: number;
}

export interface DerSimonianLaird {
  /** τ̂² = max(0, (Q − (m − 1)) / (Σw − Σw²/Σw)), w = 1/variance. */
  readonly tau2: number;
  /** Cochran's Q around the inverse-variance (fixed-effect) mean. */
  readonly q: number;
  readonly fixedMean: number;
  /** The random-effects mean: weights 1/(variance + τ̂²). */
  readonly randomMean: number;
}

/** DerSimonian & Laird (1986) moment estimate of the between-study variance; null with fewer than 2 estimates. */
export function derSimonianLaird(items: readonly EstimateWithVariance[]): DerSimonianLaird | null {
  if (items.length < 2) return null;
  let sw = 0;
  let sww = 0;
  let swy = 0;
  for (const i of items) {
    const w = 1 / i.variance;
    sw += w;
    sww += w * w;
    swy += w * i.estimate;
  }
  const fixedMean = swy / sw;
  let q = 0;
  for (const i of items) q += (i.estimate - fixedMean) ** 2 / i.variance;
  const tau2 = Math.max(0, (q - (items.length - 1)) / (sw - sww / sw));
  let sws = 0;
  let swsy = 0;
  for (const i of items) {
    const w = 1 / (i.variance + tau2);
    sws += w;
    swsy += w * i.estimate;
  }
  return { tau2, q, fixedMean, randomMean: swsy / sws };
}

/**
 * The normal–normal posterior of one true value given its estimate y (sampling variance v) and the prior N(μ, τ²),
 * written with the prior precision 1/τ²: mean (y/v + μ/τ²) / (1/v + 1/τ²), variance 1 / (1/v + 1/τ²).
 * `priorPrecision` = 0 leaves y alone; Infinity gives μ.
 */
export function shrinkEstimate(item: EstimateWithVariance, priorMean: number, priorPrecision: number): { mean: number; variance: number } {
  if (!Number.isFinite(priorPrecision)) return { mean: priorMean, variance: 0 };
  const w = 1 / item.variance;
  return { mean: (w * item.estimate + priorPrecision * priorMean) / (w + priorPrecision), variance: 1 / (w + priorPrecision) };
}

/** Fisher's z of r with its sampling variance 1/(n − 3). */
function fisherZ(item: InterviewerCorrelation): EstimateWithVariance {
  return { estimate: atanh(item.r), variance: 1 / (item.n - 3) };
}

/** DerSimonian–Laird k = 1/τ̂² from correlations with n ≥ 4; null with fewer than 3 of them. */
export function estimatePriorStrength(items: readonly InterviewerCorrelation[], bounds: { min?: number; max?: number } = {}): number | null {
  const { min = 3, max = 1000 } = bounds;
  const usable = items.filter((i) => i.n >= 4 && Number.isFinite(i.r));
  if (usable.length < 3) return null;
  const { tau2 } = derSimonianLaird(usable.map(fisherZ))!;
  return tau2 > 0 ? Math.min(max, Math.max(min, 1 / tau2)) : max;
}

/** Shrinks each correlation (n ≥ 4; others are left out) toward `organizationR`. */
export function shrinkValidity(items: readonly InterviewerCorrelation[], organizationR: number, options: ShrinkOptions = {}): ShrinkResult {
  const { minStrength = 3, maxStrength = 1000, level = 0.9 } = options;
  if (!(organizationR >= -1 && organizationR <= 1)) throw new RangeError(`shrinkValidity: organizationR must lie in [-1, 1], got ${organizationR}`);
  const k = options.priorStrength ?? estimatePriorStrength(items, { min: minStrength, max: maxStrength }) ?? maxStrength;
  if (!(k >= 0)) throw new RangeError(`shrinkValidity: priorStrength must be ≥ 0, got ${k}`);
  const mu = atanh(organizationR);
  const q = normalQuantile(0.5 + level / 2);
  const out: ShrunkCorrelation[] = [];
  for (const item of items) {
    if (!(item.n >= 4) || !Number.isFinite(item.r)) continue;
    const posterior = shrinkEstimate(fisherZ(item), mu, k);
    const half = q * Math.sqrt(posterior.variance);
    const z = posterior.mean;
    out.push({ key: item.key, n: item.n, r: item.r, shrunk: Math.tanh(z), interval: { low: Math.tanh(z - half), high: Math.tanh(z + half) } });
  }
  return { organizationR, priorStrength: k, items: out };
}

/** One interviewer's (leniency-adjusted) mean rating of a hired application, paired with that hire's outcome. */
export interface InterviewerOutcomePair {
  readonly interviewerId: string;
  readonly rating: number;
  readonly outcome: number;
}

export interface InterviewerValidity {
  readonly interviewerId: string;
  readonly status: 'not_enough_data' | 'estimated';
  readonly n: number;
  readonly r: number | null;
  readonly shrunk: number | null;
  readonly interval: { readonly low: number; readonly high: number } | null;
}

export interface InterviewerValidityReport {
  /** Pooled over every pair; null below minN pairs or when undefined. */
  readonly organizationR: number | null;
  readonly organizationN: number;
  readonly priorStrength: number | null;
  readonly interviewers: readonly InterviewerValidity[];
}

/**
 * Every interviewer's correlation with the outcome, shrunk toward the organization's pooled figure. The prior
 * strength is estimated from every interviewer with n ≥ 4 pairs, but an interviewer's figures are shown only from
 * `minN` pairs (below: `not_enough_data`, no number), and nothing is shown while the organization's own figure is
 * below `minN` pairs.
 */
export function buildInterviewerValidity(
  pairs: readonly InterviewerOutcomePair[],
  minN: number,
  pearsonOf: (x: number[], y: number[]) => number | null,
): InterviewerValidityReport {
  const byInterviewer = new Map<string, { x: number[]; y: number[] }>();
  for (const p of pairs) {
    if (!Number.isFinite(p.rating) || !Number.isFinite(p.outcome)) continue;
    let entry = byInterviewer.get(p.interviewerId);
    if (!entry) byInterviewer.set(p.interviewerId, (entry = { x: [], y: [] }));
    entry.x.push(p.rating);
    entry.y.push(p.outcome);
  }
  const allX = [...byInterviewer.values()].flatMap((e) => e.x);
  const allY = [...byInterviewer.values()].flatMap((e) => e.y);
  const organizationR = allX.length >= minN ? pearsonOf(allX, allY) : null;
  const raw = [...byInterviewer.entries()].map(([key, e]) => ({ key, n: e.x.length, r: e.x.length >= 4 ? pearsonOf(e.x, e.y) : null }));
  const usable = raw.filter((i): i is InterviewerCorrelation => i.r !== null);
  const shrunk = organizationR === null ? null : shrinkValidity(usable, organizationR);
  const byKey = new Map((shrunk?.items ?? []).map((i) => [i.key, i]));
  const interviewers = raw
    .map((i): InterviewerValidity => {
      const s = byKey.get(i.key);
      if (!s || i.n < minN) return { interviewerId: i.key, status: 'not_enough_data', n: i.n, r: null, shrunk: null, interval: null };
      return { interviewerId: i.key, status: 'estimated', n: i.n, r: s.r, shrunk: s.shrunk, interval: s.interval };
    })
    .sort((a, b) => (a.interviewerId < b.interviewerId ? -1 : a.interviewerId > b.interviewerId ? 1 : 0));
  return { organizationR, organizationN: allX.length, priorStrength: shrunk?.priorStrength ?? null, interviewers };
}
