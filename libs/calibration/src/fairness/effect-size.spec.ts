import { cohensD, meanGap, summarize } from './effect-size';

describe('cohensD', () => {
  it('Borenstein et al., Introduction to Meta-Analysis (2009), §4 worked example: d = 0.5970, V = 0.0418, SE = 0.2044', () => {
    // Treated: mean 103, SD 5.5, n 50; control: mean 100, SD 4.5, n 50. S_within = 5.0249.
    const r = cohensD({ n: 50, mean: 103, variance: 5.5 ** 2 }, { n: 50, mean: 100, variance: 4.5 ** 2 })!;
    expect(r.d).toBeCloseTo(0.597, 4);
    expect(r.se ** 2).toBeCloseTo(0.0418, 4);
    expect(r.se).toBeCloseTo(0.2044, 4);
    // 90 % interval: d ± 1.6449 · SE.
    expect(r.low).toBeCloseTo(0.2608, 4);
    expect(r.high).toBeCloseTo(0.9332, 4);
  });

  it('computes from raw scores the same as from summaries, and is antisymmetric', () => {
    const a = [3, 4, 4, 2, 3, 4];
    const b = [2, 2, 3, 1, 3, 2, 2];
    const raw = cohensD(a, b)!;
    expect(raw.d).toBeCloseTo(cohensD(summarize(a), summarize(b))!.d, 14);
    expect(cohensD(b, a)!.d).toBeCloseTo(-raw.d, 14);
    expect(raw.low).toBeLessThan(raw.d);
    expect(raw.high).toBeGreaterThan(raw.d);
  });

  it('is null with fewer than two scores in a group or no spread at all', () => {
    expect(cohensD([3], [2, 3])).toBeNull();
    expect(cohensD([3, 3], [3, 3, 3])).toBeNull();
  });
});

describe('meanGap', () => {
  it('Welch interval: two groups of 4 with a 1-point gap', () => {
    // Means 3 and 2, variances 2/3 each, se = √(1/6 + 1/6) = 0.57735, df = 6 (equal n and variance): t₀.₉₅(6) = 1.943180.
    const g = meanGap([2, 3, 3, 4], [1, 2, 2, 3])!;
    expect(g.gap).toBe(1);
    expect(g.df).toBeCloseTo(6, 10);
    expect(g.high - g.gap).toBeCloseTo(1.943180281 * Math.sqrt(1 / 3), 8);
  });

  it('is null without spread or enough scores', () => {
    expect(meanGap([2, 2], [2, 2])).toBeNull();
    expect(meanGap([2], [1, 2])).toBeNull();
  });
});
