import { fisherExactTwoSided, normalUpperTail, twoProportionZTest, Z_95 } from './tests';

describe('fisherExactTwoSided (R fisher.test, two-sided)', () => {
  it.each([
    {
      // Fisher's lady tasting tea (Agresti 1990, p. 61; R ?fisher.test "TeaTasting"): rows guess milk/tea first,
      // columns truth milk/tea first, matrix(c(3, 1, 1, 3)). R: p-value = 0.4857 (exactly 34/70). The observed table
      // and its mirror (1, 3, 3, 1) are equally likely: R's relative tolerance counts both.
      name: 'tea tasting',
      table: { a: 3, b: 1, c: 1, d: 3 },
      p: 34 / 70,
    },
    {
      // R ?fisher.test "Convictions" (Fisher 1962): twins' convictions, Dizygotic 2 convicted / 15 not,
      // Monozygotic 10 / 3, matrix(c(2, 10, 15, 3), nrow = 2). R fisher.test(Convictions): p-value = 0.0005367
      // (alternative = "less": 0.0004652).
      name: 'convictions of like-sex twins',
      table: { a: 2, b: 15, c: 10, d: 3 },
      p: 0.0005367241191434357,
    },
  ])('$name: p = $p', ({ table, p }) => {
    expect(fisherExactTwoSided(table)).toBeCloseTo(p, 12);
  });

  it('does not depend on which group is the focal one or which column is "selected"', () => {
    const p = fisherExactTwoSided({ a: 12, b: 28, c: 48, d: 32 });
    expect(fisherExactTwoSided({ a: 48, b: 32, c: 12, d: 28 })).toBeCloseTo(p, 14);
    expect(fisherExactTwoSided({ a: 28, b: 12, c: 32, d: 48 })).toBeCloseTo(p, 14);
    // The Uniform Guidelines' example (12 of 40 against 48 of 80), checked against scipy.stats.fisher_exact.
    expect(p).toBeCloseTo(0.003409221767849183, 12);
  });

  it('groups of 150,000: more feasible tables than a call takes arguments, yet a finite p (0 by underflow)', () => {
    // 60,000 of 150,000 against 75,000 of 150,000: z ≈ 55, so the p-value underflows to 0
    // (scipy.stats.fisher_exact([[60000, 90000], [75000, 75000]]) gives 0.0 as well).
    const p = fisherExactTwoSided({ a: 60000, b: 90000, c: 75000, d: 75000 });
    expect(Number.isFinite(p)).toBe(true);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-300);
  });

  it('groups of 150,000, 75,000 against 74,500 selected: p = 0.0684396 (scipy.stats.fisher_exact)', () => {
    // scipy.stats.fisher_exact([[75000, 75000], [74500, 75500]]) (SciPy 1.17, two-sided) = 0.06843956012757517.
    expect(fisherExactTwoSided({ a: 75000, b: 75000, c: 74500, d: 75500 })).toBeCloseTo(0.06843956012757517, 9);
  });

  it('is 1 for a table whose margins allow one table only, and for identical rates', () => {
    expect(fisherExactTwoSided({ a: 0, b: 5, c: 0, d: 7 })).toBe(1);
    expect(fisherExactTwoSided({ a: 5, b: 5, c: 5, d: 5 })).toBeCloseTo(1, 12);
  });

  it('rejects negative or fractional counts', () => {
    expect(() => fisherExactTwoSided({ a: -1, b: 1, c: 1, d: 1 })).toThrow(RangeError);
    expect(() => fisherExactTwoSided({ a: 1.5, b: 1, c: 1, d: 1 })).toThrow(RangeError);
  });
});

describe('twoProportionZTest', () => {
  it('48 of 80 against 12 of 40: z² = Pearson χ² = 9.6, p = 0.0019458 (R prop.test(c(12, 48), c(40, 80), correct = FALSE))', () => {
    // Pooled rate 60/120 = 0.5; se = √(0.25 · (1/40 + 1/80)) = 0.0968246; z = (0.3 − 0.6) / se = −3.0984.
    const { z, p } = twoProportionZTest({ a: 12, b: 28, c: 48, d: 32 });
    expect(z! * z!).toBeCloseTo(9.6, 10);
    expect(z!).toBeLessThan(0);
    expect(p).toBeCloseTo(0.0019457736937391556, 12);
  });

  it('has no statistic when nobody or everybody was selected', () => {
    expect(twoProportionZTest({ a: 0, b: 10, c: 0, d: 10 })).toEqual({ z: null, p: 1 });
    expect(twoProportionZTest({ a: 10, b: 0, c: 10, d: 0 })).toEqual({ z: null, p: 1 });
  });
});

describe('normalUpperTail', () => {
  it.each([
    { z: 0, p: 0.5 },
    { z: 1.959963984540054, p: 0.025 },
    { z: Z_95, p: 0.05 },
    { z: 3, p: 0.0013498980316301 },
    { z: -1.959963984540054, p: 0.975 },
  ])('P(Z > $z) = $p', ({ z, p }) => {
    expect(normalUpperTail(z)).toBeCloseTo(p, 13);
  });
});
