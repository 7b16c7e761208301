import { buildReport, type LoopDimension, type ScorecardInput } from '@hireloop/calibration';

import { mulberry32 } from './synthetic';

/**
 * Seeded simulation of the 90% score interval (issue 12, item 6): the planted truth is the expected panel score.
 *
 * Per panel: five dimensions with weights drawn from 1–4; a candidate of ability A ~ U(1.5, 3.5) whose level on
 * dimension d is μ_d = A + N(0, 0.3²); `interviewers` interviewers, each dimension rated by r of them (r drawn per
 * dimension from the design's range, the raters drawn at random from the panel); a rating is the latent
 * μ_d + N(0, sd²) rounded to the nearest integer and clamped to 1–4 (no rater bias, no leniency). The expected
 * panel score is Σ w̃_d E[rating_d] with E[rating_d] = Σ_k k · P(round(clamp(μ_d + e)) = k) computed exactly from
 * the normal CDF. The interval covers it when low ≤ expected ≤ high. 3,000 panels per design.
 *
 * Rater bias (leniency) designs: each interviewer also has a bias ~ N(0, bias²) on the panel's candidate, constant
 * across the dimensions they rate (no leniency correction: new interviewers). The bias is error: the truth stays the
 * expected panel score of an unbiased panel, Σ w̃_d E[rating_d] without the bias, as for the halo rows. In the
 * `dominant` designs interviewer 0 rates every dimension and r of the others (r drawn from the range) rate it too.
 */

