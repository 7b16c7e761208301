import { buildReport, DEFAULT_HIRE_POLICY, type HirePolicy, type ReasonCode, type ReportInput } from '@hireloop/calibration';

import { card, LOOP, loopInput, unanimous } from './spec-helpers';

/**
 * Scenario tables for the decision rules, in the style of ghostfolio's portfolio-calculator specs.
 * Loop (spec-helpers LOOP): coding 40, design 30, comms 30. Ratings lists are [coding, design, comms].
 *
 * Interval half-widths used below (see interval.ts; τ = 0.5, n0 = 0.5, 90% two-sided):
 *   one interviewer: the prior alone, df = 0.5: the whole scale
 *   unanimous panel of 3 rating all three dimensions: SS = 0, df = 6 + 0.5, v = 0.25·0.5/6.5 = 0.019231,
 *     Σ w̃²/c = (0.16 + 0.09 + 0.09)/3 = 0.113333, SE = 0.046686, half = t₀.₉₅(6.5) · SE = 0.0895
 */
describe('buildReport: recommendation rules', () => {
  interface Scenario {
    name: string;
    input: ReportInput;
    recommendation: 'hire' | 'no_hire' | 'inconclusive';
    codes: ReasonCode[];
  }

  const strong = unanimous(3, [4, 3, 4]); // score 3.7, comfortably above the bar

  it.each<Scenario>([
    // Rule 1: insufficient evidence
    {
      name: 'fewer scorecards than minInterviewers (2 < 3)',
      input: loopInput(unanimous(2, [4, 4, 4])),
      recommendation: 'inconclusive',
      codes: ['insufficient_evidence'],
    },
    {
      name: 'no scorecards at all',
      input: loopInput([]),
      recommendation: 'inconclusive',
      codes: ['insufficient_evidence', 'insufficient_evidence', 'insufficient_evidence'], // count, coverage, no score
    },
    {
      name: 'coverage below minCoverage (comms unrated: 70% < 80%)',
      input: loopInput(unanimous(3, [4, 4, null])),
      recommendation: 'inconclusive',
      codes: ['insufficient_evidence'],
    },
    {
      name: 'both too few scorecards and too little coverage: one reason each',
      input: loopInput(unanimous(2, [4, 4, null])),
      recommendation: 'inconclusive',
      codes: ['insufficient_evidence', 'insufficient_evidence'],
    },
    {
      name: 'insufficient evidence wins over a failing floor',
      input: loopInput(unanimous(2, [1, 1, 1])),
      recommendation: 'inconclusive',
      codes: ['insufficient_evidence'],
    },
    // Rule 2: no hire
    {
      name: 'a dimension below the floor (comms 1, 2, 2 → 1.67 < 2)',
      input: loopInput([card('a', [4, 4, 1]), card('b', [4, 4, 2]), card('c', [4, 4, 2])]),
      recommendation: 'no_hire',
      codes: ['below_floor'],
    },
    {
      name: 'two dimensions below the floor: one reason each (score 2.23, so also below the bar)',
      input: loopInput([card('a', [1, 4, 1]), card('b', [1, 4, 2]), card('c', [2, 4, 2])]),
      recommendation: 'no_hire',
      codes: ['below_floor', 'below_floor', 'below_bar'],
    },
    {
      name: 'top of the interval below the bar (all 2s: high 2.48 < 3)',
      input: loopInput(unanimous(3, [2, 2, 2], 'no')),
      recommendation: 'no_hire',
      codes: ['below_bar'],
    },
    {
      name: 'below the floor and below the bar: both named',
      input: loopInput(unanimous(3, [2, 2, 1], 'strong_no')),
      recommendation: 'no_hire',
      codes: ['below_floor', 'below_bar'],
    },
    {
      name: 'a 1 from the only rater of a dimension does not trip the floor (one rater) but blocks hire: low_rating',
      input: loopInput([card('a', [4, 4, 1]), card('b', [4, 4, null]), card('c', [4, 4, null]), card('d', [4, 4, null])]),
      recommendation: 'inconclusive',
      codes: ['low_rating'],
    },
    {
      name: 'no_hire wins over red flags and a split panel',
      input: loopInput([card('a', [2, 2, 2], 'strong_yes'), card('b', [2, 2, 2], 'no', ['rude']), card('c', [2, 2, 2], 'no')]),
      recommendation: 'no_hire',
      codes: ['below_bar'],
    },
    // Rule 3: hire
    {
      name: 'clear hire',
      input: loopInput(strong),
      recommendation: 'hire',
      codes: ['meets_bar'],
    },
    {
      name: 'yes and no are one step apart: not a split panel',
      input: loopInput([card('a', [4, 3, 4], 'yes'), card('b', [4, 3, 4], 'no'), card('c', [4, 3, 4], 'yes')]),
      recommendation: 'hire',
      codes: ['meets_bar'],
    },
    // Rule 4: inconclusive, naming every cause
    {
      name: 'a red flag',
      input: loopInput([...strong.slice(0, 2), { ...strong[2], redFlags: ['dishonesty'] }]),
      recommendation: 'inconclusive',
      codes: ['red_flag'],
    },
    {
      name: 'two different red flags: one reason each',
      input: loopInput([{ ...strong[0], redFlags: ['b-flag'] }, { ...strong[1], redFlags: ['a-flag'] }, strong[2]]),
      recommendation: 'inconclusive',
      codes: ['red_flag', 'red_flag'],
    },
    {
      name: 'split panel: strong_yes vs no',
      input: loopInput([card('a', [4, 3, 4], 'strong_yes'), card('b', [4, 3, 4], 'no'), card('c', [4, 3, 4], 'yes')]),
      recommendation: 'inconclusive',
      codes: ['split_panel'],
    },
    {
      name: 'split panel: yes vs strong_no',
      input: loopInput([card('a', [4, 3, 4], 'yes'), card('b', [4, 3, 4], 'strong_no'), card('c', [4, 3, 4], 'yes')]),
      recommendation: 'inconclusive',
      codes: ['split_panel'],
    },
    {
      name: 'split panel: strong_yes vs strong_no',
      input: loopInput([card('a', [4, 3, 4], 'strong_yes'), card('b', [4, 3, 4], 'strong_no'), card('c', [4, 3, 4], 'strong_yes')]),
      recommendation: 'inconclusive',
      codes: ['split_panel'],
    },
    {
      name: 'uncertain: score 3 at the bar but interviewers 4, 4, 1 (low 1.92 < 2.5)',
      input: loopInput([card('a', [4, 4, 4]), card('b', [4, 4, 4]), card('c', [1, 1, 1], 'no')]),
      recommendation: 'inconclusive',
      codes: ['uncertain'],
    },
    {
      name: 'below the bar but not clearly: score 2.9, high 3.13 ≥ 3',
      input: loopInput([card('a', [3, 3, 3]), card('b', [3, 3, 3]), card('c', [3, 3, 2])]),
      recommendation: 'inconclusive',
      codes: ['below_bar'],
    },
    {
      name: 'every cause at once, in rule order',
      input: loopInput([card('a', [4, 4, 4], 'strong_yes'), card('b', [2, 2, 2], 'strong_no', ['rude']), card('c', [3, 3, 2], 'yes')]),
      recommendation: 'inconclusive',
      codes: ['red_flag', 'split_panel', 'uncertain', 'below_bar'],
    },
  ])('$name → $recommendation', ({ input, recommendation, codes }) => {
    const report = buildReport(input);
    expect(report.recommendation).toBe(recommendation);
    expect(report.reasons.map((r) => r.code)).toEqual(codes);
    for (const reason of report.reasons) expect(reason.message).toMatch(/^[A-Z].*\.$/);
  });
});

