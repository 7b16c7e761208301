import { percentile, ratio, round, summarize } from './stats';
import { fmtInt, fmtMs, fmtSeconds, formatTable, metLabel, ratioLabel } from './table';

describe('percentile (nearest rank)', () => {
  it.each([
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 100, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0, 1],
    [[10, 1, 5], 50, 5],
    [[42], 99, 42],
  ])('%j at p%d is %d', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('does not sort the caller’s array', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it('is NaN for no values and refuses percentiles outside 0–100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('p99 of 1..1000 is 990, p95 of 1..200 is 190', () => {
    expect(
      percentile(
        Array.from({ length: 1000 }, (_, i) => i + 1),
        99,
      ),
    ).toBe(990);
    expect(
      percentile(
        Array.from({ length: 200 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(190);
  });
});

describe('summarize', () => {
  it('gives count, percentiles, max and mean', () => {
    expect(summarize([4, 2, 8, 6])).toEqual({ count: 4, p50: 4, p95: 8, p99: 8, max: 8, mean: 5 });
  });

  it('is NaN but for the count when empty', () => {
    const s = summarize([]);
    expect(s.count).toBe(0);
    expect(s.p50).toBeNaN();
    expect(s.mean).toBeNaN();
  });
});

describe('ratio and round', () => {
  it.each([
    [50, 100, 0.5],
    [0, 10, 0],
    [1, 0, null],
    [1, -1, null],
    [null, 1, null],
    [1, undefined, null],
    [Number.NaN, 1, null],
  ])('ratio(%p, %p) = %p', (value, ceiling, expected) => {
    expect(ratio(value as number, ceiling as number)).toBe(expected);
  });

  it('rounds half away from zero', () => {
    expect(round(2.345, 2)).toBe(2.35);
    expect(round(-2.5)).toBe(-3);
    expect(round(1234.5678, 1)).toBe(1234.6);
    expect(round(Number.POSITIVE_INFINITY, 2)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('table formatting', () => {
  it('labels', () => {
    expect(metLabel(true)).toBe('yes');
    expect(metLabel(false)).toBe('NO');
    expect(metLabel(null)).toBe('–');
    expect(ratioLabel(0.4213)).toBe('42 %');
    expect(ratioLabel(0.0312)).toBe('3.1 %');
    expect(ratioLabel(0.00523)).toBe('0.52 %');
    expect(ratioLabel(null)).toBe('–');
    expect(fmtInt(12345.6)).toBe('12,346');
    expect(fmtInt(Number.NaN)).toBe('n/a');
    expect(fmtMs(0.842)).toBe('0.84 ms');
    expect(fmtMs(12.34)).toBe('12.3 ms');
    expect(fmtMs(1234.4)).toBe('1,234 ms');
    expect(fmtSeconds(1.234)).toBe('1.23 s');
    expect(fmtSeconds(42.12)).toBe('42.1 s');
  });

  it('prints an aligned Markdown table, escaping pipes', () => {
    const text = formatTable([
      { figure: 'submission @64: req/s', value: '400 req/s', ceiling: 'pg: 800 tx/s', ratio: 0.5, target: '≥ 50 %', met: true },
      { figure: 'a|b', value: '1' },
    ]);
    const lines = text.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\| figure\s+\| value\s+\| ceiling \(measured\) \| ratio \| target\s+\| met\? \|$/);
    expect(lines[1]).toMatch(/^\|-+\|-+\|-+\|-+\|-+\|-+\|$/);
    expect(lines[2]).toContain('| 50 %  |');
    expect(lines[2]).toContain('| yes  |');
    expect(lines[3]).toContain('a\\|b');
    expect(lines[3]).toContain('| –     |');
    // every line has the same length: the columns are aligned
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });
});
