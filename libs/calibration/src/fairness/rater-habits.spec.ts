import { haloIndex, quantile, raterHabits, straightLiningShare } from './rater-habits';

describe('haloIndex', () => {
  it('is the mean of the pairwise Pearson correlations between dimensions', () => {
    // a and b move together (r = 1); c is b reversed (r(a, c) = r(b, c) = −1 … over 3 scorecards): mean = (1 − 1 − 1) / 3.
    const cards = [
      { a: 1, b: 2, c: 4 },
      { a: 2, b: 3, c: 3 },
      { a: 3, b: 4, c: 2 },
    ];
    expect(haloIndex(cards)).toBeCloseTo(-1 / 3, 12);
  });

  it('uses the scorecards rating both dimensions of a pair, skips pairs without spread or with fewer than 3', () => {
    const cards: Record<string, number>[] = [
      { a: 1, b: 1 },
      { a: 2, b: 3 },
      { a: 3, b: 2 },
      { c: 4, a: 1 },
    ];
    // r(a, b) over the first three = 0.5; (a, c) has one co-rated scorecard.
    expect(haloIndex(cards)).toBeCloseTo(0.5, 12);
    expect(
      haloIndex([
        { a: 2, b: 2 },
        { a: 2, b: 3 },
        { a: 2, b: 4 },
      ]),
    ).toBeNull();
  });
});

describe('straightLiningShare', () => {
  it('counts scorecards with every rating equal among those with at least two ratings', () => {
    expect(straightLiningShare([{ a: 3, b: 3, c: 3 }, { a: 3, b: 2 }, { a: 4 }, { a: 1, b: 1 }])).toBeCloseTo(2 / 3, 12);
    expect(straightLiningShare([{ a: 4 }])).toBeNull();
  });
});

describe('quantile (R type 7)', () => {
  it('matches R quantile(1:10, 0.95) = 9.55 and quantile(c(1, 2), 0.5) = 1.5', () => {
    expect(quantile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 0.95)).toBeCloseTo(9.55, 12);
    expect(quantile([2, 1], 0.5)).toBe(1.5);
  });
});

describe('raterHabits', () => {
  /** n scorecards of 3 dimensions; `flat` makes every scorecard flat, otherwise ratings vary by a fixed pattern. */
  function scorecards(n: number, pattern: (i: number) => Record<string, number>) {
    return Array.from({ length: n }, (_, i) => pattern(i));
  }
  const varied = (shift: number) => (i: number) => ({ a: 1 + ((i + shift) % 4), b: 1 + ((i * 3 + shift) % 4), c: 1 + ((i * 7 + 2 * shift) % 4) });
  const flat = (i: number) => ({ a: 1 + (i % 4), b: 1 + (i % 4), c: 1 + (i % 4) });

  it('flags the interviewer above the others’ 95th percentile with ≥ 20 scorecards, not one with fewer', () => {
    const honest = Array.from({ length: 8 }, (_, k) => ({ interviewerId: `h${k}`, scorecards: scorecards(24, varied(k)) }));
    const result = raterHabits([
      ...honest,
      { interviewerId: 'flat20', scorecards: scorecards(20, flat) },
      { interviewerId: 'flat19', scorecards: scorecards(19, flat) },
    ]);
    const byId = Object.fromEntries(result.map((r) => [r.interviewerId, r]));
    expect(byId.flat20.halo.value).toBeCloseTo(1, 12);
    expect(byId.flat20.straightLining.value).toBe(1);
    expect(byId.flat20.halo.flagged).toBe(true);
    expect(byId.flat20.straightLining.flagged).toBe(true);
    // Same habit, 19 scorecards: shown, not flagged.
    expect(byId.flat19.halo.value).toBeCloseTo(1, 12);
    expect(byId.flat19.halo.flagged).toBe(false);
    // flat20's bar includes flat19's 1.0 as its top value, so the interpolated 95th percentile stays below 1.
    expect(byId.flat20.halo.orgPercentile95!).toBeLessThan(1);
    expect(result.filter((r) => r.interviewerId.startsWith('h') && r.halo.flagged)).toEqual([]);
  });

  it('gives no percentile (and no flag) with fewer than 5 other interviewers of ≥ 5 scorecards', () => {
    const result = raterHabits([
      ...Array.from({ length: 4 }, (_, k) => ({ interviewerId: `h${k}`, scorecards: scorecards(24, varied(k)) })),
      { interviewerId: 'small', scorecards: scorecards(4, varied(9)) },
      { interviewerId: 'flat', scorecards: scorecards(30, flat) },
    ]);
    const flatRow = result.find((r) => r.interviewerId === 'flat')!;
    expect(flatRow.halo.orgPercentile95).toBeNull();
    expect(flatRow.halo.flagged).toBe(false);
  });
});
