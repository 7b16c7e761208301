import { describe, expect, it } from 'vitest';
import { countsOf, leniencyWords, meanRating, proportions, reliabilityWords } from './distribution';

describe('distributions', () => {
  it('reads counts from a record or an array', () => {
    expect(countsOf({ '1': 1, '2': 0, '3': 5, '4': 2 })).toEqual([1, 0, 5, 2]);
    expect(countsOf({ '4': 3 })).toEqual([0, 0, 0, 3]);
    expect(countsOf([1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
    expect(countsOf([0, 1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
    expect(countsOf(null)).toEqual([0, 0, 0, 0]);
  });

  it('turns counts into proportions and a mean', () => {
    expect(proportions([1, 1, 2, 0])).toEqual([0.25, 0.25, 0.5, 0]);
    expect(proportions([0, 0, 0, 0])).toEqual([0, 0, 0, 0]);
    expect(meanRating([0, 0, 1, 1])).toBe(3.5);
    expect(meanRating([0, 0, 0, 0])).toBeNull();
  });

  it('puts leniency and reliability into words', () => {
    expect(leniencyWords(0.05, 20)).toMatch(/in line/);
    expect(leniencyWords(0.4, 20)).toMatch(/noticeably more leniently/);
    expect(leniencyWords(-0.7, 20)).toMatch(/much more strictly/);
    expect(leniencyWords(0.4, 0)).toMatch(/Not enough/);
    expect(reliabilityWords(0.85).tone).toBe('good');
    expect(reliabilityWords(0.7).tone).toBe('ok');
    expect(reliabilityWords(0.2).tone).toBe('poor');
    expect(reliabilityWords(null).tone).toBe('none');
  });
});
