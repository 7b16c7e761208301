import {
  buildReport,
  RATING_SCALES,
  ratingScale,
  defaultHirePolicy,
  type LoopDimension,
  type ReasonCode,
  type ReportInput,
  type ScorecardInput,
} from '@hireloop/calibration';

import { card, loopInput, unanimous } from './spec-helpers';

/**
 * Issue 12 ("Decision integrity"): required dimensions, low ratings, rating scales, the non-compensatory policy,
 * bounded adjustment, every scorecard counts, and figures that cannot contradict the decision.
 */

/** Four dimensions, the last worth 20 %. */
const LOOP4: LoopDimension[] = [
  { id: 'a', name: 'Alpha', weight: 30 },
  { id: 'b', name: 'Beta', weight: 25 },
  { id: 'c', name: 'Gamma', weight: 25 },
  { id: 'd', name: 'Delta', weight: 20 },
];
const c4 = (
  id: string,
  ratings: Array<1 | 2 | 3 | 4 | 5 | null>,
  rec: ScorecardInput['recommendation'] = 'yes',
  extra: Partial<ScorecardInput> = {},
): ScorecardInput => ({
  ...card(id, ratings as never, rec, [], LOOP4),
  ...extra,
});

describe('decision integrity: rule table', () => {
  interface Scenario {
    name: string;
    input: ReportInput;
    recommendation: 'hire' | 'no_hire' | 'inconclusive';
    codes: ReasonCode[];
    check?: (r: ReturnType<typeof buildReport>) => void;
  }
  it.each<Scenario>([
    // dimension_unassessed
    {
      name: 'the issue: four interviewers, every rating 4, a required 20 % dimension nobody rated (coverage 0.8 passes)',
      input: { dimensions: LOOP4, scorecards: ['i1', 'i2', 'i3', 'i4'].map((id) => c4(id, [4, 4, 4, null])) },
      recommendation: 'inconclusive',
      codes: ['dimension_unassessed'],
      check: (r) => {
        expect(r.coverage).toBe(0.8);
        expect(r.reasons[0]).toEqual({
          code: 'dimension_unassessed',
          dimensionId: 'd',
          message: "Delta is required but nobody rated it (20% of the loop's weight).",
          figures: { weightShare: 0.2 },
        });
      },
    },
    {
      name: 'the same dimension marked optional → hire',
      input: {
        dimensions: LOOP4.map((d) => (d.id === 'd' ? { ...d, required: false } : d)),
        scorecards: ['i1', 'i2', 'i3', 'i4'].map((id) => c4(id, [4, 4, 4, null])),
      },
      recommendation: 'hire',
      codes: ['meets_bar'],
    },
    {
      name: 'two required dimensions unassessed, coverage still enough with minCoverage 0.5: one reason each',
      input: { dimensions: LOOP4, scorecards: ['i1', 'i2', 'i3'].map((id) => c4(id, [4, 4, null, null])), policy: { minCoverage: 0.5 } },
      recommendation: 'inconclusive',
      codes: ['dimension_unassessed', 'dimension_unassessed'],
      check: (r) => expect(r.reasons.map((x) => x.dimensionId)).toEqual(['c', 'd']),
    },
    {
      name: 'coverage below the minimum wins over an unassessed dimension (insufficient evidence first)',
      input: { dimensions: LOOP4, scorecards: ['i1', 'i2', 'i3'].map((id) => c4(id, [4, 4, null, null])) },
      recommendation: 'inconclusive',
      codes: ['insufficient_evidence'],
    },
    {
      name: 'a zero-weight required dimension left unrated takes part in no rule',
      input: {
        dimensions: [...LOOP4, { id: 'z', name: 'Zero', weight: 0 }],
        scorecards: ['i1', 'i2', 'i3'].map((id) => card(id, [4, 4, 4, 4, null], 'yes', [], [...LOOP4, { id: 'z', name: 'Zero', weight: 0 }])),
      },
      recommendation: 'hire',
      codes: ['meets_bar'],
    },
    // low_rating
    {
      name: 'the issue: one interviewer rates a 20 % dimension 1, every other rating 4 → not hire (low_rating)',
      input: {
        dimensions: LOOP4,
        scorecards: [c4('i1', [4, 4, 4, 1]), c4('i2', [4, 4, 4, null]), c4('i3', [4, 4, 4, null]), c4('i4', [4, 4, 4, null])],
      },
      recommendation: 'inconclusive',
      codes: ['low_rating'],
      check: (r) =>
        expect(r.reasons[0]).toEqual({
          code: 'low_rating',
          dimensionId: 'd',
          interviewerId: 'i1',
          message: 'Interviewer i1 rated Delta 1 ("Strong evidence against"), the lowest level, and no other interviewer has rated it yet.',
          figures: { rating: 1, min: 1 },
        }),
    },
    {
      name: 'once another interviewer rated it (1 and 4: mean 2.5 ≥ floor 2), the low rating no longer blocks alone',
      input: { dimensions: LOOP4, scorecards: [c4('i1', [4, 4, 4, 1]), c4('i2', [4, 4, 4, 4]), c4('i3', [4, 4, 4, null])] },
      recommendation: 'hire',
      codes: ['meets_bar'],
    },
    {
      name: 'with two raters the floor rule applies (1 and 2: mean 1.5 < 2) → no_hire',
      input: { dimensions: LOOP4, scorecards: [c4('i1', [4, 4, 4, 1]), c4('i2', [4, 4, 4, 2]), c4('i3', [4, 4, 4, null])] },
      recommendation: 'no_hire',
      codes: ['below_floor'],
      check: (r) => expect(r.reasons[0].figures).toEqual({ mean: 1.5, floor: 2, raters: 2 }),
    },
    {
      name: 'a 1 from the only rater of an optional dimension does not block',
      input: {
        dimensions: LOOP4.map((d) => (d.id === 'd' ? { ...d, required: false } : d)),
        scorecards: [c4('i1', [4, 4, 4, 1]), c4('i2', [4, 4, 4, null]), c4('i3', [4, 4, 4, null])],
      },
      recommendation: 'hire',
      codes: ['meets_bar'],
    },
    {
      name: 'a 2 (not the lowest level) from the only rater does not block',
      input: { dimensions: LOOP4, scorecards: [c4('i1', [4, 4, 4, 2]), c4('i2', [4, 4, 4, null]), c4('i3', [4, 4, 4, null])] },
      recommendation: 'hire',
      codes: ['meets_bar'],
    },
    {
      name: 'low_rating yields to a no_hire rule',
      input: { dimensions: LOOP4, scorecards: [c4('i1', [2, 2, 2, 1], 'no'), c4('i2', [2, 2, 2, null], 'no'), c4('i3', [2, 2, 2, null], 'no')] },
      recommendation: 'no_hire',
      codes: ['below_bar'],
    },
    // everyDimensionMeets
    {
      name: 'everyDimensionMeets: a required dimension averaging 2.67 < meets 3 blocks hire although the score is 3.73',
      input: {
        dimensions: LOOP4,
        scorecards: [c4('i1', [4, 4, 4, 3]), c4('i2', [4, 4, 4, 3]), c4('i3', [4, 4, 4, 2])],
        policy: { everyDimensionMeets: true },
      },
      recommendation: 'inconclusive',
      codes: ['below_meets'],
      check: (r) => expect(r.reasons[0]).toMatchObject({ dimensionId: 'd', figures: { mean: 2.6667, meets: 3 } }),
    },
    {
      name: 'the same panel without the policy → hire',
      input: { dimensions: LOOP4, scorecards: [c4('i1', [4, 4, 4, 3]), c4('i2', [4, 4, 4, 3]), c4('i3', [4, 4, 4, 2])] },
      recommendation: 'hire',
      codes: ['meets_bar'],
    },
    {
      name: 'everyDimensionMeets: every dimension exactly at "meets" → hire',
      input: { dimensions: LOOP4, scorecards: ['i1', 'i2', 'i3'].map((id) => c4(id, [3, 3, 3, 3])), policy: { everyDimensionMeets: true } },
      recommendation: 'hire',
      codes: ['meets_bar'],
    },
    {
      name: 'everyDimensionMeets ignores optional dimensions',
      input: {
        dimensions: LOOP4.map((d) => (d.id === 'd' ? { ...d, required: false } : d)),
        scorecards: [c4('i1', [4, 4, 4, 2]), c4('i2', [4, 4, 4, 2]), c4('i3', [4, 4, 4, 2])],
        policy: { everyDimensionMeets: true },
      },
      recommendation: 'hire',
      codes: ['meets_bar'],
    },
    // Several scorecards of one interviewer
    {
      name: "an interviewer's earlier strong_no and later yes make a split panel with the others' yes",
      input: loopInput([
        { ...card('a', [4, 4, 4], 'strong_no'), scorecardId: 's1' },
        { ...card('a', [4, 4, 4], 'yes'), scorecardId: 's2' },
        card('b', [4, 4, 4], 'yes'),
        card('c', [4, 4, 4], 'yes'),
      ]),
      recommendation: 'inconclusive',
      codes: ['split_panel'],
      check: (r) => {
        expect(r.splitPanel).toBe(true);
        expect(r.reasons[0].interviewerIds).toEqual(['a', 'b', 'c', 'a']);
        expect(r.interviewers[0]).toMatchObject({
          interviewerId: 'a',
          scorecards: 2,
          ratings: 6,
          recommendation: 'strong_no',
          recommendations: ['strong_no', 'yes'],
        });
      },
    },
    {
      name: 'a red flag on an earlier scorecard still counts',
      input: loopInput([
        { ...card('a', [4, 4, 4], 'yes', ['dishonesty']), scorecardId: 's1' },
        { ...card('a', [4, 4, 4], 'yes'), scorecardId: 's2' },
        card('b', [4, 4, 4]),
        card('c', [4, 4, 4]),
      ]),
      recommendation: 'inconclusive',
      codes: ['red_flag'],
      check: (r) => expect(r.reasons[0]).toMatchObject({ flag: 'dishonesty', interviewerIds: ['a'] }),
    },
    {
      name: 'minInterviewers counts distinct interviewers: two people with two scorecards each are 2 < 3',
      input: loopInput([
        { ...card('a', [4, 4, 4]), scorecardId: 's1' },
        { ...card('a', [4, 4, 4]), scorecardId: 's2' },
        { ...card('b', [4, 4, 4]), scorecardId: 's3' },
        { ...card('b', [4, 4, 4]), scorecardId: 's4' },
      ]),
      recommendation: 'inconclusive',
      codes: ['insufficient_evidence'],
      check: (r) => expect(r.reasons[0].figures).toEqual({ interviewers: 2, minInterviewers: 3 }),
    },
    {
      name: "an interviewer's two ratings of one dimension are averaged: one person is one value (1 and 4 → 2.5, one rater)",
      input: loopInput([
        { ...card('a', [1, 4, 4]), scorecardId: 's1' },
        { ...card('a', [4, null, null]), scorecardId: 's2' },
        card('b', [null, 4, 4]),
        card('c', [null, 4, 4]),
      ]),
      recommendation: 'inconclusive',
      codes: ['low_rating'],
      check: (r) => {
        expect(r.dimensions[0]).toMatchObject({ dimensionId: 'coding', raters: 1, ratings: 2, rawMean: 2.5, min: 1, max: 4, disagreement: true });
        expect(r.reasons[0]).toMatchObject({ dimensionId: 'coding', interviewerId: 'a' });
      },
    },
  ])('$name → $recommendation', ({ input, recommendation, codes, check }) => {
    const report = buildReport(input);
    expect(report.recommendation).toBe(recommendation);
    expect(report.reasons.map((r) => r.code)).toEqual(codes);
    for (const reason of report.reasons) expect(reason.message).toMatch(/^[A-Z].*\.$/);
    check?.(report);
  });
});