function normal(random: () => number): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Standard normal CDF via erf (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

function expectedRating(mu: number, sd: number): number {
  let e = 0;
  for (let k = 1; k <= 4; k++) {
    const lo = k === 1 ? 0 : phi((k - 0.5 - mu) / sd);
    const hi = k === 4 ? 1 : phi((k + 0.5 - mu) / sd);
    e += k * (hi - lo);
  }
  return e;
}

interface Design {
  interviewers: number;
  raters: [number, number];
  sd: number;
  /** sd of an interviewer's halo on the panel's candidate: one error shared by all the dimensions they rate (default 0). */
  halo?: number;
  /** sd of an interviewer's bias (leniency) on the candidate, constant across their dimensions: drawn like the halo. */
  bias?: number;
  /** Interviewer 0 rates every dimension; `raters` is then the range of the other interviewers per dimension. */
  dominant?: boolean;
}

function simulate(design: Design, seed: number, panels = 3000): { coverage: number; meanWidth: number } {
  const random = mulberry32(seed);
  const ids = Array.from({ length: design.interviewers }, (_, i) => `i${i}`);
  let covered = 0;
  let width = 0;
  for (let p = 0; p < panels; p++) {
    const dimensions: LoopDimension[] = Array.from({ length: 5 }, (_, d) => ({ id: `d${d}`, name: `D${d}`, weight: 1 + Math.floor(random() * 4) }));
    const ability = 1.5 + 2 * random();
    const mu = dimensions.map(() => ability + 0.3 * normal(random));
    const ratings = new Map<string, { dimensionId: string; rating: 1 | 2 | 3 | 4 }[]>(ids.map((id) => [id, []]));
    const shared = design.halo ?? design.bias;
    const halo = new Map(ids.map((id) => [id, shared ? shared * normal(random) : 0]));
    for (let d = 0; d < dimensions.length; d++) {
      const [lo, hi] = design.raters;
      const pool = design.dominant ? ids.slice(1) : [...ids];
      const r = Math.min(pool.length, lo + Math.floor(random() * (hi - lo + 1)));
      const order = pool;
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (const id of design.dominant ? [ids[0], ...order.slice(0, r)] : order.slice(0, r)) {
        const rating = Math.min(4, Math.max(1, Math.round(mu[d] + halo.get(id)! + design.sd * normal(random)))) as 1 | 2 | 3 | 4;
        ratings.get(id)!.push({ dimensionId: dimensions[d].id, rating });
      }
    }
    const scorecards: ScorecardInput[] = ids.map((id) => ({ interviewerId: id, ratings: ratings.get(id)!, recommendation: 'yes', redFlags: [] }));
    const report = buildReport({ dimensions, scorecards, policy: { minInterviewers: 1 } });
    const total = dimensions.reduce((s, d) => s + d.weight, 0);
    const expected = dimensions.reduce((s, d, i) => s + (d.weight / total) * expectedRating(mu[i], design.sd), 0);
    const { low, high } = report.interval!;
    if (low <= expected + 1e-9 && expected <= high + 1e-9) covered++;
    width += high - low;
  }
  return { coverage: covered / panels, meanWidth: width / panels };
}

describe('score interval: coverage over simulated panels (seeded)', () => {
  // interviewers, raters per dimension (range), noise sd → coverage %, mean width (figures in the README)
  it.each<[number, [number, number], number, number, number]>([
    [3, [1, 1], 0.7, 91.6, 1.375],
    [3, [1, 2], 0.7, 91.8, 1.407],
    [3, [2, 2], 1.0, 91.1, 1.297],
    [3, [3, 3], 0.5, 92.7, 0.626],
    [3, [1, 3], 1.0, 91.1, 1.378],
    [4, [1, 1], 1.0, 89.7, 1.592],
    [4, [1, 2], 0.5, 91.9, 1.187],
    [4, [2, 2], 0.7, 91.6, 1.028],
    [4, [1, 3], 0.7, 92.5, 1.13],
    [4, [3, 3], 1.0, 90.9, 0.959],
    [5, [1, 1], 0.7, 91.7, 1.345],
    [5, [2, 2], 0.7, 92.1, 1.035], // the design (was 95.6 %, mean width 0.93)
    [5, [1, 3], 0.5, 91.7, 0.912],
    [5, [3, 3], 0.7, 91.6, 0.762],
    [6, [1, 2], 1.0, 89.8, 1.641],
    [6, [2, 2], 0.5, 90.7, 0.819],
    [6, [1, 3], 1.0, 90.8, 1.391],
    [6, [3, 3], 0.5, 92.4, 0.613],
  ])(
    '%i interviewers, each dimension rated by %p of them, noise sd %p → covers %p %% (87–93), mean width %p',
    (interviewers, raters, sd, pct, meanWidth) => {
      const seed = interviewers * 1000 + raters[0] * 100 + raters[1] * 10 + Math.round(sd * 10);
      const result = simulate({ interviewers, raters, sd }, seed);
      expect(result.coverage).toBeGreaterThanOrEqual(0.87);
      expect(result.coverage).toBeLessThanOrEqual(0.93);
      expect({ coverage: Number((result.coverage * 100).toFixed(1)), meanWidth: Number(result.meanWidth.toFixed(3)) }).toEqual({
        coverage: pct,
        meanWidth,
      });
    },
  );

  // Robustness, not part of the 87–93 % requirement: each interviewer's errors share a halo of sd 0.3 across the
  // dimensions they rate. Without the halo term the 3-rater designs fall to about 80 %.
  it.each<[number, [number, number], number, number, number]>([
    [3, [3, 3], 0.5, 86.5, 0.822],
    [5, [2, 2], 0.7, 89.5, 1.119],
    [5, [3, 3], 0.7, 89.9, 0.855],
    [6, [1, 3], 1.0, 89.9, 1.425],
  ])(
    'with a halo of sd 0.3: %i interviewers, %p raters per dimension, sd %p → covers %p %% (≥ 85), mean width %p',
    (interviewers, raters, sd, pct, meanWidth) => {
      const result = simulate({ interviewers, raters, sd, halo: 0.3 }, 7000 + interviewers * 100 + raters[1] * 10 + Math.round(sd * 10));
      expect(result.coverage).toBeGreaterThanOrEqual(0.85);
      expect({ coverage: Number((result.coverage * 100).toFixed(1)), meanWidth: Number(result.meanWidth.toFixed(3)) }).toEqual({
        coverage: pct,
        meanWidth,
      });
    },
  );

  // Rater bias (leniency) of sd 0.4–0.5, constant across an interviewer's dimensions, with no leniency correction
  // (new interviewers). Not part of the 87–93 % requirement: the rater term is estimated from the few between-interviewer
  // degrees of freedom of one panel, and widening the interval further made panels without bias over-cover (README).
  // Figures of method 2.1.0 (κ-shrunk halo, residual df) in the last two columns.
  it.each<[number, [number, number], number, number, boolean, number, number, number, number]>([
    [3, [1, 1], 0.7, 0.5, false, 83.8, 1.412, 83.8, 1.412],
    [3, [1, 2], 0.7, 0.4, false, 88.2, 1.535, 86.7, 1.363],
    [3, [3, 3], 0.5, 0.5, false, 83.5, 1.08, 82.8, 1.021],
    [3, [0, 1], 0.7, 0.5, true, 86.7, 1.742, 84.8, 1.496],
    [3, [0, 1], 0.5, 0.4, true, 86.3, 1.528, 85.0, 1.315],
    [4, [1, 1], 0.7, 0.5, false, 86.0, 1.428, 86.0, 1.428],
    [4, [1, 2], 0.5, 0.4, false, 89.1, 1.341, 88.0, 1.202],
    [4, [2, 2], 0.7, 0.5, false, 86.7, 1.257, 84.1, 1.126],
    [4, [0, 1], 0.7, 0.4, true, 88.7, 1.714, 87.0, 1.449],
    [4, [1, 2], 0.5, 0.5, true, 85.4, 1.06, 83.5, 0.997],
    [5, [2, 2], 0.7, 0.5, false, 87.5, 1.23, 85.2, 1.093],
    [5, [1, 3], 0.5, 0.4, false, 88.4, 1.099, 86.1, 0.997],
    [5, [0, 1], 0.5, 0.5, true, 85.2, 1.573, 83.1, 1.332],
    [5, [3, 3], 0.7, 0.4, false, 88.6, 0.912, 87.9, 0.878],
  ])(
    'with a rater bias: %i interviewers, %p raters per dimension, sd %p, bias sd %p, one rating everything %p → covers %p %% (≥ 83), mean width %p (2.1.0: %p %%, %p)',
    (interviewers, raters, sd, bias, dominant, pct, meanWidth) => {
      const seed = 9000 + interviewers * 100 + raters[0] * 20 + raters[1] * 10 + Math.round(bias * 10) + (dominant ? 5 : 0) + Math.round(sd * 10);
      const result = simulate({ interviewers, raters, sd, bias, dominant }, seed);
      expect(result.coverage).toBeGreaterThanOrEqual(0.83);
      expect({ coverage: Number((result.coverage * 100).toFixed(1)), meanWidth: Number(result.meanWidth.toFixed(3)) }).toEqual({
        coverage: pct,
        meanWidth,
      });
    },
  );

  it('one rater per dimension with little noise (sd 0.5): the between-dimension fallback errs wide, still within 87–93 % (10,000 panels)', () => {
    // With no replicated dimension the spread across dimensions also holds the candidate's true differences between
    // dimensions (sd 0.3 here), so with little rating noise the interval errs on the wide side, close to the 93 % bound.
    // 3,000 panels measure coverage to ±0.5 points (one standard error), too coarse so near the bound: this design is
    // measured over 10,000 panels (±0.26 points).
    const result = simulate({ interviewers: 3, raters: [1, 1], sd: 0.5 }, 3115, 10_000);
    expect(result.coverage).toBeGreaterThanOrEqual(0.87);
    expect(result.coverage).toBeLessThanOrEqual(0.93);
    expect({ coverage: Number((result.coverage * 100).toFixed(1)), meanWidth: Number(result.meanWidth.toFixed(3)) }).toEqual({
      coverage: 92.9,
      meanWidth: 1.169,
    });
  });
});
