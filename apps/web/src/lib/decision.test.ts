import { describe, expect, it } from 'vitest';
import { overrideExplanation, overrideReasonRequired } from './decision';

describe('override reason', () => {
  it.each([
    ['hire', 'hire', false],
    ['no_hire', 'no_hire', false],
    ['hire', 'no_hire', true],
    ['no_hire', 'hire', true],
    ['hire', 'inconclusive', false],
    ['no_hire', 'inconclusive', false],
    ['hire', null, true],
    [null, 'hire', false],
  ] as const)('decision %s against recommendation %s → required %s', (decision, recommendation, required) => {
    expect(overrideReasonRequired(decision, recommendation)).toBe(required);
    expect(overrideExplanation(decision, recommendation) !== null).toBe(required);
  });
});
