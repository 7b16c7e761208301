import { buildReport, computeInputsHash, RECOMMENDATIONS, type Rating, type Recommendation, type ReportInput } from '@hireloop/calibration';
import fc from 'fast-check';

import { card, LOOP, shuffled } from './spec-helpers';

/** Property checks over random panels (fixed seeds, so the runs are reproducible). */
const panelArb = fc
  .record({
    rows: fc.array(
      fc.record({
        ratings: fc.tuple(...LOOP.map(() => fc.constantFrom<Rating | null>(1, 2, 3, 4, null))),
        recommendation: fc.constantFrom<Recommendation>(...RECOMMENDATIONS),
        flag: fc.constantFrom<string | null>(null, null, null, 'rude'),
        offset: fc.constantFrom(0, 0.25, -0.25, 0.6),
      }),
      { minLength: 0, maxLength: 7 },
    ),
    adjustForLeniency: fc.boolean(),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map(({ rows, adjustForLeniency, seed }) => {
    const input: ReportInput = {
      dimensions: LOOP,
      scorecards: rows.map((r, i) => card(`interviewer-${i}`, r.ratings, r.recommendation, r.flag ? [r.flag] : [])),
      offsets: Object.fromEntries(rows.map((r, i) => [`interviewer-${i}`, r.offset])),
      policy: { adjustForLeniency },
    };
    return { input, seed };
  });

describe('buildReport properties', () => {
  it('order of scorecards, ratings and dimensions changes neither the hash nor any figure', () => {
    fc.assert(
      fc.property(panelArb, ({ input, seed }) => {
        const permuted: ReportInput = {
          ...input,
          dimensions: shuffled(input.dimensions, seed),
          scorecards: shuffled(input.scorecards, seed + 1).map((c, i) => ({ ...c, ratings: shuffled(c.ratings, seed + i) })),
        };
        const a = buildReport(input);
        const b = buildReport(permuted);
        expect(b.inputsHash).toBe(a.inputsHash);
        expect(computeInputsHash(permuted)).toBe(a.inputsHash);
        expect({ ...b, dimensions: [] }).toEqual({ ...a, dimensions: [] });
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('the decision is consistent with the figures it reports', () => {
    fc.assert(
      fc.property(panelArb, ({ input }) => {
        const r = buildReport(input);
        const codes = r.reasons.map((x) => x.code);
        expect(r.reasons.length).toBeGreaterThan(0);
        if (r.recommendation === 'hire') {
          expect(codes).toEqual(['meets_bar']);
          expect(r.redFlags).toEqual([]);
          expect(r.splitPanel).toBe(false);
          expect(r.score!).toBeGreaterThanOrEqual(r.policy.bar - 1e-4);
        }
        if (r.recommendation === 'no_hire') expect(codes.every((c) => c === 'below_floor' || c === 'below_bar')).toBe(true);
        if (r.recommendation === 'inconclusive') expect(codes).not.toContain('meets_bar');
        if (codes.includes('insufficient_evidence')) expect(codes.every((c) => c === 'insufficient_evidence')).toBe(true);
        if (r.policy.adjustForLeniency === false) expect(r.score).toBe(r.rawScore);
        if (r.score !== null) expect(r.interval!.low <= r.score && r.score <= r.interval!.high).toBe(true);
        expect(r.coverage).toBeGreaterThanOrEqual(0);
        expect(r.coverage).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});
