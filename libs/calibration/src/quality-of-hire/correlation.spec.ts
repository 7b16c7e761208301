import { averageRanks, bootstrapInterval, fisherZInterval, pearson, spearman } from '@hireloop/calibration/quality-of-hire';

/**
 * R's `cars` data set (Ezekiel 1930, "Methods of Correlation Analysis": speed of cars in mph and stopping distance
 * in ft, n = 50). Published reference figures: R's `cor.test(cars$speed, cars$dist)` prints
 * "t = 9.464, df = 48 … 95 percent confidence interval: 0.6816422 0.8862036 … cor 0.8068949" (the interval is
 * Fisher's z), and `cor.test(cars$speed, cars$dist, method = "spearman")` prints "rho 0.8303568" (ties averaged).
 */
const speed = [
  4, 4, 7, 7, 8, 9, 10, 10, 10, 11, 11, 12, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14, 15, 15, 15, 16, 16, 17, 17, 17, 18, 18, 18, 18, 19, 19, 19,
  20, 20, 20, 20, 20, 22, 23, 24, 24, 24, 24, 25,
];
const dist = [
  2, 10, 4, 22, 16, 10, 18, 26, 34, 17, 28, 14, 20, 24, 28, 26, 34, 34, 46, 26, 36, 60, 80, 20, 26, 54, 32, 40, 32, 40, 50, 42, 56, 76, 84, 36, 46,
  68, 32, 48, 52, 56, 64, 66, 54, 70, 92, 93, 120, 85,
];

/** Anscombe (1973), "Graphs in statistical analysis", The American Statistician 27(1): 17–21: every set has r = 0.816. */
const anscombeX = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
const anscombe = {
  y1: [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68],
  y2: [9.14, 8.14, 8.74, 8.77, 9.26, 8.1, 6.13, 3.1, 9.13, 7.26, 4.74],
  y3: [7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, 5.73],
};

describe('Pearson and Spearman', () => {
  it('reproduces R cor.test on the cars data (r = 0.8068949, ρ = 0.8303568)', () => {
    expect(pearson(speed, dist)).toBeCloseTo(0.8068949, 6);
    expect(spearman(speed, dist)).toBeCloseTo(0.8303568, 6);
  });

  it.each(Object.entries(anscombe))('Anscombe set %s has r = 0.816', (_, y) => {
    expect(pearson(anscombeX, y)).toBeCloseTo(0.816, 3);
  });

  it.each([
    { values: [10, 20, 20, 30], ranks: [1, 2.5, 2.5, 4] },
    { values: [3, 1, 2], ranks: [3, 1, 2] },
    { values: [5, 5, 5], ranks: [2, 2, 2] },
    { values: [2, 1, 2, 1, 2], ranks: [4, 1.5, 4, 1.5, 4] },
  ])('ranks ties by their average rank: $values → $ranks', ({ values, ranks }) => {
    expect(averageRanks(values)).toEqual(ranks);
  });

  it('gives Spearman 1 for any increasing relation, Pearson less than 1 for a curved one', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = x.map((v) => Math.exp(v));
    expect(spearman(x, y)).toBeCloseTo(1, 12);
    expect(pearson(x, y)!).toBeLessThan(0.95);
  });

  it('is absent (null), never 0, when a variable is constant or there are fewer than 3 pairs', () => {
    expect(pearson([1, 2, 3], [4, 4, 4])).toBeNull();
    expect(pearson([1, 2], [3, 4])).toBeNull();
    expect(spearman([2, 2, 2, 2], [1, 2, 3, 4])).toBeNull();
  });

  it('rejects unpaired or non-finite input', () => {
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(RangeError);
    expect(() => pearson([1, NaN, 3], [1, 2, 3])).toThrow(RangeError);
  });
});

describe('intervals of a correlation', () => {
  it('Fisher z reproduces R cor.test 95 % interval on cars (0.6816422, 0.8862036)', () => {
    const interval = fisherZInterval(pearson(speed, dist)!, speed.length, 0.95);
    expect(interval.low).toBeCloseTo(0.6816422, 5);
    expect(interval.high).toBeCloseTo(0.8862036, 5);
    expect(interval.method).toBe('fisher_z');
  });

  it('a 90 % interval is narrower than the 95 % one and contains r', () => {
    const r = pearson(speed, dist)!;
    const i90 = fisherZInterval(r, 50, 0.9);
    const i95 = fisherZInterval(r, 50, 0.95);
    expect(i90.low).toBeGreaterThan(i95.low);
    expect(i90.high).toBeLessThan(i95.high);
    expect(i90.low).toBeLessThan(r);
    expect(i90.high).toBeGreaterThan(r);
  });

  it('bootstrap: no interval below 4 pairs (t has n − 3 df), a finite one from 4', () => {
    expect(bootstrapInterval([1, 2, 3], [1, 3, 2])).toBeNull();
    expect(bootstrapInterval([1, 2], [2, 1])).toBeNull();
    const four = bootstrapInterval([1, 2, 3, 4], [1, 3, 2, 4])!;
    expect(four.method).toBe('bootstrap_fisher_z');
    expect(four.low).toBeGreaterThanOrEqual(-1);
    expect(four.high).toBeLessThanOrEqual(1);
    expect(four.low).toBeLessThan(0.8); // r = 0.8
    expect(four.high).toBeGreaterThan(0.8);
  });

  it('bootstrap: same seed → same interval; another seed → a different one; brackets r', () => {
    const a = bootstrapInterval(speed, dist, { seed: 1 })!;
    const b = bootstrapInterval(speed, dist, { seed: 1 })!;
    const c = bootstrapInterval(speed, dist, { seed: 2 })!;
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    const r = pearson(speed, dist)!;
    expect(a.low).toBeLessThan(r);
    expect(a.high).toBeGreaterThan(r);
    expect(a.high).toBeLessThanOrEqual(1);
    expect(a.method).toBe('bootstrap_fisher_z');
  });
});
