import { MIN_COUNT, ratingShares, suppressed } from './suppression';

describe('small-number suppression', () => {
  it.each([
    [0, false],
    [1, true],
    [4, true],
    [5, false],
    [120, false],
  ])('%i items → suppressed %s', (n, expected) => {
    expect(suppressed(n)).toBe(expected);
  });

  it('withholds every share of a distribution of fewer than 5 ratings (no cell can be recovered by subtraction)', () => {
    expect(ratingShares({ 1: 0, 2: 0, 3: 3, 4: 1, 5: 0 })).toEqual({
      shares: { 1: null, 2: null, 3: null, 4: null, 5: null },
      total: 4,
      suppressed: true,
    });
  });

  it('shows shares from 5 ratings on, including cells of one rating', () => {
    expect(ratingShares({ 1: 1, 2: 0, 3: 3, 4: 1, 5: 0 })).toEqual({
      shares: { 1: 0.2, 2: 0, 3: 0.6, 4: 0.2, 5: 0 },
      total: MIN_COUNT,
      suppressed: false,
    });
  });

  it('an empty distribution is zeros, not suppressed', () => {
    expect(ratingShares({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 })).toEqual({ shares: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, total: 0, suppressed: false });
  });
});
