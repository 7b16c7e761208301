import { buildValidityReport, caseIICorrection, pearson, standardDeviation, type AssessedApplication } from '@hireloop/calibration/quality-of-hire';

import { mulberry32 } from '../synthetic';

function normal(random: () => number): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const PREDICTORS = [
  { key: 'panel_score', label: 'Panel score', kind: 'panel_score' as const },
  { key: 'recommendation', label: 'Recommendation', kind: 'recommendation' as const },
];
const OUTCOMES = [
  { key: 'rating_12m', label: '12-month rating' },
  { key: 'retained_12m', label: 'Still employed at 12 months' },
];

/** `assessed` candidates with x ~ N(0, 1), the top `hired` hired; y = ρx + √(1 − ρ²)e. */
function pool(seed: number, assessed: number, hired: number, rho = 0.4): AssessedApplication[] {
  const random = mulberry32(seed);
  const people = Array.from({ length: assessed }, (_, i) => {
    const x = normal(random);
    return { i, x, y: rho * x + Math.sqrt(1 - rho * rho) * normal(random) };
  });
  const cut = [...people].sort((a, b) => b.x - a.x)[hired - 1].x;
  return people.map((p) => {
    const isHired = p.x >= cut;
    return {
      applicationId: `app-${p.i}`,
      hired: isHired,
      recommendation: p.x > cut + 0.3 ? 'hire' : 'inconclusive',
      predictors: { panel_score: p.x, recommendation: p.x > cut + 0.3 ? 2 : 1 },
      outcomes: isHired ? { rating_12m: p.y } : undefined,
      tenure: isHired ? { days: 100 + Math.floor(random() * 600), departed: random() < 0.3 } : null,
    };
  });
}

