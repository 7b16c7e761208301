import { buildReport, INTERVAL_METHOD, scoreInterval, type Rating } from '@hireloop/calibration';
import fc from 'fast-check';

import { card, LOOP, loopInput, unanimous } from './spec-helpers';

/**
 * The score interval (interval.ts): jackknife over interviewers pooled with a prior τ = 0.55 worth n0 = 2
 * interviewers, Student-t 90% quantile with df = n − 1 + n0, clamped to 1–4 but always containing the score.
 */
describe('score interval', () => {
  it('uses the documented constants', () => {
    expect(INTERVAL_METHOD).toEqual({ level: 0.9, priorSd: 0.55, priorN: 2, scaleMin: 1, scaleMax: 4 });
  });

  // Unanimous panels (every interviewer 3, 3, 3): panel variance 0, so
  //   half = t₀.₉₅(n + 1) · √(τ² · n0 / (n + 1) / n) = t₀.₉₅(n + 1) · 0.55 · √(2 / ((n + 1) · n))
  it.each([
    { n: 1, t: 2.91999, se: 0.55, low: 1.394, high: 4 }, // 3 + 1.606 clamps to 4
    { n: 2, t: 2.35336, se: 0.31754, low: 2.2527, high: 3.7473 },
    { n: 3, t: 2.13185, se: 0.22454, low: 2.5213, high: 3.4787 },
    { n: 4, t: 2.01505, se: 0.17393, low: 2.6495, high: 3.3505 },
    { n: 5, t: 1.94318, se: 0.14201, low: 2.7241, high: 3.2759 },
    { n: 6, t: 1.89458, se: 0.12002, low: 2.7726, high: 3.2274 },
    { n: 7, t: 1.85955, se: 0.10394, low: 2.8067, high: 3.1933 },
    { n: 8, t: 1.83311, se: 0.09167, low: 2.832, high: 3.168 },
  ])('unanimous panel of $n: t = $t, SE = $se → [$low, $high]', ({ n, low, high }) => {
    expect(buildReport(loopInput(unanimous(n, [3, 3, 3]), { policy: { minInterviewers: 1 } })).interval).toEqual({ level: 0.9, low, high });
  });

  it('narrows strictly as interviewers are added (unanimous panels of 1 … 12)', () => {
    const widths = Array.from({ length: 12 }, (_, i) => {
      const r = buildReport(loopInput(unanimous(i + 1, [3, 3, 3]), { policy: { minInterviewers: 1 } }));
      return (r.interval?.high ?? 0) - (r.interval?.low ?? 0);
    });
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeLessThan(widths[i - 1]);
  });

  // Interviewers cycling through three profiles (weighted scores 3.3, 3.4, 3.3): the spread stays the same,
  // the half-width shrinks: 0.4813, 0.2299, 0.1510, 0.1127 (computed independently with scipy).
  it.each([
    { n: 3, halfWidth: 0.4813 },
    { n: 6, halfWidth: 0.2299 },
    { n: 9, halfWidth: 0.151 },
    { n: 12, halfWidth: 0.1127 },
  ])('narrows for a varied but consistent panel: n = $n → half-width $halfWidth', ({ n, halfWidth }) => {
    const profiles: Rating[][] = [
      [4, 3, 3],
      [3, 3, 4],
      [3, 4, 3],
    ];
    const report = buildReport(loopInput(Array.from({ length: n }, (_, i) => card(`i${String(i).padStart(2, '0')}`, profiles[i % 3]))));
    expect(report.score).toBe(3.3333);
    expect(report.interval?.high).toBeCloseTo(3.3333 + halfWidth, 3);
    expect(report.interval?.low).toBeCloseTo(3.3333 - halfWidth, 3);
  });

  it('hand-computed panel with disagreement: interviewers 4, 4, 2', () => {
    // Interviewer scores 4, 4, 2: s² = 4/3; v = (4/3 · 2 + 0.3025 · 2) / 4 = 0.817917;
    // SE = √(v / 3) = 0.522148; half = t₀.₉₅(4) · SE = 2.131847 · 0.522148 = 1.113140;
    // score 3.333333 → [2.220193, 4.446474] → clamped [2.2202, 4].
    const report = buildReport(loopInput([card('a', [4, 4, 4]), card('b', [4, 4, 4]), card('c', [2, 2, 2])]));
    expect(report.interval).toEqual({ level: 0.9, low: 2.2202, high: 4 });
  });

  it('when everyone rates every dimension, the jackknife variance is the sample variance of interviewer scores', () => {
    // Weights 2, 1, 1; interviewers' weighted scores: (2·4+3+2)/4 = 3.25, (2·2+3+3)/4 = 2.5, (2·3+4+4)/4 = 3.5.
    const weights = [2, 1, 1];
    const ratings = [
      [4, 3, 2],
      [2, 3, 3],
      [3, 4, 4],
    ];
    const sums = [0, 1, 2].map((d) => ratings.reduce((s, r) => s + r[d], 0));
    const score = (2 * (sums[0] / 3) + sums[1] / 3 + sums[2] / 3) / 4;
    const detail = scoreInterval({
      weights,
      sums,
      counts: [3, 3, 3],
      raters: ratings.map((values) => ({ dims: [0, 1, 2], values })),
      score,
    });
    const own = [3.25, 2.5, 3.5];
    const mean = own.reduce((a, b) => a + b) / 3;
    const sampleVariance = own.reduce((s, x) => s + (x - mean) ** 2, 0) / 2;
    expect(detail.panelVariance).toBeCloseTo(sampleVariance, 12);
    expect(detail.degreesOfFreedom).toBe(4);
    expect(detail.pooledVariance).toBeCloseTo((sampleVariance * 2 + 0.3025 * 2) / 4, 12);
  });

  it('is defined for a single interviewer: the prior alone (v = τ², df = 2)', () => {
    const detail = scoreInterval({ weights: [1], sums: [2], counts: [1], raters: [{ dims: [0], values: [2] }], score: 2 });
    expect(detail).toMatchObject({ n: 1, panelVariance: 0, degreesOfFreedom: 2 });
    expect(detail.pooledVariance).toBeCloseTo(0.3025, 12);
    expect(detail.halfWidth).toBeCloseTo(1.606, 3);
    expect([detail.low, detail.high]).toEqual([1, expect.closeTo(3.606, 3)]);
  });

  it.each([
    { name: 'all 4s: clamped at the top', ratings: [4, 4, 4] as Rating[], offset: 0, low: 3.5213, high: 4 },
    { name: 'all 1s: clamped at the bottom', ratings: [1, 1, 1] as Rating[], offset: 0, low: 1, high: 1.4787 },
    // Leniency adjustment can push the score off the scale (4 − (−0.5) = 4.5): the interval still contains it.
    { name: 'adjusted score above 4: still contains the score', ratings: [4, 4, 4] as Rating[], offset: -0.5, low: 4.0213, high: 4.5 },
  ])('$name', ({ ratings, offset, low, high }) => {
    const report = buildReport(loopInput(unanimous(3, ratings), { offsets: { i1: offset, i2: offset, i3: offset } }));
    expect(report.interval).toEqual({ level: 0.9, low, high });
  });

  it('always contains the score, stays within 1–4 for on-scale scores, and is deterministic (property)', () => {
    const rating = fc.constantFrom<Rating | null>(1, 2, 3, 4, null);
    const panel = fc.array(fc.tuple(rating, rating, rating), { minLength: 1, maxLength: 9 });
    fc.assert(
      fc.property(panel, (rows) => {
        const input = loopInput(rows.map((r, i) => card(`i${i}`, r)), { policy: { minInterviewers: 1 } });
        const report = buildReport(input);
        if (report.score === null) return report.interval === null;
        const { low, high } = report.interval!;
        expect(low).toBeLessThanOrEqual(report.score);
        expect(high).toBeGreaterThanOrEqual(report.score);
        expect(low).toBeGreaterThanOrEqual(1);
        expect(high).toBeLessThanOrEqual(4);
        expect(buildReport(input)).toEqual(report);
        return true;
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  it('is not affected by a zero-weight dimension', () => {
    const dims = [...LOOP, { id: 'z', name: 'Zero', weight: 0 }];
    const a = buildReport({ dimensions: dims, scorecards: [card('a', [4, 3, 3, 1], 'yes', [], dims), card('b', [3, 3, 3, 4], 'yes', [], dims), card('c', [4, 4, 3, null], 'yes', [], dims)] });
    const b = buildReport(loopInput([card('a', [4, 3, 3]), card('b', [3, 3, 3]), card('c', [4, 4, 3])]));
    expect(a.interval).toEqual(b.interval);
  });
});