describe('decision integrity: rating scales', () => {
  it('defines the three scales with labels that do not read like recommendations', () => {
    expect(Object.keys(RATING_SCALES)).toEqual(['four_point', 'five_point', 'three_level']);
    expect(ratingScale()).toBe(RATING_SCALES.four_point);
    expect(ratingScale(null)).toBe(RATING_SCALES.four_point);
    expect(RATING_SCALES.four_point).toMatchObject({ min: 1, max: 4, meets: 3 });
    expect(RATING_SCALES.five_point).toMatchObject({ min: 1, max: 5, meets: 3 });
    expect(RATING_SCALES.three_level).toMatchObject({ min: 1, max: 3, meets: 2 });
    expect(RATING_SCALES.three_level.levels.map((l) => [l.key, l.label])).toEqual([
      ['below', 'Below'],
      ['meets', 'Meets'],
      ['exceeds', 'Exceeds'],
    ]);
    for (const scale of Object.values(RATING_SCALES)) {
      expect(scale.levels.map((l) => l.value)).toEqual(Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i));
      for (const level of scale.levels) expect(level.label).not.toMatch(/\b(yes|no)\b/i);
    }
    expect(defaultHirePolicy('five_point')).toMatchObject({ bar: 3, floor: 2, margin: 0.6667, everyDimensionMeets: false });
    expect(defaultHirePolicy('three_level')).toMatchObject({ bar: 2, floor: 1.5, margin: 0.3333 });
  });

  it.each([
    { scale: 'five_point' as const, ratings: [4, 4, 4] as const, recommendation: 'hire', score: 4 },
    { scale: 'five_point' as const, ratings: [2, 2, 2] as const, recommendation: 'no_hire', score: 2 },
    { scale: 'five_point' as const, ratings: [5, 5, 5] as const, recommendation: 'hire', score: 5 },
    { scale: 'three_level' as const, ratings: [2, 2, 2] as const, recommendation: 'hire', score: 2 },
    { scale: 'three_level' as const, ratings: [3, 2, 3] as const, recommendation: 'hire', score: 2.7 },
    { scale: 'three_level' as const, ratings: [1, 1, 1] as const, recommendation: 'no_hire', score: 1 },
  ])('$scale: unanimous $ratings → $recommendation (default policy of the scale)', ({ scale, ratings, recommendation, score }) => {
    const report = buildReport(loopInput(unanimous(3, [...ratings] as never), { scale }));
    expect(report.scale).toBe(scale);
    expect(report.policy).toEqual(defaultHirePolicy(scale));
    expect(report.recommendation).toBe(recommendation);
    expect(report.score).toBe(score);
    expect(report.interval!.high).toBeLessThanOrEqual(ratingScale(scale).max);
  });

  it('three_level: the lowest level ("Below") from the only rater blocks hire', () => {
    const report = buildReport(loopInput([card('a', [3, 3, 1]), card('b', [3, 3, null]), card('c', [3, 3, null])], { scale: 'three_level' }));
    expect(report.reasons.map((r) => r.code)).toEqual(['low_rating']);
    expect(report.reasons[0].message).toBe(
      'Interviewer a rated Communication 1 ("Below"), the lowest level, and no other interviewer has rated it yet.',
    );
  });

  it('five_point: an offset in 4-point points is converted (× 4/3) and adjusted ratings stay within 1–5', () => {
    const report = buildReport(loopInput(unanimous(3, [4, 4, 4]), { scale: 'five_point', offsets: { i1: 0.75, i2: -3, i3: 0 } }));
    expect(report.interviewers.map((i) => [i.offset, i.offsetApplied])).toEqual([
      [0.75, 1],
      [-3, -4],
      [0, 0],
    ]);
    // i1: 4 − 1 = 3; i2: 4 + 4 = 8 → clamped to 5; i3: 4 → mean 4
    expect(report.dimensions.map((d) => d.adjustedMean)).toEqual([4, 4, 4]);
    expect(report.score).toBe(4);
  });

  it('five_point: disagreement means a gap of at least 2 × 4/3 points (3 levels), as 2 points on the 4-point scale', () => {
    const gap2 = buildReport(loopInput([card('a', [5, 3, 3]), card('b', [3, 3, 3]), card('c', [3, 3, 3])], { scale: 'five_point' }));
    const gap3 = buildReport(loopInput([card('a', [5, 3, 3]), card('b', [2, 3, 3]), card('c', [3, 3, 3])], { scale: 'five_point' }));
    expect(gap2.dimensions[0].disagreement).toBe(false);
    expect(gap3.dimensions[0].disagreement).toBe(true);
  });
});

