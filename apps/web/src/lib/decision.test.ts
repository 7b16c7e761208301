import { describe, expect, it } from 'vitest';
import { decisionBody, isReportStale, overrideExplanation, overrideReasonRequired } from './decision';

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

describe('decision body and the stale report', () => {
  it('sends the override reason only when needed or given', () => {
    expect(decisionBody({ decision: 'hire', rationale: 'r', overrideReason: '' }, 'hire')).toEqual({ decision: 'hire', rationale: 'r' });
    expect(decisionBody({ decision: 'hire', rationale: 'r', overrideReason: '' }, 'no_hire')).toEqual({
      decision: 'hire',
      rationale: 'r',
      overrideReason: '',
    });
    expect(decisionBody({ decision: 'hire', rationale: 'r', overrideReason: 'because' }, 'hire')).toEqual({
      decision: 'hire',
      rationale: 'r',
      overrideReason: 'because',
    });
  });
  it('acknowledges a stale report only when the hiring manager chose to, with the reason', () => {
    expect(decisionBody({ decision: 'no_hire', rationale: 'r', overrideReason: '', staleReason: null }, 'no_hire')).not.toHaveProperty(
      'acknowledgeStale',
    );
    expect(decisionBody({ decision: 'no_hire', rationale: 'r', overrideReason: '', staleReason: 'Offer deadline today' }, 'no_hire')).toEqual({
      decision: 'no_hire',
      rationale: 'r',
      acknowledgeStale: true,
      staleReason: 'Offer deadline today',
    });
  });
  it('recognises the 409 report_stale', () => {
    expect(isReportStale({ status: 409, code: 'report_stale' })).toBe(true);
    expect(isReportStale({ status: 409, code: 'decision_exists' })).toBe(false);
    expect(isReportStale(null)).toBe(false);
  });
});
