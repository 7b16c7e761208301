import { evaluateDecision, reportFreshness, statusAfterDecision } from './decision-rules';

describe('evaluateDecision', () => {
  it.each([
    ['hire', 'hire', false, true],
    ['no_hire', 'no_hire', false, true],
    ['hire', 'no_hire', true, false],
    ['no_hire', 'hire', true, false],
    ['hire', 'inconclusive', false, null],
    ['no_hire', 'inconclusive', false, null],
    ['hire', null, true, null],
    ['no_hire', null, true, null],
  ] as const)('decision %s against recommendation %s → override required %s, followed %s', (decision, recommendation, overrideRequired, followed) => {
    expect(evaluateDecision(decision, recommendation)).toEqual({ overrideRequired, followedRecommendation: followed });
  });

  it('maps decisions to application statuses', () => {
    expect(statusAfterDecision('hire')).toBe('hired');
    expect(statusAfterDecision('no_hire')).toBe('rejected');
  });
});

describe('reportFreshness', () => {
  it.each<[string, Record<string, number> | null, Record<string, number>, boolean, { stale: boolean; uncovered: string[]; outdated: string[] }]>([
    ['covers every submitted revision', { a: 1, b: 2 }, { a: 1, b: 2 }, false, { stale: false, uncovered: [], outdated: [] }],
    ['a new submission is not covered', { a: 1 }, { a: 1, b: 1 }, false, { stale: true, uncovered: ['b'], outdated: [] }],
    ['an amendment is not covered', { a: 1, b: 1 }, { a: 1, b: 2 }, false, { stale: true, uncovered: ['b'], outdated: [] }],
    ['a withdrawn scorecard is still in the report', { a: 1, b: 1 }, { a: 1 }, false, { stale: true, uncovered: [], outdated: ['b'] }],
    ['no report, something submitted', null, { a: 1 }, false, { stale: true, uncovered: ['a'], outdated: [] }],
    ['no report, nothing submitted', null, {}, false, { stale: false, uncovered: [], outdated: [] }],
    ['covered but a recomputation is pending', { a: 1 }, { a: 1 }, true, { stale: true, uncovered: [], outdated: [] }],
  ])('%s', (_name, latest, current, pending, expected) => {
    const f = reportFreshness(latest, current, pending);
    expect({ stale: f.stale, uncovered: f.uncovered.map((u) => u.scorecardId), outdated: f.outdated }).toEqual(expected);
  });
});