describe('decision integrity: bounded adjustment', () => {
  it('the issue: three 4s with offsets −0.8 → adjusted means ≤ 4 and the interval ≤ 4 (raw beside adjusted)', () => {
    const report = buildReport(loopInput(unanimous(3, [4, 4, 4]), { offsets: { i1: -0.8, i2: -0.8, i3: -0.8 } }));
    for (const d of report.dimensions) expect(d).toMatchObject({ rawMean: 4, adjustedMean: 4 });
    expect(report.score).toBe(4);
    expect(report.rawScore).toBe(4);
    expect(report.interval!.high).toBeLessThanOrEqual(4);
    expect(report.rawInterval!.high).toBeLessThanOrEqual(4);
  });

  it('each adjusted rating is clamped before averaging (4 − (−0.8) → 4, 2 − (−0.8) = 2.8)', () => {
    const report = buildReport(loopInput([card('a', [4, 4, 4]), card('b', [2, 2, 2]), card('c', [3, 3, 3])], { offsets: { a: -0.8, b: -0.8 } }));
    expect(report.dimensions[0]).toMatchObject({ rawMean: 3, adjustedMean: 3.2667 }); // (4 + 2.8 + 3)/3
  });
});

describe('decision integrity: what is shown is what was judged', () => {
  it.each([
    // One of three interviewers with offset 0.00004: score 2.99998667 → shown and judged as 3.0000 → meets the bar.
    {
      offset: 0.00004,
      score: 3,
      recommendation: 'hire',
      message: 'Weighted score 3.00 meets the bar of 3.00, and the 90% range starts at 2.91, no more than 0.50 below the bar.',
    },
    // 2.99996 (offsets 0.00012 on one of three): shown 3.0000, meets the bar — never "3.0" beside below_bar.
    {
      offset: 0.00012,
      score: 3,
      recommendation: 'hire',
      message: 'Weighted score 3.00 meets the bar of 3.00, and the 90% range starts at 2.91, no more than 0.50 below the bar.',
    },
    // 2.9999: shown 2.9999 beside a bar of 3.0000.
    { offset: 0.0003, score: 2.9999, recommendation: 'inconclusive', message: 'Weighted score 2.9999 is below the bar of 3.0000.' },
    { offset: 0.003, score: 2.999, recommendation: 'inconclusive', message: 'Weighted score 2.999 is below the bar of 3.000.' },
  ])('score with an offset of $offset on one interviewer → $score, $recommendation', ({ offset, score, recommendation, message }) => {
    const report = buildReport(loopInput(unanimous(3, [3, 3, 3]), { offsets: { i1: offset } }));
    expect(report.score).toBe(score);
    expect(report.recommendation).toBe(recommendation);
    expect(report.reasons.map((r) => r.message)).toContain(message);
    const reason = report.reasons.find((r) => r.figures?.score !== undefined)!;
    expect(reason.figures!.score).toBe(report.score);
    if (recommendation === 'hire') expect(reason.figures!.score).toBeGreaterThanOrEqual(reason.figures!.bar);
    else expect(reason.figures!.score).toBeLessThan(reason.figures!.bar);
  });

  it('reasons carry the figures they turned on, rounded to 4 decimals', () => {
    const hire = buildReport(loopInput(unanimous(3, [4, 3, 3])));
    expect(hire.reasons[0].figures).toEqual({ score: 3.4, bar: 3, intervalLow: 3.3105, margin: 0.5, threshold: 2.5 });
    const noHire = buildReport(loopInput(unanimous(3, [2, 2, 2], 'no')));
    expect(noHire.reasons[0].figures).toEqual({ intervalHigh: 2.0895, bar: 3 });
    const coverage = buildReport(loopInput(unanimous(3, [4, 4, null])));
    expect(coverage.reasons[0]).toMatchObject({ code: 'insufficient_evidence', figures: { coverage: 0.7, minCoverage: 0.8 } });
  });

  it('a failing figure is never printed equal to its threshold (property over offsets)', () => {
    for (let i = 0; i < 2000; i++) {
      const offset = ((i * 7919) % 2000) / 1e6; // 0 … 0.002
      const report = buildReport(loopInput(unanimous(3, [3, 3, 3]), { offsets: { i1: offset } }));
      for (const reason of report.reasons) {
        if (reason.code !== 'below_bar' || reason.figures?.score === undefined) continue;
        const [, shown, bar] = /score (\d+\.\d+) is below the bar of (\d+\.\d+)/.exec(reason.message)!;
        expect(shown).not.toBe(bar);
        expect(Number(shown)).toBeCloseTo(reason.figures.score, 3);
        expect(Number(shown)).toBeLessThan(Number(bar));
      }
    }
  });
});
