import { describe, expect, it } from 'vitest';
import { formatWeight, parseWeight, sumWeights, weightSumStatus } from './weights';

describe('weights', () => {
  it.each([
    [[30, 30, 40], 100],
    [[33.333, 33.333, 33.334], 100],
    [[0.1, 0.2], 0.3],
    [['12.5', '7,5'], 20],
    [[10, null, undefined, 'x'], 10],
  ])('sums %j to %d exactly', (weights, sum) => {
    expect(sumWeights(weights as never)).toBe(sum);
  });

  it.each([
    [[50, 50], 'ok', 'Weights sum to 100%'],
    [[50, 45], 'under', 'Weights sum to 95% — 5% left to assign'],
    [[60, 45.5], 'over', 'Weights sum to 105.5% — 5.5% too much'],
    [[99.995], 'ok', 'Weights sum to 99.995%'],
    [[], 'empty', 'No dimensions yet'],
  ])('status of %j is %s', (weights, state, label) => {
    const s = weightSumStatus(weights);
    expect(s.state).toBe(state);
    expect(s.label).toBe(label);
  });

  it('formats and parses weights', () => {
    expect(formatWeight(33.3333333)).toBe('33.333');
    expect(formatWeight(85)).toBe('85');
    expect(parseWeight(' 12,5 ')).toBe(12.5);
    expect(parseWeight('0')).toBeNull();
    expect(parseWeight('')).toBeNull();
    expect(parseWeight('abc')).toBeNull();
  });
});