describe('buildReport: ties at the thresholds count as meeting them', () => {
  it.each<{ name: string; input: ReportInput; recommendation: string; codes: ReasonCode[]; check?: (r: ReturnType<typeof buildReport>) => void }>([
    {
      name: 'score exactly at the bar (all 3s, 3 interviewers): low 2.9105 ≥ 2.5',
      input: loopInput(unanimous(3, [3, 3, 3])),
      recommendation: 'hire',
      codes: ['meets_bar'],
      check: (r) => {
        expect(r.score).toBe(3);
        expect(r.interval).toEqual({ level: 0.9, low: 2.9105, high: 3.0895 });
      },
    },
    {
      name: 'score at the bar through floating-point noise (weights 0.1 / 0.2 / 0.7)',
      input: {
        dimensions: [
          { id: 'x', name: 'X', weight: 0.1 },
          { id: 'y', name: 'Y', weight: 0.2 },
          { id: 'z', name: 'Z', weight: 0.7 },
        ],
        scorecards: unanimous(3, [3, 3, 3], 'yes', [
          { id: 'x', name: 'X', weight: 0.1 },
          { id: 'y', name: 'Y', weight: 0.2 },
          { id: 'z', name: 'Z', weight: 0.7 },
        ]),
      },
      recommendation: 'hire',
      codes: ['meets_bar'],
    },
    {
      name: 'adjusted mean exactly at the floor (comms 2, 2, 2) is not below it',
      input: loopInput(unanimous(3, [4, 4, 2])),
      recommendation: 'hire',
      codes: ['meets_bar'],
      check: (r) => expect(r.dimensions[2].adjustedMean).toBe(2),
    },
    {
      name: 'interval.high exactly at the bar (bar 4, all 4s: high clamps to 4) is not below it; low 3.91 ≥ 3.5',
      input: loopInput(unanimous(3, [4, 4, 4]), { policy: { bar: 4 } }),
      recommendation: 'hire',
      codes: ['meets_bar'],
      check: (r) => expect(r.interval?.high).toBe(4),
    },
    {
      name: 'interval.low exactly at bar − margin (one interviewer, all 2s: low clamps to 1 = bar 2 − margin 1)',
      input: loopInput(unanimous(1, [2, 2, 2]), { policy: { minInterviewers: 1, bar: 2, margin: 1 } }),
      recommendation: 'hire',
      codes: ['meets_bar'],
      check: (r) => expect(r.interval?.low).toBe(1),
    },
    {
      name: 'coverage exactly at minCoverage (weights 80 / 20, only the first rated, the second optional)',
      input: {
        dimensions: [
          { id: 'p', name: 'P', weight: 80 },
          { id: 'q', name: 'Q', weight: 20, required: false },
        ],
        scorecards: unanimous(3, [4, null], 'yes', [
          { id: 'p', name: 'P', weight: 80 },
          { id: 'q', name: 'Q', weight: 20 },
        ]),
      },
      recommendation: 'hire',
      codes: ['meets_bar'],
      check: (r) => expect(r.coverage).toBe(0.8),
    },
    {
      name: 'exactly minInterviewers scorecards',
      input: loopInput(unanimous(3, [4, 4, 4])),
      recommendation: 'hire',
      codes: ['meets_bar'],
    },
  ])('$name', ({ input, recommendation, codes, check }) => {
    const report = buildReport(input);
    expect(report.recommendation).toBe(recommendation);
    expect(report.reasons.map((r) => r.code)).toEqual(codes);
    check?.(report);
  });
});

