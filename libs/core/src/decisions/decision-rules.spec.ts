import { evaluateDecision, statusAfterDecision } from './decision-rules';

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
