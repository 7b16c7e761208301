import { describe, expect, it } from 'vitest';
import type { ValidityCell } from '../api/quality-of-hire-types';
import {
  cellWords,
  formatInterval,
  formatP,
  formatR,
  isPending,
  logRankWords,
  notEnoughData,
  outcomeValidityWords,
  stepPath,
  survivalAt,
} from './validity';

const cell = (over: Partial<ValidityCell>): ValidityCell => ({
  predictorKey: 'panel_score',
  outcomeKey: 'rating_12m',
  status: 'estimated',
  n: 40,
  pearson: 0.31,
  spearman: 0.29,
  interval: { low: 0.06, high: 0.52 },
  intervalMethod: 'fisher_z',
  corrected: 0.42,
  correctedInterval: { low: 0.09, high: 0.66 },
  verdict: 'predictive',
  ...over,
});

describe('correlations in words', () => {
  it.each([
    [0.314, '0.31'],
    [-0.2, '−0.20'],
    [-0.001, '0.00'],
    [null, '—'],
    [Number.NaN, '—'],
  ])('formatR(%s) = %s', (r, text) => expect(formatR(r)).toBe(text));

  it('writes an interval low to high', () => {
    expect(formatInterval({ low: -0.12, high: 0.4 })).toBe('−0.12 to 0.40');
    expect(formatInterval(null)).toBe('—');
  });

  it('says how far a figure below the minimum is from being estimated, never a number', () => {
    expect(notEnoughData(12, 30)).toBe('not enough data yet (n = 12 of 30)');
    expect(cellWords(cell({ status: 'not_enough_data', n: 12, pearson: null, interval: null, corrected: null, verdict: null }), 30)).toBe(
      'Not enough data yet (n = 12 of 30)',
    );
  });

  it('gives r, its interval, the corrected figure beside it and the verdict', () => {
    expect(cellWords(cell({}), 30)).toBe(
      'r = 0.31, 90 % interval 0.06 to 0.52; corrected for range restriction 0.42 (0.09 to 0.66) (n = 40) — predicts the outcome',
    );
    expect(cellWords(cell({ verdict: 'not_predictive', corrected: null }), 30)).toBe(
      'r = 0.31, 90 % interval 0.06 to 0.52 (n = 40) — no evidence that it predicts the outcome',
    );
  });

  it('says when a correlation cannot be estimated at all', () => {
    expect(cellWords(cell({ status: 'undefined', pearson: null }), 30)).toBe('Cannot be estimated: the values do not vary (n = 40)');
  });
});

describe('the log-rank test in words', () => {
  it.each([
    [0.0004, 'p < 0.001'],
    [0.0042, 'p = 0.004'],
    [0.031, 'p = 0.03'],
    [0.41, 'p = 0.41'],
  ])('formatP(%s) = %s', (p, text) => expect(formatP(p)).toBe(text));

  it('tells a difference from chance without the word significant', () => {
    expect(logRankWords({ chiSquare: 6.1, df: 1, pValue: 0.013 })).toMatch(
      /^The two groups stay for clearly different lengths of time \(log-rank p = 0.01\)/,
    );
    expect(logRankWords({ chiSquare: 0.4, df: 1, pValue: 0.52 })).toMatch(/^No clear difference/);
    expect(logRankWords(null)).toBe("Not enough data yet to compare the two groups' retention.");
  });
});

describe('Kaplan–Meier step path', () => {
  const x = (day: number) => day / 10;
  const y = (s: number) => 100 - s * 100;

  it('starts at everyone still there, steps down at each event and runs on to the last day', () => {
    const curve = [
      { day: 0, survival: 1, low: 1, high: 1 },
      { day: 100, survival: 0.8, low: 0.6, high: 0.9 },
      { day: 300, survival: 0.5, low: 0.3, high: 0.7 },
    ];
    expect(stepPath(curve, x, y, 730)).toBe('M0,0H10V20H30V50H73');
  });

  it('draws a flat line when nobody left', () => {
    expect(stepPath([{ day: 365, survival: 1, low: 1, high: 1 }], x, y)).toBe('M0,0H36.5');
  });

  it('reads the survival at a day off the steps', () => {
    const curve = [
      { day: 100, survival: 0.8, low: 0.6, high: 0.9 },
      { day: 300, survival: 0.5, low: 0.3, high: 0.7 },
    ];
    expect(survivalAt(curve, 50)?.survival).toBe(1);
    expect(survivalAt(curve, 100)?.survival).toBe(0.8);
    expect(survivalAt(curve, 365)?.survival).toBe(0.5);
    expect(survivalAt([], 365)).toBeNull();
  });
});

describe('report status', () => {
  it('polls while queued or running', () => {
    expect(isPending('queued')).toBe(true);
    expect(isPending('running')).toBe(true);
    expect(isPending('done')).toBe(false);
    expect(isPending(undefined)).toBe(false);
  });
});

describe("an interviewer's correlation with outcomes", () => {
  it('below the minimum says not enough data yet with n', () => {
    expect(
      outcomeValidityWords(
        { status: 'not_enough_data', n: 4, r: null, shrunk: null, organizationR: 0.2, interval: null, minN: null, computedAt: null },
        10,
      ),
    ).toBe('Not enough data yet (n = 4 of 10) to relate these ratings to outcomes after hire.');
  });

  it("takes the report's minimum when it says one, and says when there is no report yet", () => {
    expect(
      outcomeValidityWords(
        { status: 'not_enough_data', n: 4, r: null, shrunk: null, organizationR: null, interval: null, minN: 20, computedAt: null },
        30,
      ),
    ).toMatch(/^Not enough data yet \(n = 4 of 20\)/);
    expect(
      outcomeValidityWords(
        { status: 'no_report', n: 0, r: null, shrunk: null, organizationR: null, interval: null, minN: null, computedAt: null },
        30,
      ),
    ).toMatch(/^No validity report yet/);
  });

  it('gives the shrunk figure with the raw one, its n and the organization figure', () => {
    expect(
      outcomeValidityWords(
        { status: 'estimated', n: 14, r: 0.5, shrunk: 0.32, organizationR: 0.21, interval: { low: 0.02, high: 0.58 }, minN: 10, computedAt: null },
        30,
      ),
    ).toBe(
      "Correlation of the leniency-adjusted ratings with outcomes: 0.32 (90 % interval 0.02 to 0.58), shrunk toward the organization's figure from 0.50 on 14 hires; the organization's figure is 0.21.",
    );
  });
});
