import { buildReport, INTERVAL_METHOD, scoreInterval, studentTQuantile, type Rating } from '@hireloop/calibration';
import fc from 'fast-check';

import { interviewerSumOfSquares, satterthwaiteDegreesOfFreedom } from './interval-components';
import { card, LOOP, loopInput, unanimous } from './spec-helpers';

/**
 * The score interval (interval.ts): per-dimension residuals of interviewers' values pooled across dimensions
 * (one-way ANOVA mean square) and shrunk to a prior τ = 0.5 worth n0 = 0.5 degrees of freedom; the variance of the
 * weighted mean of dimension means is v · Σ w̃²/c; half-width t₀.₉₅(df + n0) · SE; clamped to the scale.
 * Coverage over simulated panels: interval.simulation.spec.ts.
 */
describe('score interval', () => {
  it('uses the documented constants', () => {
    expect(INTERVAL_METHOD).toEqual({ level: 0.9, priorSd: 0.5, priorN: 0.5, dfResolution: 0.01 });
  });

  it('pools the within-dimension sum of squares like a one-way ANOVA (Montgomery, Design and Analysis of Experiments, tensile strength example: SS_E = 161.20 on 20 df, MS_E = 8.06)', () => {
    // Montgomery, D. C., Design and Analysis of Experiments (5th ed., Example 3-1, Table 3-1): tensile strength of a
    // synthetic fibre at five cotton percentages, five observations each. The published ANOVA table gives
    // SS_E = 161.20 with 20 degrees of freedom (MS_E = 8.06).
    const strength = [
      [7, 7, 15, 11, 9],
      [12, 17, 12, 18, 18],
      [14, 18, 18, 19, 19],
      [19, 25, 22, 19, 23],
      [7, 10, 11, 15, 11],
    ];
    const detail = scoreInterval({ weights: [1, 1, 1, 1, 1], values: strength, score: 15.04, interviewers: 5, scaleMin: 0, scaleMax: 30 });
    expect(detail.source).toBe('within_dimension');
    expect(detail.sumOfSquares).toBeCloseTo(161.2, 10);
    expect(detail.panelDegreesOfFreedom).toBe(20);
    expect(detail.sumOfSquares / detail.panelDegreesOfFreedom).toBeCloseTo(8.06, 10);
    // Equal weights, 5 per group: Σ w̃²/c = 5 · (1/5)² / 5 = 0.04 (Cochran, Sampling Techniques, eq. 5.6: V = Σ W_h² S²/n_h).
    expect(detail.designFactor).toBeCloseTo(0.04, 12);
    // The prior (τ = 0.5 · 30/3 = 5 on a 0–30 scale, n0 = 0.5) is pooled in: v = (161.2 + 25 · 0.5) / 20.5.
    expect(detail.pooledVariance).toBeCloseTo((161.2 + 12.5) / 20.5, 12);
    expect(detail.halfWidth).toBeCloseTo(studentTQuantile(0.95, 20.5) * Math.sqrt(detail.pooledVariance * 0.04), 12);
  });

  it('hand-computed unequal weights: v = (SS + τ²·n0)/(df + n0), SE = √(v · Σ w̃²/c)', () => {
    // Weights 2, 1, 1 (w̃ = 0.5, 0.25, 0.25); three interviewers rate every dimension:
    //   dimension 1: 4, 2, 3 (mean 3, SS 2); dimension 2: 3, 3, 4 (mean 3.3333, SS 0.6667); dimension 3: 2, 3, 4 (SS 2)
    //   SS = 4.6667 on df 6; v = (4.6667 + 0.125) / 6.5 = 0.737179; Σ w̃²/c = (0.25 + 0.0625 + 0.0625)/3 = 0.125
    //   SE = √(0.737179 · 0.125) = 0.303558; half = t₀.₉₅(6.5) · SE
    const detail = scoreInterval({
      weights: [2, 1, 1],
      values: [
        [4, 2, 3],
        [3, 3, 4],
        [2, 3, 4],
      ],
      score: 3.0833,
      interviewers: 3,
      scaleMin: 1,
      scaleMax: 4,
    });
    expect(detail).toMatchObject({ source: 'within_dimension', panelDegreesOfFreedom: 6, degreesOfFreedom: 6.5 });
    expect(detail.sumOfSquares).toBeCloseTo(14 / 3, 12);
    expect(detail.pooledVariance).toBeCloseTo((14 / 3 + 0.125) / 6.5, 12);
    expect(detail.designFactor).toBeCloseTo(0.125, 12);
    expect(detail.standardError).toBeCloseTo(0.303558, 6);
    expect(detail.halfWidth).toBeCloseTo(studentTQuantile(0.95, 6.5) * 0.303558, 6);
  });

  // Unanimous panels (every interviewer 3, 3, 3): SS = 0, df = 3(n − 1), v = τ²·n0/(df + n0), Σ w̃²/c = 0.34/n.
  it.each([
    { n: 2, low: 2.8268, high: 3.1732 },
    { n: 3, low: 2.9105, high: 3.0895 },
    { n: 4, low: 2.9391, high: 3.0609 },
    { n: 5, low: 2.9537, high: 3.0463 },
    { n: 6, low: 2.9626, high: 3.0374 },
    { n: 8, low: 2.973, high: 3.027 },
  ])('unanimous panel of $n → [$low, $high]', ({ n, low, high }) => {
    const df = 3 * (n - 1) + 0.5;
    const half = studentTQuantile(0.95, df) * Math.sqrt(((0.25 * 0.5) / df) * (0.34 / n));
    expect(3 - half).toBeCloseTo(low, 4);
    expect(buildReport(loopInput(unanimous(n, [3, 3, 3]), { policy: { minInterviewers: 1 } })).interval).toEqual({ level: 0.9, low, high });
  });

  it('narrows strictly as interviewers are added (unanimous panels of 2 … 12)', () => {
    const widths = Array.from({ length: 11 }, (_, i) => {
      const r = buildReport(loopInput(unanimous(i + 2, [3, 3, 3]), { policy: { minInterviewers: 1 } }));
      return (r.interval?.high ?? 0) - (r.interval?.low ?? 0);
    });
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeLessThan(widths[i - 1]);
  });

  it('a dimension rated by a single interviewer is kept: it adds w̃²·v to the variance instead of being dropped', () => {
    // comms (w̃ 0.3) rated only by c: Σ w̃²/c = 0.16/3 + 0.09/3 + 0.09/1 = 0.173333.
    const report = buildReport(loopInput([card('a', [4, 3, null]), card('b', [3, 3, null]), card('c', [4, 4, 3])]));
    const detail = scoreInterval({
      weights: [40, 30, 30],
      values: [[4, 3, 4], [3, 3, 4], [3]],
      raters: [[0, 1, 2], [0, 1, 2], [2]],
      score: report.score!,
      interviewers: 3,
      scaleMin: 1,
      scaleMax: 4,
    });
    expect(detail.designFactor).toBeCloseTo(0.16 / 3 + 0.09 / 3 + 0.09, 12);
    expect(detail.panelDegreesOfFreedom).toBe(4);
    expect(report.interval).toEqual({ level: 0.9, low: expect.closeTo(detail.low, 3), high: expect.closeTo(detail.high, 3) });
  });

  it('halo: one interviewer low on every dimension (4, 4, 2 everywhere) is a shared error, not three independent ones', () => {
    // Residuals: a and b +2/3, c −4/3 on each of the three dimensions: SS = 3 · 24/9 = 8 on df 6.
    //   Interviewer SS adjusted for dimensions: C = 3(I − J/3), h = (2, 2, −4), R = h'h/3 = 8 on r_b = 2 df: the panel is
    //   exactly additive, the residual variance is the prior's s² = 0.125/(4 + 0.5), MS_b = 4, k = df/r_b = 3
    //   η² = (4 − 0.125/4.5)/3 = 1.324074;  a_i = 1/3 each: Σ a_i² = 1/3;  Σ w̃²/c = 0.34/3 → halo term = η² · 0.22
    //   v = (8 + 0.125)/6.5 = 1.25;  ν = (v·0.34/3 + halo)² / ((v·0.34/3)²/6.5 + halo²/2) = 4.1186 → 4.11
    const detail = scoreInterval({
      weights: [40, 30, 30],
      values: [
        [4, 4, 2],
        [4, 4, 2],
        [4, 4, 2],
      ],
      raters: [
        [0, 1, 2],
        [0, 1, 2],
        [0, 1, 2],
      ],
      score: 10 / 3,
      interviewers: 3,
      scaleMin: 1,
      scaleMax: 4,
    });
    const eta2 = (4 - 0.125 / 4.5) / 3;
    const pooledTerm = 1.25 * (0.34 / 3);
    const halo = eta2 * (1 / 3 - 0.34 / 3);
    expect(detail).toMatchObject({ interviewerDegreesOfFreedom: 2, panelDegreesOfFreedom: 6 });
    expect(detail.interviewerSumOfSquares).toBeCloseTo(8, 12);
    expect(detail.haloVariance).toBeCloseTo(eta2, 12);
    expect(detail.haloTerm).toBeCloseTo(halo, 12);
    expect(detail.standardError).toBeCloseTo(Math.sqrt(pooledTerm + halo), 12);
    expect((pooledTerm + halo) ** 2 / (pooledTerm ** 2 / 6.5 + halo ** 2 / 2)).toBeCloseTo(4.1186, 4);
    expect(detail.degreesOfFreedom).toBe(4.11);
    expect(detail.halfWidth).toBeCloseTo(studentTQuantile(0.95, 4.11) * Math.sqrt(pooledTerm + halo), 12);
    const report = buildReport(loopInput([card('a', [4, 4, 4]), card('b', [4, 4, 4]), card('c', [2, 2, 2], 'no')]));
    expect(report.recommendation).toBe('inconclusive');
    expect(report.reasons.map((r) => r.code)).toEqual(['uncertain']);
    // Without interviewer identities the halo term is 0 and the t quantile keeps df + n0.
    expect(
      scoreInterval({
        weights: [40, 30, 30],
        values: [
          [4, 4, 2],
          [4, 4, 2],
          [4, 4, 2],
        ],
        score: 10 / 3,
        interviewers: 3,
        scaleMin: 1,
        scaleMax: 4,
      }),
    ).toMatchObject({ haloTerm: 0, degreesOfFreedom: 6.5 });
  });

  it('rater bias: the t quantile takes Satterthwaite degrees of freedom, not the residual df (2.1.0 kept df + n0 and shrank η² with κ = 8)', () => {
    // Five interviewers, two per dimension; interviewer 0 (on three dimensions) rates one point above the others.
    const panel = {
      weights: [1, 1, 1, 1, 1],
      values: [
        [4, 3],
        [4, 3],
        [4, 3],
        [3, 3],
        [2, 3],
      ],
      raters: [
        [0, 1],
        [0, 2],
        [0, 3],
        [1, 4],
        [2, 4],
      ],
      score: 3.2,
      interviewers: 5,
      scaleMin: 1,
      scaleMax: 4,
    };
    const detail = scoreInterval(panel);
    const expectedDf = satterthwaiteDegreesOfFreedom([
      { value: detail.pooledVariance * detail.designFactor, degreesOfFreedom: 5.5 },
      { value: detail.haloTerm, degreesOfFreedom: detail.interviewerDegreesOfFreedom },
    ]);
    expect(detail.haloTerm).toBeGreaterThan(0);
    expect(detail.interviewerDegreesOfFreedom).toBe(4);
    // Capped at df + n0 = 5.5: both terms come from the same five residual degrees of freedom.
    expect(detail.degreesOfFreedom).toBe(Math.min(5.5, Math.floor(expectedDf * 100 + 1e-9) / 100));
    // Wider than the interval without the rater term (same pooled variance, df + n0).
    const withoutRaters = scoreInterval({ ...panel, raters: undefined });
    expect(detail.halfWidth).toBeGreaterThan(withoutRaters.halfWidth);
  });

  it('interviewer SS adjusted for dimensions = the block SS of a randomized complete block design (Montgomery, hardness testing example: SS_Blocks = 82.50 on 3 df, SS_E = 8.00 on 9 df)', () => {
    // Montgomery, D. C., Design and Analysis of Experiments (Example 4-1, Table 4-4): four tips (treatments) on four
    // test coupons (blocks), data coded as 10 · (hardness − 9.5). The published ANOVA: SS_Treatments = 38.50,
    // SS_Blocks = 82.50 (3 df), SS_E = 8.00 (9 df), SS_T = 129.00. Here the tips are the dimensions and the coupons
    // the interviewers: the within-dimension SS is SS_Blocks + SS_E = 90.50 on 12 df.
    const coded = [
      [-2, -1, 1, 5],
      [-1, -2, 3, 4],
      [-3, -1, 0, 2],
      [2, 1, 5, 7],
    ];
    const raters = coded.map(() => [0, 1, 2, 3]);
    const blocks = interviewerSumOfSquares(coded, raters, () => true);
    expect(blocks.sumOfSquares).toBeCloseTo(82.5, 10);
    expect(blocks.degreesOfFreedom).toBe(3);
    const detail = scoreInterval({ weights: [1, 1, 1, 1], values: coded, raters, score: 1.25, interviewers: 4, scaleMin: -10, scaleMax: 10 });
    expect(detail.sumOfSquares).toBeCloseTo(90.5, 10);
    expect(detail.panelDegreesOfFreedom).toBe(12);
    expect(detail.sumOfSquares - detail.interviewerSumOfSquares).toBeCloseTo(8, 10); // SS_E on 12 − 3 = 9 df
  });

  it('interviewer SS adjusted for dimensions matches a least-squares fit by backfitting on unbalanced panels with missing cells', () => {
    const cell = fc.constantFrom<number | null>(1, 2, 3, 4, null, null);
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { minLength: 2, maxLength: 6 }), (grid) => {
        const values = grid.map((row) => row.filter((v): v is number => v !== null));
        const raters = grid.map((row) => row.flatMap((v, i) => (v === null ? [] : [i])));
        const { sumOfSquares } = interviewerSumOfSquares(values, raters, () => true);
        // Residual SS of y = μ_d + b_i + e over replicated dimensions, by alternating means (Gauss–Seidel), vs one-way.
        const rows = values.map((v, d) => ({ v, r: raters[d] })).filter((x) => x.v.length >= 2);
        const b = [0, 0, 0, 0];
        let mu = rows.map(() => 0);
        for (let it = 0; it < 5000; it++) {
          mu = rows.map(({ v, r }) => v.reduce((s, y, k) => s + y - b[r[k]], 0) / v.length);
          for (let i = 0; i < 4; i++) {
            let s = 0;
            let n = 0;
            rows.forEach(({ v, r }, d) => r.forEach((who, k) => (who === i ? ((s += v[k] - mu[d]), n++) : 0)));
            b[i] = n > 0 ? s / n : 0;
          }
        }
        let twoWay = 0;
        let oneWay = 0;
        rows.forEach(({ v, r }, d) => {
          const m = v.reduce((s, y) => s + y, 0) / v.length;
          v.forEach((y, k) => {
            twoWay += (y - mu[d] - b[r[k]]) ** 2;
            oneWay += (y - m) ** 2;
          });
        });
        expect(sumOfSquares).toBeCloseTo(oneWay - twoWay, 6);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it("Satterthwaite's effective degrees of freedom reproduce the GUM's example (JCGM 100:2008, G.4.1: ν_eff = 19.0)", () => {
    // JCGM 100:2008 (GUM), G.4.1, example: relative standard uncertainties 0.25 %, 0.57 % and 0.82 % from 10, 5 and 15
    // observations (ν = 9, 4, 14) combine to 1.03 %, and ν_eff = 1.03⁴ / (0.25⁴/9 + 0.57⁴/4 + 0.82⁴/14) = 19.0.
    const terms = [
      { value: 0.25 ** 2, degreesOfFreedom: 9 },
      { value: 0.57 ** 2, degreesOfFreedom: 4 },
      { value: 0.82 ** 2, degreesOfFreedom: 14 },
    ];
    expect(Math.sqrt(terms.reduce((s, t) => s + t.value, 0))).toBeCloseTo(1.03, 2);
    expect(satterthwaiteDegreesOfFreedom(terms)).toBeCloseTo(19.0, 1);
    expect(1.03 ** 4 / (0.25 ** 4 / 9 + 0.57 ** 4 / 4 + 0.82 ** 4 / 14)).toBeCloseTo(19.04, 2);
    // One term alone keeps its own degrees of freedom; equal terms of equal df add up their df.
    expect(satterthwaiteDegreesOfFreedom([{ value: 2, degreesOfFreedom: 7 }])).toBeCloseTo(7, 12);
    expect(
      satterthwaiteDegreesOfFreedom([
        { value: 1, degreesOfFreedom: 3 },
        { value: 1, degreesOfFreedom: 3 },
        { value: 0, degreesOfFreedom: 1 },
      ]),
    ).toBeCloseTo(6, 12);
  });

  it('no replicated dimension: the spread of the dimension means is used (conservative), df = D − 1', () => {
    const detail = scoreInterval({ weights: [40, 30, 30], values: [[4], [3], [2]], score: 3.1, interviewers: 3, scaleMin: 1, scaleMax: 4 });
    // means 4, 3, 2 around 3: SS = 2 on df 2; v = (2 + 0.125)/2.5 = 0.85; Σ w̃² = 0.34
    expect(detail).toMatchObject({ source: 'between_dimension', sumOfSquares: 2, panelDegreesOfFreedom: 2, degreesOfFreedom: 2.5 });
    expect(detail.pooledVariance).toBeCloseTo(0.85, 12);
    expect(detail.designFactor).toBeCloseTo(0.34, 12);
  });

  it('weights whose sum overflows (1e308 each) give the same interval as equal weights', () => {
    const panel = {
      values: [
        [3, 4, 3],
        [4, 4, 3],
      ],
      raters: [
        [0, 1, 2],
        [0, 1, 2],
      ],
      score: 3.5,
      interviewers: 3,
      scaleMin: 1,
      scaleMax: 4,
    };
    const huge = scoreInterval({ ...panel, weights: [1e308, 1e308] });
    expect(huge).toEqual(scoreInterval({ ...panel, weights: [1, 1] }));
    expect(huge.designFactor).toBeCloseTo(0.5 / 3, 12); // (½² + ½²) / 3
    expect(Number.isFinite(huge.low) && Number.isFinite(huge.high)).toBe(true);
  });

  it('a single interviewer: the prior alone (df = n0 = 0.5), which spans the whole scale', () => {
    const detail = scoreInterval({ weights: [1, 1], values: [[3], [2]], score: 2.5, interviewers: 1, scaleMin: 1, scaleMax: 4 });
    expect(detail).toMatchObject({ source: 'prior', sumOfSquares: 0, panelDegreesOfFreedom: 0, degreesOfFreedom: 0.5, low: 1, high: 4 });
    expect(detail.pooledVariance).toBeCloseTo(0.25, 12);
  });

  it.each([
    { name: 'all 4s: clamped at the top', ratings: [4, 4, 4] as Rating[], offset: 0, low: 3.9105, high: 4, score: 4 },
    { name: 'all 1s: clamped at the bottom', ratings: [1, 1, 1] as Rating[], offset: 0, low: 1, high: 1.0895, score: 1 },
    // The case: offsets −0.8 on three 4s. Adjusted ratings are clamped to the scale: means and interval ≤ 4.
    {
      name: 'offsets −0.8 on 4s: adjusted ratings clamped, score and interval ≤ 4',
      ratings: [4, 4, 4] as Rating[],
      offset: -0.8,
      low: 3.9105,
      high: 4,
      score: 4,
    },
    { name: 'offsets +0.8 on 1s: clamped at 1', ratings: [1, 1, 1] as Rating[], offset: 0.8, low: 1, high: 1.0895, score: 1 },
  ])('$name', ({ ratings, offset, low, high, score }) => {
    const report = buildReport(loopInput(unanimous(3, ratings), { offsets: { i1: offset, i2: offset, i3: offset } }));
    expect(report.interval).toEqual({ level: 0.9, low, high });
    expect(report.score).toBe(score);
    for (const d of report.dimensions) {
      expect(d.adjustedMean).toBeLessThanOrEqual(4);
      expect(d.adjustedMean).toBeGreaterThanOrEqual(1);
    }
  });

  it('the raw interval is reported beside the adjusted one', () => {
    const report = buildReport(loopInput(unanimous(3, [3, 3, 3]), { offsets: { i1: 0.5, i2: 0.5, i3: 0.5 } }));
    expect(report.score).toBe(2.5);
    expect(report.rawScore).toBe(3);
    expect(report.interval).toEqual({ level: 0.9, low: 2.4105, high: 2.5895 });
    expect(report.rawInterval).toEqual({ level: 0.9, low: 2.9105, high: 3.0895 });
  });

  it('always contains the score, stays within the scale, and is deterministic (property, with offsets)', () => {
    const rating = fc.constantFrom<Rating | null>(1, 2, 3, 4, null);
    const panel = fc.array(fc.tuple(rating, rating, rating, fc.double({ min: -3, max: 3, noNaN: true })), { minLength: 1, maxLength: 9 });
    fc.assert(
      fc.property(panel, (rows) => {
        const offsets = Object.fromEntries(rows.map((r, i) => [`i${i}`, r[3]]));
        const input = loopInput(
          rows.map((r, i) => card(`i${i}`, [r[0], r[1], r[2]])),
          { policy: { minInterviewers: 1 }, offsets },
        );
        const report = buildReport(input);
        if (report.score === null) return report.interval === null;
        const { low, high } = report.interval!;
        expect(low).toBeLessThanOrEqual(report.score);
        expect(high).toBeGreaterThanOrEqual(report.score);
        expect(low).toBeGreaterThanOrEqual(1);
        expect(high).toBeLessThanOrEqual(4);
        for (const d of report.dimensions) if (d.adjustedMean !== null) expect(d.adjustedMean).toBeLessThanOrEqual(4);
        expect(buildReport(input)).toEqual(report);
        return true;
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  it('is not affected by a zero-weight dimension', () => {
    const dims = [...LOOP, { id: 'z', name: 'Zero', weight: 0 }];
    const a = buildReport({
      dimensions: dims,
      scorecards: [card('a', [4, 3, 3, 1], 'yes', [], dims), card('b', [3, 3, 3, 4], 'yes', [], dims), card('c', [4, 4, 3, null], 'yes', [], dims)],
    });
    const b = buildReport(loopInput([card('a', [4, 3, 3]), card('b', [3, 3, 3]), card('c', [4, 4, 3])]));
    expect(a.interval).toEqual(b.interval);
  });
});