describe('buildReport: edge cases from the issue', () => {
  it.each([
    {
      name: 'one interviewer, default policy → insufficient evidence, but every figure is defined',
      input: loopInput(unanimous(1, [3, 3, 3])),
      expected: { recommendation: 'inconclusive', score: 3, interval: { level: 0.9, low: 1, high: 4 }, codes: ['insufficient_evidence'] },
    },
    {
      name: 'one interviewer allowed by policy, all 3s → too uncertain (the prior alone: the whole scale)',
      input: loopInput(unanimous(1, [3, 3, 3]), { policy: { minInterviewers: 1 } }),
      expected: { recommendation: 'inconclusive', score: 3, interval: { level: 0.9, low: 1, high: 4 }, codes: ['uncertain'] },
    },
    {
      name: 'one interviewer allowed by policy, all 1s → not a clear no (one person), but every 1 blocks hire',
      input: loopInput(unanimous(1, [1, 1, 1], 'strong_no'), { policy: { minInterviewers: 1 } }),
      expected: {
        recommendation: 'inconclusive',
        score: 1,
        interval: { level: 0.9, low: 1, high: 4 },
        codes: ['low_rating', 'low_rating', 'low_rating', 'uncertain', 'below_bar'],
      },
    },
    {
      name: 'one-dimension loop',
      input: {
        dimensions: [{ id: 'only', name: 'Only', weight: 100 }],
        scorecards: unanimous(3, [4], 'strong_yes', [{ id: 'only', name: 'Only', weight: 100 }]),
      },
      expected: { recommendation: 'hire', score: 4, interval: { level: 0.9, low: 3.6697, high: 4 }, codes: ['meets_bar'] },
    },
  ])('$name', ({ input, expected }) => {
    const report = buildReport(input);
    expect({
      recommendation: report.recommendation,
      score: report.score,
      interval: report.interval,
      codes: report.reasons.map((r) => r.code),
    }).toEqual(expected);
  });

  it('all dimensions unrated: no score, no interval, coverage 0, dimensions reported with nulls', () => {
    const report = buildReport(loopInput(unanimous(3, [null, null, null])));
    expect(report).toMatchObject({ recommendation: 'inconclusive', score: null, rawScore: null, interval: null, coverage: 0 });
    expect(report.reasons.map((r) => r.message)).toEqual([
      '3 interviewers submitted scorecards, but none rated a weighted dimension of the loop; at least 3 are required.',
      "Ratings cover 0% of the loop's weighted dimensions; at least 80% is required.",
      'No weighted dimension has been rated, so there is no score.',
    ]);
    expect(report.dimensions.map((d) => [d.raters, d.rawMean, d.adjustedMean, d.min, d.max, d.disagreement])).toEqual([
      [0, null, null, null, null, false],
      [0, null, null, null, null, false],
      [0, null, null, null, null, false],
    ]);
  });

  it('all dimensions unrated with minCoverage 0 and minInterviewers 1: still inconclusive, because there is no score', () => {
    const report = buildReport(loopInput(unanimous(3, [null, null, null]), { policy: { minCoverage: 0, minInterviewers: 1 } }));
    expect(report.recommendation).toBe('inconclusive');
    expect(report.reasons).toEqual([
      {
        code: 'insufficient_evidence',
        message: '3 interviewers submitted scorecards, but none rated a weighted dimension of the loop; at least 1 is required.',
        figures: { interviewers: 0, minInterviewers: 1, interviewersWithScorecards: 3 },
      },
      { code: 'insufficient_evidence', message: 'No weighted dimension has been rated, so there is no score.' },
    ]);
  });

  it('an optional dimension nobody focused on: reported unrated, lowers coverage, weights renormalised over the rest', () => {
    const dims = [...LOOP, { id: 'culture', name: 'Culture add', weight: 10, required: false }]; // total 110
    const report = buildReport({ dimensions: dims, scorecards: unanimous(3, [4, 3, 3, null], 'yes', dims) });
    expect(report.dimensions[3]).toEqual({
      dimensionId: 'culture',
      name: 'Culture add',
      weight: 10,
      weightShare: 0.0909,
      required: false,
      raters: 0,
      ratings: 0,
      rawMean: null,
      adjustedMean: null,
      min: null,
      max: null,
      disagreement: false,
    });
    expect(report.coverage).toBe(0.9091); // 100 / 110
    expect(report.score).toBe(3.4); // (40·4 + 30·3 + 30·3) / 100
    expect(report.recommendation).toBe('hire');
  });

  it.each([
    { name: 'weights summing to 100', weights: [40, 30, 30] },
    { name: 'weights summing to 10 (old loop versions)', weights: [4, 3, 3] },
    { name: 'weights summing to 1', weights: [0.4, 0.3, 0.3] },
    { name: 'weights summing to 137', weights: [54.8, 41.1, 41.1] },
  ])('$name give the same figures', ({ weights }) => {
    const dims = LOOP.map((d, i) => ({ ...d, weight: weights[i] }));
    const scorecards = [card('a', [4, 2, 3], 'yes', [], dims), card('b', [3, 3, 2], 'yes', [], dims), card('c', [4, 3, null], 'no', [], dims)];
    const report = buildReport({ dimensions: dims, scorecards });
    // score = 0.4·11/3 + 0.3·8/3 + 0.3·5/2 = 1.46667 + 0.8 + 0.75 = 3.01667
    expect(report.score).toBe(3.0167);
    expect(report.coverage).toBe(1);
    expect(report.dimensions.map((d) => d.weightShare)).toEqual([0.4, 0.3, 0.3]);
  });

  it('two weights of 1e308 (their sum overflows) count as equal weights: ratings 3 and 4 → score 3.5', () => {
    const report = (weight: number) => {
      const dims = [
        { id: 'a', name: 'A', weight },
        { id: 'b', name: 'B', weight },
      ];
      return buildReport({ dimensions: dims, scorecards: unanimous(3, [3, 4], 'yes', dims) });
    };
    const huge = report(1e308);
    const equal = report(1);
    expect(huge).toMatchObject({ score: 3.5, rawScore: 3.5, coverage: 1, recommendation: 'hire' });
    expect(huge.interval).toEqual(equal.interval);
    expect(huge.rawInterval).toEqual(equal.rawInterval);
    expect(huge.reasons).toEqual(equal.reasons);
    expect(huge.dimensions.map((d) => d.weightShare)).toEqual([0.5, 0.5]);
  });

  it('a rated dimension keeps its weight beside an unrated one 1e330 times heavier', () => {
    const dims = [
      { id: 'a', name: 'A', weight: 1e-22 },
      { id: 'b', name: 'B', weight: 1e308, required: false },
    ];
    const report = buildReport({ dimensions: dims, scorecards: unanimous(3, [3, null], 'yes', dims) });
    expect(report).toMatchObject({ score: 3, coverage: 0, recommendation: 'inconclusive' });
    expect(report.interval).not.toBeNull();
  });

  it('all weights 0 (legacy loop without weights): dimensions count equally', () => {
    const dims = LOOP.map((d) => ({ ...d, weight: 0 }));
    const report = buildReport({ dimensions: dims, scorecards: unanimous(3, [4, 3, 2], 'yes', dims) });
    expect(report.score).toBe(3);
    expect(report.coverage).toBe(1);
    expect(report.dimensions.map((d) => d.weightShare)).toEqual([0.3333, 0.3333, 0.3333]);
  });

  it('a zero-weight dimension (others weighted) is reported but affects neither score, coverage nor the floor', () => {
    const dims = [...LOOP, { id: 'notes', name: 'Notes quality', weight: 0 }];
    const report = buildReport({ dimensions: dims, scorecards: unanimous(3, [4, 3, 4, 1], 'yes', dims) });
    expect(report.dimensions[3]).toMatchObject({ raters: 3, adjustedMean: 1, weightShare: 0 });
    expect(report.score).toBe(3.7);
    expect(report.coverage).toBe(1);
    expect(report.recommendation).toBe('hire');
  });
});