describe('buildValidityReport', () => {
  it('below minN every cell is "not enough data": a status and n, never a number', () => {
    const report = buildValidityReport({ predictors: PREDICTORS, outcomes: OUTCOMES, applications: pool(1, 200, 29) }, { minN: 30 });
    expect(report.hires).toBe(29);
    expect(report.assessed).toBe(200);
    const cell = report.cells.find((c) => c.predictorKey === 'panel_score' && c.outcomeKey === 'rating_12m')!;
    expect(cell).toEqual({
      predictorKey: 'panel_score',
      outcomeKey: 'rating_12m',
      status: 'not_enough_data',
      n: 29,
      pearson: null,
      spearman: null,
      interval: null,
      intervalMethod: null,
      corrected: null,
      correctedInterval: null,
      verdict: null,
    });
    // An outcome nobody has yet: n = 0, same status.
    expect(report.cells.find((c) => c.outcomeKey === 'retained_12m')).toMatchObject({ status: 'not_enough_data', n: 0, pearson: null });
    expect(report.retention).toMatchObject({ status: 'not_enough_data', logRank: null });
    for (const g of report.retention.groups) expect(g.curve).toEqual([]);
  });

  it('Case II uses the SD of everyone assessed against the SD of the hired', () => {
    const applications = pool(2, 5000, 1000);
    const report = buildValidityReport({ predictors: PREDICTORS, outcomes: OUTCOMES, applications });
    const cell = report.cells.find((c) => c.predictorKey === 'panel_score' && c.outcomeKey === 'rating_12m')!;
    const hired = applications.filter((a) => a.hired);
    const x = hired.map((a) => a.predictors.panel_score as number);
    const y = hired.map((a) => a.outcomes!.rating_12m as number);
    const S = standardDeviation(applications.map((a) => a.predictors.panel_score as number));
    const s = standardDeviation(x);
    expect(cell.status).toBe('estimated');
    expect(cell.n).toBe(1000);
    expect(cell.pearson).toBeCloseTo(pearson(x, y)!, 12);
    expect(cell.corrected).toBeCloseTo(caseIICorrection(cell.pearson!, S, s), 12);
    expect(cell.corrected!).toBeGreaterThan(cell.pearson!);
    expect(cell.intervalMethod).toBe('fisher_z');
    expect(cell.correctedInterval!.low).toBeCloseTo(caseIICorrection(cell.interval!.low, S, s), 12);
    // The planted 0.4 is recovered by the corrected figure, not by the hired-only one.
    expect(Math.abs(cell.corrected! - 0.4)).toBeLessThan(Math.abs(cell.pearson! - 0.4));
    expect(cell.verdict).toBe('predictive');
  });

  it('a bootstrap interval below the bootstrap threshold (50 pairs), Fisher z from there on', () => {
    const small = buildValidityReport({ predictors: PREDICTORS, outcomes: OUTCOMES, applications: pool(3, 400, 40) });
    expect(small.cells.find((c) => c.predictorKey === 'panel_score' && c.outcomeKey === 'rating_12m')).toMatchObject({
      status: 'estimated',
      n: 40,
      intervalMethod: 'bootstrap',
    });
    const large = buildValidityReport({ predictors: PREDICTORS, outcomes: OUTCOMES, applications: pool(3, 400, 50) });
    expect(large.cells.find((c) => c.predictorKey === 'panel_score' && c.outcomeKey === 'rating_12m')).toMatchObject({
      status: 'estimated',
      n: 50,
      intervalMethod: 'fisher_z',
    });
  });

  it('a constant predictor among the hired is "undefined", without numbers', () => {
    const applications = pool(4, 300, 60).map((a) => ({ ...a, predictors: { ...a.predictors, recommendation: a.hired ? 2 : 0 } }));
    const report = buildValidityReport({ predictors: PREDICTORS, outcomes: OUTCOMES, applications });
    expect(report.cells.find((c) => c.predictorKey === 'recommendation' && c.outcomeKey === 'rating_12m')).toMatchObject({
      status: 'undefined',
      n: 60,
      pearson: null,
      interval: null,
    });
  });

  it('scatter: hired applications with a 12-month rating; retention: two groups, curves from S = 1 and a log-rank test', () => {
    const report = buildValidityReport({ predictors: PREDICTORS, outcomes: OUTCOMES, applications: pool(5, 1000, 200) });
    expect(report.scatter).toHaveLength(200);
    expect(report.scatter[0]).toEqual({ applicationId: expect.stringMatching(/^app-/), panelScore: expect.any(Number), rating: expect.any(Number) });
    expect(report.retention.status).toBe('estimated');
    const [hire, despite] = report.retention.groups;
    expect(hire.key).toBe('hire');
    expect(despite.key).toBe('hired_despite');
    expect(hire.n + despite.n).toBe(200);
    expect(hire.curve[0]).toEqual({ day: 0, survival: 1, low: 1, high: 1 });
    for (const p of hire.curve) expect(p.low <= p.survival && p.survival <= p.high).toBe(true);
    expect(report.retention.logRank).toEqual({ chiSquare: expect.any(Number), df: 1, pValue: expect.any(Number) });
  });

  // Timing is asserted end to end (test/e2e/quality-of-hire-validity.e2e-spec.ts, SQL + assembly); here the figure is printed.
  it('2,000 hires among 6,000 assessed, 13 predictors × 5 outcomes', () => {
    const random = mulberry32(6);
    const predictors = Array.from({ length: 13 }, (_, i) => ({ key: `p${i}`, label: `P${i}`, kind: 'dimension' as const }));
    const outcomes = Array.from({ length: 5 }, (_, i) => ({ key: `o${i}`, label: `O${i}` }));
    const applications: AssessedApplication[] = Array.from({ length: 6_000 }, (_, i) => ({
      applicationId: `a${i}`,
      hired: i % 3 === 0,
      recommendation: i % 2 === 0 ? 'hire' : 'no_hire',
      predictors: Object.fromEntries(predictors.map((p) => [p.key, 1 + Math.floor(random() * 4)])),
      outcomes: Object.fromEntries(outcomes.map((o) => [o.key, 1 + Math.floor(random() * 5)])),
      tenure: { days: Math.floor(random() * 700), departed: random() < 0.2 },
    }));
    const started = Date.now();
    const report = buildValidityReport({ predictors, outcomes, applications });
    const ms = Date.now() - started;
    console.log(`buildValidityReport: 2,000 hires, 65 cells in ${ms} ms`);
    expect(report.cells).toHaveLength(65);
  });
});
