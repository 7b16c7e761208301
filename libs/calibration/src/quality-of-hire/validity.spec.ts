import { assessValidity, DEFAULT_MIN_N } from '@hireloop/calibration/quality-of-hire';

const line = (n: number, slope = 1, noise = 0.5) => {
  const x = Array.from({ length: n }, (_, i) => (i % 5) + 1);
  const y = x.map((v, i) => slope * v + (i % 3 === 0 ? noise : -noise));
  return { x, y };
};

describe('assessValidity', () => {
  it.each([0, 3, 29])('with %d pairs reports "not enough data yet" as a status, carrying no correlation', (n) => {
    const { x, y } = line(n);
    const result = assessValidity({ predictor: x, outcome: y });
    expect(result).toEqual({ status: 'not_enough_data', n, minN: DEFAULT_MIN_N });
    expect(result).not.toHaveProperty('pearson');
  });

  it('the threshold is a setting: 10 pairs are enough when minN is 10, 100 are not when minN is 200', () => {
    expect(assessValidity({ predictor: line(10).x, outcome: line(10).y }, { minN: 10 }).status).toBe('estimated');
    expect(assessValidity({ predictor: line(100).x, outcome: line(100).y }, { minN: 200 }).status).toBe('not_enough_data');
  });

  it('at 30 pairs estimates with the bootstrap interval; at 50 with Fisher z', () => {
    const small = assessValidity({ predictor: line(30).x, outcome: line(30).y });
    const large = assessValidity({ predictor: line(50).x, outcome: line(50).y });
    if (small.status !== 'estimated' || large.status !== 'estimated') throw new Error('expected estimates');
    expect(small.interval.method).toBe('bootstrap_fisher_z');
    expect(large.interval.method).toBe('fisher_z');
    expect(large.verdict).toBe('predictive');
    expect(large.corrected).toBeNull();
  });

  it('a constant predictor is "undefined", not r = 0', () => {
    const result = assessValidity({ predictor: Array(40).fill(3), outcome: line(40).y });
    expect(result).toEqual({ status: 'undefined', n: 40, reason: 'constant_predictor' });
  });

  it('corrects for range restriction only when everyone assessed spread more than the hired', () => {
    const { x, y } = line(60, 0.2, 1);
    const hiredSd = Math.sqrt(x.reduce((a, v) => a + (v - 3) ** 2, 0) / 59);
    const wider = assessValidity({ predictor: x, outcome: y, assessedSd: hiredSd * 2 });
    const narrower = assessValidity({ predictor: x, outcome: y, assessedSd: hiredSd / 2 });
    if (wider.status !== 'estimated' || narrower.status !== 'estimated') throw new Error('expected estimates');
    expect(wider.corrected!.r).toBeGreaterThan(wider.pearson);
    expect(wider.corrected!.hiredSd).toBeCloseTo(hiredSd, 10);
    expect(narrower.corrected).toBeNull();
  });

  it('a clearly negative relation is not predictive and flagged inverse', () => {
    const { x, y } = line(80, -1, 0.5);
    const result = assessValidity({ predictor: x, outcome: y });
    if (result.status !== 'estimated') throw new Error('expected an estimate');
    expect(result.verdict).toBe('not_predictive');
    expect(result.inverse).toBe(true);
  });
});
