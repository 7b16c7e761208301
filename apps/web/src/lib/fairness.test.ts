import { describe, expect, it } from 'vitest';
import type { ImpactAnalysis } from '../api/types';
import { formatP, groupLabel, habitWords, impactRows, percent } from './fairness';

const labels = { female: 'Female', male: 'Male', asian: 'Asian' };

describe('impactRows', () => {
  const analysis: ImpactAnalysis = {
    stage: 'decision_hire',
    categories: ['sex'],
    referenceGroup: 'male',
    unknown: { total: 3, selected: 1 },
    groups: [
      {
        group: 'female',
        total: 7,
        selected: 1,
        suppressed: false,
        selectionRate: 1 / 7,
        impactRatio: 1 / 6,
        fourFifthsFlag: true,
        fisherP: 0.0291375,
        z: -2.67,
        zTestP: 0.0075,
        adverseImpact: true,
      },
      {
        group: 'female × asian',
        total: 3,
        selected: 0,
        suppressed: true,
        selectionRate: null,
        impactRatio: null,
        fourFifthsFlag: false,
        fisherP: null,
        z: null,
        zTestP: null,
        adverseImpact: false,
      },
      {
        group: 'male',
        total: 7,
        selected: 6,
        suppressed: false,
        selectionRate: 6 / 7,
        impactRatio: 1,
        fourFifthsFlag: false,
        fisherP: null,
        z: null,
        zTestP: null,
        adverseImpact: false,
      },
    ],
  };

  it('puts the reference group first, suppressed groups last, and marks them', () => {
    const rows = impactRows(analysis, labels);
    expect(rows.map((r) => r.label)).toEqual(['Male', 'Female', 'Female × Asian']);
    expect(rows[1]).toMatchObject({ rate: '14 %', ratio: '0.17', fisher: '0.0291', fourFifths: true, adverseImpact: true });
    expect(rows[2]).toMatchObject({ rate: 'suppressed', ratio: '—', suppressed: true, rateValue: null });
  });
});

describe('formatting', () => {
  it.each([
    [null, '—'],
    [0.0004, '< 0.001'],
    [0.02913752913752914, '0.0291'],
    [0.4857142857, '0.486'],
    [1, '1'],
  ])('formatP(%s) = %s', (p, text) => expect(formatP(p)).toBe(text));

  it('percent and group labels', () => {
    expect(percent(0.5)).toBe('50 %');
    expect(percent(0.05)).toBe('5.0 %');
    expect(groupLabel('female × unlisted', labels)).toBe('Female × unlisted');
  });

  it('habit sentences', () => {
    expect(habitWords({ value: 0.95, organizationPercentile95: 0.5, flagged: true }, 30, 20)).toMatch(/^Above/);
    expect(habitWords({ value: 0.95, organizationPercentile95: 0.5, flagged: false }, 12, 20)).toMatch(/not flagged yet/);
    expect(habitWords({ value: 0.2, organizationPercentile95: 0.5, flagged: false }, 30, 20)).toMatch(/^Within/);
    expect(habitWords({ value: 0.2, organizationPercentile95: null, flagged: false }, 30, 20)).toMatch(/Too few/);
  });
});
