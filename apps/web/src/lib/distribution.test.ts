import { describe, expect, it } from 'vitest';
import {
  countsOf,
  isWithheld,
  judgedReliability,
  leniencyWords,
  meanRating,
  proportions,
  ratePercent,
  ratingLevelsOf,
  reliabilityShortfall,
  reliabilityWords,
  scoreDistributionView,
  sharesOf,
} from './distribution';

describe('distributions', () => {
  it('reads counts from a record or an array', () => {
    expect(countsOf({ '1': 1, '2': 0, '3': 5, '4': 2 })).toEqual([1, 0, 5, 2]);
    expect(countsOf({ '4': 3 })).toEqual([0, 0, 0, 3]);
    expect(countsOf([1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
    expect(countsOf([0, 1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
    expect(countsOf(null)).toEqual([0, 0, 0, 0]);
    expect(countsOf({ '1': 1, '2': 0, '3': 5, '4': 2, '5': 2 }, [1, 2, 3, 4, 5])).toEqual([1, 0, 5, 2, 2]);
    expect(countsOf({ '1': null, '2': null, '3': null, '4': null })).toEqual([0, 0, 0, 0]);
  });

  it('turns counts into proportions and a mean', () => {
    expect(proportions([1, 1, 2, 0])).toEqual([0.25, 0.25, 0.5, 0]);
    expect(proportions([0, 0, 0, 0])).toEqual([0, 0, 0, 0]);
    expect(meanRating([0, 0, 1, 1])).toBe(3.5);
    expect(meanRating([0, 0, 0, 0])).toBeNull();
    expect(meanRating([0, 0, 0, 0.5, 0.5])).toBe(4.5);
    expect(meanRating(null)).toBeNull();
  });

  it('shows 1–5 only when some ratings are 5 (the API always sends a "5" share)', () => {
    expect(ratingLevelsOf({ '1': 0.2, '2': 0.2, '3': 0.4, '4': 0.2, '5': 0 }, { '1': 0, '2': 0.5, '3': 0.5, '4': 0 })).toEqual([1, 2, 3, 4]);
    expect(ratingLevelsOf({ '1': null, '2': null, '3': null, '4': null, '5': null }, { '1': 0, '2': 0.5, '3': 0.25, '4': 0, '5': 0.25 })).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(ratingLevelsOf(null, undefined)).toEqual([1, 2, 3, 4]);
  });

  it('treats a suppressed distribution (flag or null shares) as withheld, not as zeros', () => {
    const withheld = { '1': null, '2': null, '3': null, '4': null, '5': null };
    expect(isWithheld(withheld)).toBe(true);
    expect(isWithheld({ '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 }, true)).toBe(true);
    expect(isWithheld({ '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 }, false)).toBe(false);
    expect(sharesOf(withheld, true)).toBeNull();
    expect(sharesOf(withheld, undefined)).toBeNull();
    expect(sharesOf({ '1': 0.2, '2': 0, '3': 0.6, '4': 0.2, '5': 0 }, false)).toEqual([0.2, 0, 0.6, 0.2]);
    // Shares over a 5-point scale stay shares of all the ratings when shown over 1–5.
    expect(sharesOf({ '1': 0.1, '2': 0.1, '3': 0.2, '4': 0.2, '5': 0.4 }, false, [1, 2, 3, 4, 5])).toEqual([0.1, 0.1, 0.2, 0.2, 0.4]);
    // No ratings at all: zeros, nothing withheld.
    expect(sharesOf({ '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 }, false)).toEqual([0, 0, 0, 0]);
  });

  it('puts leniency into words, and says "not enough data yet" below 5 co-rated ratings', () => {
    expect(leniencyWords(0.05, 20)).toMatch(/in line/);
    expect(leniencyWords(0.4, 20)).toMatch(/noticeably more leniently/);
    expect(leniencyWords(-0.7, 20)).toMatch(/much more strictly/);
    expect(leniencyWords(0.4, 0)).toMatch(/Not enough data yet/);
    expect(leniencyWords(0.9, 1)).toMatch(/Not enough data yet/);
    expect(leniencyWords(0.9, 4)).toMatch(/Not enough data yet/);
    expect(leniencyWords(0.9, 5)).toMatch(/much more leniently/);
    expect(leniencyWords(null, 20)).toMatch(/Not enough data yet/);
  });

  it('puts reliability into words', () => {
    expect(reliabilityWords(0.85).tone).toBe('good');
    expect(reliabilityWords(0.7).tone).toBe('ok');
    expect(reliabilityWords(0.2).tone).toBe('poor');
    expect(reliabilityWords(null)).toEqual({ label: 'Not enough data yet', tone: 'none' });
    expect(reliabilityWords(0.85, { nUnits: 12, nRatings: 30, suppressed: false })).toEqual({ label: 'Reliable', tone: 'good' });
    expect(reliabilityWords(0.1, { nUnits: 12, nRatings: 30, suppressed: false })).toEqual({ label: 'Unreliable', tone: 'poor' });
  });

  it('does not call a dimension unreliable after one candidate (issue 19)', () => {
    // One candidate, rated by two interviewers: alpha 0 or null means nothing yet.
    for (const alpha of [0, null, -0.5]) {
      expect(reliabilityWords(alpha, { nUnits: 1, nRatings: 2, suppressed: true })).toEqual({ label: 'Not enough data yet', tone: 'none' });
      expect(judgedReliability(alpha, { nUnits: 1, nRatings: 2, suppressed: true })).toBeNull();
    }
    // One candidate, five interviewers: not withheld by the API, still one candidate.
    expect(reliabilityWords(0, { nUnits: 1, nRatings: 5, suppressed: false }).label).toBe('Not enough data yet');
    // Withheld (fewer than 5 ratings) although two candidates.
    expect(reliabilityWords(null, { nUnits: 2, nRatings: 4, suppressed: true }).label).toBe('Not enough data yet');
    // Two or nine candidates: alpha still swings on one rating, so no verdict either way.
    expect(reliabilityWords(0, { nUnits: 2, nRatings: 6, suppressed: false }).label).toBe('Not enough data yet');
    expect(reliabilityWords(0.95, { nUnits: 9, nRatings: 27, suppressed: false }).label).toBe('Not enough data yet');
    expect(judgedReliability(0.9, { nUnits: 9, nRatings: 27, suppressed: false })).toBeNull();
    // Enough: ten candidates, alpha 0 is a real finding.
    expect(reliabilityWords(0, { nUnits: 10, nRatings: 30, suppressed: false })).toEqual({ label: 'Unreliable', tone: 'poor' });
    expect(judgedReliability(0.9, { nUnits: 10, nRatings: 30, suppressed: false })).toBe(0.9);
  });

  it('says what a reliability figure still lacks', () => {
    expect(reliabilityShortfall({ nUnits: 1, nRatings: 2, suppressed: true })).toBe('1 of 10 candidates rated by two interviewers or more');
    expect(reliabilityShortfall({ nUnits: 12, nRatings: 4, suppressed: true })).toBe('4 of 5 ratings');
    expect(reliabilityShortfall({ nUnits: 12, nRatings: 30, suppressed: false })).toBeNull();
  });

  it('shows a rate only from 5 cases on', () => {
    expect(ratePercent(1, 1)).toBeNull();
    expect(ratePercent(0.75, 4)).toBeNull();
    expect(ratePercent(0.8, 5)).toBe(80);
    expect(ratePercent(null, 10)).toBeNull();
    expect(ratePercent(2 / 3, 6)).toBe(67);
  });

  it('shows a role’s score distribution, or says "not enough data yet" when it is withheld', () => {
    const buckets = (counts: (number | null)[]) => counts.map((count, i) => ({ from: 1 + i * 0.25, to: 1.25 + i * 0.25, count }));
    const shown = scoreDistributionView({
      applications: 6,
      buckets: buckets([0, 0, 0, 0, 1, 2, 0, 0, 1, 0, 0, 0]),
      unscored: 2,
      recommendations: { hire: 1, no_hire: 3, inconclusive: 2 },
      suppressed: false,
    });
    expect(shown.withheld).toBe(false);
    expect(shown.buckets.map((b) => b.count)).toEqual([0, 0, 0, 0, 1, 2, 0, 0, 1, 0, 0, 0]);
    expect(shown.summary).toBe('6 applications with a report · 2 without a score · recommended 1 hire, 3 no hire, 2 inconclusive');

    const one = scoreDistributionView({
      applications: 1,
      buckets: buckets(Array(12).fill(null)),
      unscored: null,
      recommendations: { hire: null, no_hire: null, inconclusive: null },
      suppressed: true,
    });
    expect(one.withheld).toBe(true);
    expect(one.buckets.map((b) => b.count)).toEqual(Array(12).fill(0));
    expect(one.summary).toBe('1 application with a report · not enough data yet to show their scores and recommendations (it needs 5 applications)');
    expect(one.summary).not.toMatch(/null/);

    // Nulls without the flag (an older response shape) are withheld as well.
    expect(
      scoreDistributionView({
        applications: 3,
        buckets: buckets(Array(12).fill(null)),
        unscored: null,
        recommendations: { hire: null, no_hire: null, inconclusive: null },
      }).withheld,
    ).toBe(true);
    // Nothing yet: zeros, nothing withheld.
    expect(
      scoreDistributionView({
        applications: 0,
        buckets: buckets(Array(12).fill(0)),
        unscored: 0,
        recommendations: { hire: 0, no_hire: 0, inconclusive: 0 },
        suppressed: false,
      }).withheld,
    ).toBe(false);
  });
});
