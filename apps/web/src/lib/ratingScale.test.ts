import { describe, expect, it } from 'vitest';
import {
  describeScale,
  dimensionsMissingAnchors,
  labelOf,
  levelsOf,
  meetsLevelOf,
  missingAnchors,
  rangeOf,
  rubricForLevels,
  SCALE_LEVELS,
  thresholdHint,
} from './ratingScale';

describe('rating scales', () => {
  it.each([
    ['four_point', 4, 'Strong evidence against', 'Strong evidence for', 3],
    ['five_point', 5, 'Far below the bar', 'Far above the bar', 3],
    ['three_level', 3, 'Below', 'Exceeds', 2],
  ] as const)('%s: %i levels, %s … %s, meets at %i', (scale, n, first, last, meets) => {
    const levels = levelsOf({ ratingScale: scale });
    expect(levels).toHaveLength(n);
    expect(levels[0].label).toBe(first);
    expect(levels[n - 1].label).toBe(last);
    expect(rangeOf(levels)).toEqual([1, n]);
    expect(meetsLevelOf(levels)?.value).toBe(meets);
    expect(thresholdHint(levels)).toBe(`1–${n}`);
  });

  it('a role without a scale (read before scales existed) has four points', () => {
    expect(levelsOf({})).toBe(SCALE_LEVELS.four_point);
    expect(levelsOf(null)).toBe(SCALE_LEVELS.four_point);
    expect(levelsOf({ ratingScale: 'nonsense' })).toBe(SCALE_LEVELS.four_point);
  });

  it("the API's own levels win, in order", () => {
    const levels = levelsOf({
      ratingScale: 'three_level',
      scaleLevels: [
        { value: 2, key: 'meets', label: 'Meets' },
        { value: 1, key: 'below', label: 'Below' },
      ],
    });
    expect(levels.map((l) => l.key)).toEqual(['below', 'meets']);
    expect(meetsLevelOf(levels)?.key).toBe('meets');
  });

  it('rubric anchors: the levels of the scale keyed by value, trimmed, empty ones left out; anchors of other levels already saved are kept', () => {
    const draft = { '1': ' weak ', '2': 'ok', '3': '', '4': 'typed but not shown', '5': '' };
    expect(rubricForLevels(SCALE_LEVELS.three_level, draft)).toEqual({ '1': 'weak', '2': 'ok' });
    expect(rubricForLevels(SCALE_LEVELS.three_level, draft, { '1': 'old', '3': 'old 3', '4': 'great', '5': '  ' })).toEqual({
      '1': 'weak',
      '2': 'ok',
      '4': 'great',
    });
    expect(rubricForLevels(SCALE_LEVELS.five_point, { '1': 'a', '2': 'b', '3': 'c', '4': 'd', '5': 'e' })).toEqual({
      '1': 'a',
      '2': 'b',
      '3': 'c',
      '4': 'd',
      '5': 'e',
    });
    expect(rubricForLevels(SCALE_LEVELS.five_point, {})).toEqual({});
    expect(missingAnchors(SCALE_LEVELS.four_point, draft).map((l) => l.value)).toEqual([3]);
    expect(missingAnchors(SCALE_LEVELS.three_level, { '1': 'a', '2': 'b', '3': 'c' })).toEqual([]);
  });

  it('before switching scale: the dimensions that still need an anchor for a level of the new scale', () => {
    const dims = [
      { name: 'Coding', rubric: { '1': 'a', '2': 'b', '3': 'c', '4': 'd' } },
      { name: 'Design', rubric: { '1': 'a', '2': 'b', '3': 'c', '4': 'd', '5': 'e' } },
    ];
    expect(dimensionsMissingAnchors(dims, SCALE_LEVELS.five_point)).toEqual([{ name: 'Coding', levels: [SCALE_LEVELS.five_point[4]] }]);
    expect(dimensionsMissingAnchors(dims, SCALE_LEVELS.three_level)).toEqual([]);
  });

  it('labels and a one-line description for the picker', () => {
    expect(labelOf(SCALE_LEVELS.five_point, 5)).toBe('Far above the bar');
    expect(labelOf(SCALE_LEVELS.five_point, 9)).toBe('9');
    expect(labelOf(SCALE_LEVELS.five_point, null)).toBe('');
    expect(describeScale(SCALE_LEVELS.three_level)).toBe('1 Below · 2 Meets · 3 Exceeds');
  });
});