describe('buildReport: minInterviewers counts interviewers who rated a weighted dimension', () => {
  const ABC = [
    { id: 'a', name: 'A', weight: 1 },
    { id: 'b', name: 'B', weight: 1 },
    { id: 'c', name: 'C', weight: 1 },
  ];
  const x = card('x', { a: 4, b: 4 }, 'yes', [], ABC);
  const y = card('y', { c: 4 }, 'yes', [], ABC);

  it.each([
    { name: 'a blank scorecard', z: card('z', [], 'yes', [], ABC) },
    { name: 'a scorecard rating only a dimension outside the loop', z: card('z', { zzz: 4 }, 'yes', [], ABC) },
  ])('$name is not a third interviewer: two raters stay inconclusive, as without it', ({ z }) => {
    const withZ = buildReport({ dimensions: ABC, scorecards: [x, y, z] });
    const withoutZ = buildReport({ dimensions: ABC, scorecards: [x, y] });
    expect(withoutZ.recommendation).toBe('inconclusive');
    expect(withZ.recommendation).toBe('inconclusive');
    expect(withZ.score).toBe(4);
    expect(withZ.reasons).toEqual([
      {
        code: 'insufficient_evidence',
        message: '3 interviewers submitted scorecards, but only 2 rated a weighted dimension of the loop; at least 3 are required.',
        figures: { interviewers: 2, minInterviewers: 3, interviewersWithScorecards: 3 },
      },
    ]);
    expect(withZ.interviewers.map((i) => [i.interviewerId, i.ratings])).toEqual([
      ['x', 2],
      ['y', 1],
      ['z', 0],
    ]);
  });

  it('a scorecard rating only a zero-weight dimension is not evidence either', () => {
    const dims = [...ABC, { id: 'notes', name: 'Notes', weight: 0 }];
    const z = card('z', { notes: 4 }, 'yes', [], dims);
    const report = buildReport({ dimensions: dims, scorecards: [x, y, z] });
    expect(report.recommendation).toBe('inconclusive');
    expect(report.reasons[0].figures).toEqual({ interviewers: 2, minInterviewers: 3, interviewersWithScorecards: 3 });
  });

  it.each([
    {
      name: 'one blank scorecard',
      scorecards: [card('z', [], 'yes', [], ABC)],
      message: '1 interviewer submitted a scorecard, but rated no weighted dimension of the loop; at least 3 are required.',
    },
    {
      name: 'two blank scorecards',
      scorecards: [card('z', [], 'yes', [], ABC), card('w', [], 'yes', [], ABC)],
      message: '2 interviewers submitted scorecards, but none rated a weighted dimension of the loop; at least 3 are required.',
    },
    {
      name: 'no scorecard',
      scorecards: [],
      message: 'No scorecards were submitted; at least 3 are required.',
    },
  ])('the reason tells how many submitted and how many rated: $name', ({ scorecards, message }) => {
    const report = buildReport({ dimensions: ABC, scorecards });
    expect(report.reasons[0].message).toBe(message);
    expect(report.reasons[0].figures).toMatchObject({ interviewers: 0 });
  });

  it('a blank scorecard beside three raters changes nothing: still hire', () => {
    const z = card('z', { c: 4 }, 'yes', [], ABC);
    const blank = card('w', [], 'yes', [], ABC);
    expect(buildReport({ dimensions: ABC, scorecards: [x, y, z, blank] })).toMatchObject({
      recommendation: 'hire',
      reasons: [{ code: 'meets_bar' }],
    });
  });
});

