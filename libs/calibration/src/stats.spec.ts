import { studentTQuantile } from '@hireloop/calibration';

import { round, studentTCdf } from './stats';

describe('studentTQuantile', () => {
  // Standard t-table values (two-sided 90%, i.e. the 0.95 quantile), also checked against scipy.stats.t.ppf.
  it.each([
    { df: 1, q: 6.313751514675 },
    { df: 2, q: 2.919985580354 },
    { df: 3, q: 2.353363434802 },
    { df: 4, q: 2.131846786327 },
    { df: 5, q: 2.015048373333 },
    { df: 10, q: 1.812461122812 },
    { df: 30, q: 1.697260886594 },
    { df: 1000, q: 1.646378817285 },
  ])('t₀.₉₅(df = $df) = $q', ({ df, q }) => {
    expect(studentTQuantile(0.95, df)).toBeCloseTo(q, 9);
    expect(studentTCdf(q, df)).toBeCloseTo(0.95, 12);
  });

  it('approaches the normal quantile 1.644854 for large df, is symmetric, and 0 at the median', () => {
    expect(studentTQuantile(0.95, 1e7)).toBeCloseTo(1.6448536, 5);
    expect(studentTQuantile(0.05, 7)).toBe(-studentTQuantile(0.95, 7));
    expect(studentTQuantile(0.5, 3)).toBe(0);
  });

  it('rejects p outside (0, 1) and df ≤ 0', () => {
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.95, 0)).toThrow(RangeError);
  });
});

describe('round', () => {
  it.each([
    { value: 3.14159, decimals: 4, expected: 3.1416 },
    { value: 2.99995, decimals: 4, expected: 3 },
    { value: -0.00001, decimals: 4, expected: 0 }, // never -0
    { value: 1 / 3, decimals: 6, expected: 0.333333 },
  ])('round($value, $decimals) = $expected', ({ value, decimals, expected }) => {
    expect(Object.is(round(value, decimals), expected)).toBe(true);
  });
});