describe('buildReport: figures', () => {
  const input: ReportInput = {
    dimensions: LOOP,
    scorecards: [
      card('alice', [4, 4, 3], 'strong_yes'),
      card('bob', [2, 3, 3], 'no', ['  overclaimed ', 'overclaimed']),
      card('carol', [3, 4, null], 'yes', ['overclaimed', 'late']),
    ],
    offsets: { alice: 0.5, bob: { offset: -0.25, n: 12 } },
  };

  it('per-dimension raw and adjusted means, min, max, disagreement (hand-computed)', () => {
    // coding: raw (4+2+3)/3 = 3; adjusted ((4−0.5) + (2+0.25) + 3)/3 = 8.75/3 = 2.9167; 4 − 2 = 2 → disagreement
    // design: raw 11/3 = 3.6667; adjusted (3.5 + 3.25 + 4)/3 = 10.75/3 = 3.5833
    // comms:  raw 3; adjusted (2.5 + 3.25)/2 = 2.875 (carol did not rate it)
    expect(buildReport(input).dimensions).toEqual([
      {
        dimensionId: 'coding',
        name: 'Coding',
        weight: 40,
        weightShare: 0.4,
        required: true,
        raters: 3,
        ratings: 3,
        rawMean: 3,
        adjustedMean: 2.9167,
        min: 2,
        max: 4,
        disagreement: true,
      },
      {
        dimensionId: 'design',
        name: 'System design',
        weight: 30,
        weightShare: 0.3,
        required: true,
        raters: 3,
        ratings: 3,
        rawMean: 3.6667,
        adjustedMean: 3.5833,
        min: 3,
        max: 4,
        disagreement: false,
      },
      {
        dimensionId: 'comms',
        name: 'Communication',
        weight: 30,
        weightShare: 0.3,
        required: true,
        raters: 2,
        ratings: 2,
        rawMean: 3,
        adjustedMean: 2.875,
        min: 3,
        max: 3,
        disagreement: false,
      },
    ]);
  });

  it('score, raw score, coverage, red flags, interviewers, split panel (hand-computed)', () => {
    const report = buildReport(input);
    // score    = 0.4·8.75/3 + 0.3·10.75/3 + 0.3·2.875 = 1.16667 + 1.075 + 0.8625 = 3.10417
    // rawScore = 0.4·3      + 0.3·11/3     + 0.3·3     = 1.2     + 1.1   + 0.9    = 3.2
    expect(report.score).toBe(3.1042);
    expect(report.rawScore).toBe(3.2);
    expect(report.coverage).toBe(1);
    expect(report.splitPanel).toBe(true);
    expect(report.redFlags).toEqual([
      { flag: 'late', raisedBy: ['carol'] },
      { flag: 'overclaimed', raisedBy: ['bob', 'carol'] },
    ]);
    expect(report.interviewers).toEqual([
      {
        interviewerId: 'alice',
        offset: 0.5,
        n: null,
        offsetApplied: 0.5,
        ratings: 3,
        scorecards: 1,
        recommendation: 'strong_yes',
        recommendations: ['strong_yes'],
      },
      { interviewerId: 'bob', offset: -0.25, n: 12, offsetApplied: -0.25, ratings: 3, scorecards: 1, recommendation: 'no', recommendations: ['no'] },
      { interviewerId: 'carol', offset: 0, n: null, offsetApplied: 0, ratings: 2, scorecards: 1, recommendation: 'yes', recommendations: ['yes'] },
    ]);
    expect(report.reasons).toEqual([
      { code: 'red_flag', flag: 'late', interviewerIds: ['carol'], message: 'Red flag "late" was raised by carol.' },
      { code: 'red_flag', flag: 'overclaimed', interviewerIds: ['bob', 'carol'], message: 'Red flag "overclaimed" was raised by bob and carol.' },
      { code: 'split_panel', interviewerIds: ['alice', 'bob'], message: 'The panel is split: alice recommends strong_yes while bob recommends no.' },
    ]);
    expect(report.interval).toEqual({ level: 0.9, low: 2.7359, high: 3.4724 }); // regression value, see interval.spec.ts
  });

  it('adjustForLeniency = false: adjusted means equal raw means, offsets reported but not applied', () => {
    const report = buildReport({ ...input, policy: { adjustForLeniency: false } });
    expect(report.score).toBe(report.rawScore);
    expect(report.score).toBe(3.2);
    for (const d of report.dimensions) expect(d.adjustedMean).toBe(d.rawMean);
    expect(report.interviewers.map((i) => [i.offset, i.offsetApplied])).toEqual([
      [0.5, 0],
      [-0.25, 0],
      [0, 0],
    ]);
  });

  it.each([
    // Three lenient interviewers (+0.3 each) giving all 3s: adjusted 2.7 each; 2.7 + 0.0895 < 3: a clear no.
    { adjustForLeniency: true, score: 2.7, rawScore: 3, recommendation: 'no_hire' },
    { adjustForLeniency: false, score: 3, rawScore: 3, recommendation: 'hire' },
  ])(
    'leniency adjustment can change the outcome (adjustForLeniency = $adjustForLeniency)',
    ({ adjustForLeniency, score, rawScore, recommendation }) => {
      const report = buildReport(loopInput(unanimous(3, [3, 3, 3]), { offsets: { i1: 0.3, i2: 0.3, i3: 0.3 }, policy: { adjustForLeniency } }));
      expect({ score: report.score, rawScore: report.rawScore, recommendation: report.recommendation }).toEqual({ score, rawScore, recommendation });
    },
  );

  it('a harsh interviewer (negative offset) is adjusted upwards', () => {
    const report = buildReport(loopInput(unanimous(3, [3, 3, 3]), { offsets: { i1: -0.3 } }));
    expect(report.score).toBe(3.1);
  });

  it.each<{ policy: Partial<HirePolicy>; recommendation: string; codes: ReasonCode[] }>([
    { policy: {}, recommendation: 'hire', codes: ['meets_bar'] },
    { policy: { bar: 3.5 }, recommendation: 'no_hire', codes: ['below_bar'] },
    { policy: { bar: 3.5, margin: 1 }, recommendation: 'no_hire', codes: ['below_bar'] },
    { policy: { floor: 3.1 }, recommendation: 'no_hire', codes: ['below_floor', 'below_floor'] },
    { policy: { minInterviewers: 4 }, recommendation: 'inconclusive', codes: ['insufficient_evidence'] },
    { policy: { margin: 0 }, recommendation: 'hire', codes: ['meets_bar'] },
    { policy: { bar: 3.4, margin: 0 }, recommendation: 'inconclusive', codes: ['uncertain'] },
    { policy: { adjustForLeniency: false }, recommendation: 'hire', codes: ['meets_bar'] },
    { policy: { minCoverage: 1 }, recommendation: 'hire', codes: ['meets_bar'] },
  ])('policy override $policy → $recommendation', ({ policy, recommendation, codes }) => {
    // All 3s except coding 4: score 3.4, half-width 0.0895.
    const report = buildReport(loopInput(unanimous(3, [4, 3, 3]), { policy }));
    expect(report.policy).toEqual({ ...DEFAULT_HIRE_POLICY, ...policy });
    expect(report.recommendation).toBe(recommendation);
    expect(report.reasons.map((r) => r.code)).toEqual(codes);
  });

  it.each([
    {
      name: 'below the bar',
      input: loopInput([card('a', [3, 3, 3]), card('b', [3, 3, 3]), card('c', [3, 3, 2])], { policy: { margin: 1 } }),
      message: 'Weighted score 2.90 is below the bar of 3.00.',
    },
    {
      name: 'below the floor',
      input: loopInput([card('a', [4, 4, 1]), card('b', [4, 4, 2]), card('c', [4, 4, 2])]),
      message: 'Communication averages 1.67 after leniency adjustment across 3 interviewers, below the floor of 2.00.',
    },
    {
      name: 'too few scorecards',
      input: loopInput(unanimous(1, [4, 4, 4])),
      message: 'Only 1 interviewer submitted a scorecard; at least 3 are required.',
    },
    {
      name: 'coverage',
      input: loopInput(unanimous(3, [4, 4, null])),
      message: "Ratings cover 70% of the loop's weighted dimensions; at least 80% is required.",
    },
    {
      name: 'below the bar with figures that would print equal at 2 decimals',
      input: loopInput(unanimous(3, [3, 3, 3]), { offsets: { i1: 0.003 }, policy: { margin: 1 } }),
      message: 'Weighted score 2.999 is below the bar of 3.000.',
    },
    {
      name: 'clear no-hire',
      input: loopInput(unanimous(3, [2, 2, 2], 'no')),
      message: 'Even the top of the 90% range for the score (2.09) is below the bar of 3.00.',
    },
    {
      name: 'hire',
      input: loopInput(unanimous(3, [4, 3, 3])),
      message: 'Weighted score 3.40 meets the bar of 3.00, and the 90% range starts at 3.31, no more than 0.50 below the bar.',
    },
  ])('reason message: $name', ({ input, message }) => {
    expect(buildReport(input).reasons.map((r) => r.message)).toContain(message);
  });
});
