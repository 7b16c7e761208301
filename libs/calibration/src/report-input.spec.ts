import {
  ALGORITHM_VERSION,
  buildReport,
  CalibrationInputError,
  canonicalJson,
  computeInputsHash,
  isReportCurrent,
  resolvePolicy,
  DEFAULT_HIRE_POLICY,
  type ReportInput,
} from '@hireloop/calibration';

import { canonicalInputStructure, canonicalInputText } from './report';
import { card, LOOP, loopInput, shuffled } from './spec-helpers';

const base: ReportInput = {
  dimensions: LOOP,
  scorecards: [
    card('alice', [4, 3, 3], 'yes', ['late', 'rude']),
    card('bob', [3, 3, 4], 'strong_yes'),
    card('carol', [4, 4, null], 'no'),
    card('dave', [2, 3, 3], 'yes'),
  ],
  offsets: { alice: 0.2, bob: { offset: -0.1, n: 30 }, zed: 1 },
  policy: { bar: 3.1 },
};

describe('buildReport: input validation', () => {
  // The cases write wrong types anywhere in the input on purpose: it is JSON to them, not a ReportInput.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const bad = (mutate: (input: any) => void): ReportInput => {
    const input = JSON.parse(JSON.stringify(base));
    mutate(input);
    return input;
  };

  it.each([
    { name: 'rating 0', input: bad((i) => (i.scorecards[1].ratings[0].rating = 0)), code: 'invalid_rating', path: 'scorecards[1].ratings[0].rating' },
    { name: 'rating 5', input: bad((i) => (i.scorecards[0].ratings[2].rating = 5)), code: 'invalid_rating', path: 'scorecards[0].ratings[2].rating' },
    {
      name: 'rating 2.5',
      input: bad((i) => (i.scorecards[0].ratings[0].rating = 2.5)),
      code: 'invalid_rating',
      path: 'scorecards[0].ratings[0].rating',
    },
    {
      name: 'rating "3"',
      input: bad((i) => (i.scorecards[0].ratings[0].rating = '3')),
      code: 'invalid_rating',
      path: 'scorecards[0].ratings[0].rating',
    },
    {
      name: 'rating null',
      input: bad((i) => (i.scorecards[0].ratings[0].rating = null)),
      code: 'invalid_rating',
      path: 'scorecards[0].ratings[0].rating',
    },
    {
      name: 'unknown recommendation',
      input: bad((i) => (i.scorecards[2].recommendation = 'maybe')),
      code: 'invalid_recommendation',
      path: 'scorecards[2].recommendation',
    },
    {
      name: 'duplicate scorecard',
      input: bad((i) => (i.scorecards[3].interviewerId = 'alice')),
      code: 'duplicate_scorecard',
      path: 'scorecards[3].interviewerId',
    },
    {
      name: 'dimension rated twice',
      input: bad((i) => (i.scorecards[0].ratings[1].dimensionId = 'coding')),
      code: 'duplicate_rating',
      path: 'scorecards[0].ratings[1].dimensionId',
    },
    {
      name: 'unknown dimension rated twice',
      input: bad((i) => i.scorecards[0].ratings.push({ dimensionId: 'x', rating: 2 }, { dimensionId: 'x', rating: 3 })),
      code: 'duplicate_rating',
      path: 'scorecards[0].ratings[4].dimensionId',
    },
    {
      name: 'empty interviewer id',
      input: bad((i) => (i.scorecards[0].interviewerId = '')),
      code: 'invalid_id',
      path: 'scorecards[0].interviewerId',
    },
    { name: 'duplicate dimension', input: bad((i) => (i.dimensions[2].id = 'coding')), code: 'duplicate_dimension', path: 'dimensions[2].id' },
    { name: 'negative weight', input: bad((i) => (i.dimensions[1].weight = -1)), code: 'invalid_weight', path: 'dimensions[1].weight' },
    { name: 'NaN weight', input: bad((i) => (i.dimensions[1].weight = NaN)), code: 'invalid_weight', path: 'dimensions[1].weight' },
    { name: 'no dimensions', input: bad((i) => (i.dimensions = [])), code: 'no_dimensions', path: 'dimensions' },
    {
      name: 'red flag not a string',
      input: bad((i) => (i.scorecards[0].redFlags = [42])),
      code: 'invalid_red_flag',
      path: 'scorecards[0].redFlags[0]',
    },
    { name: 'offset out of range', input: bad((i) => (i.offsets.alice = 3.5)), code: 'invalid_offset', path: 'offsets["alice"]' },
    { name: 'offset record without n', input: bad((i) => (i.offsets.alice = { offset: 0.1 })), code: 'invalid_offset', path: 'offsets["alice"].n' },
    { name: 'policy bar not a number', input: bad((i) => (i.policy.bar = '3')), code: 'invalid_policy', path: 'policy.bar' },
    { name: 'policy minCoverage > 1', input: bad((i) => (i.policy.minCoverage = 80)), code: 'invalid_policy', path: 'policy.minCoverage' },
    { name: 'policy minInterviewers 0', input: bad((i) => (i.policy.minInterviewers = 0)), code: 'invalid_policy', path: 'policy.minInterviewers' },
    { name: 'policy margin negative', input: bad((i) => (i.policy.margin = -0.1)), code: 'invalid_policy', path: 'policy.margin' },
    {
      name: 'policy adjustForLeniency "yes"',
      input: bad((i) => (i.policy.adjustForLeniency = 'yes')),
      code: 'invalid_policy',
      path: 'policy.adjustForLeniency',
    },
    {
      name: 'policy everyDimensionMeets 1',
      input: bad((i) => (i.policy.everyDimensionMeets = 1)),
      code: 'invalid_policy',
      path: 'policy.everyDimensionMeets',
    },
    { name: 'policy bar above the scale (4.5 on 1–4)', input: bad((i) => (i.policy.bar = 4.5)), code: 'invalid_policy', path: 'policy.bar' },
    { name: 'policy floor below the scale', input: bad((i) => (i.policy.floor = 0.5)), code: 'invalid_policy', path: 'policy.floor' },
    {
      name: 'three_level: bar 3.1 is above the scale (1–3)',
      input: bad((i) => ((i.scale = 'three_level'), (i.scorecards = []))),
      code: 'invalid_policy',
      path: 'policy.bar',
    },
    {
      name: 'three_level: rating 4',
      input: bad((i) => ((i.scale = 'three_level'), (i.policy = {}))),
      code: 'invalid_rating',
      path: 'scorecards[0].ratings[0].rating',
    },
    {
      name: 'five_point: rating 6',
      input: bad((i) => ((i.scale = 'five_point'), (i.scorecards[2].ratings[0].rating = 6))),
      code: 'invalid_rating',
      path: 'scorecards[2].ratings[0].rating',
    },
    { name: 'unknown scale', input: bad((i) => (i.scale = 'ten_point')), code: 'invalid_scale', path: 'scale' },
    { name: 'required not a boolean', input: bad((i) => (i.dimensions[0].required = 'yes')), code: 'invalid_input', path: 'dimensions[0].required' },
    {
      name: 'the same scorecardId twice for one interviewer',
      input: bad((i) => ((i.scorecards[0].scorecardId = 's'), i.scorecards.push({ ...i.scorecards[0] }))),
      code: 'duplicate_scorecard',
      path: 'scorecards[4].scorecardId',
    },
    { name: 'empty scorecardId', input: bad((i) => (i.scorecards[0].scorecardId = '')), code: 'invalid_id', path: 'scorecards[0].scorecardId' },
  ])('$name → CalibrationInputError $code at $path', ({ input, code, path }) => {
    const run = () => buildReport(input);
    expect(run).toThrow(CalibrationInputError);
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ name: 'CalibrationInputError', code, path });
      expect(error.message.startsWith(`${path}: `)).toBe(true);
    }
    expect(() => computeInputsHash(input)).toThrow(CalibrationInputError);
  });

  it('an offset for an interviewer not on the panel is neither validated nor used', () => {
    const report = buildReport({ ...base, offsets: { ...base.offsets, zed: 99 } });
    expect(report.interviewers.map((i) => i.interviewerId)).toEqual(['alice', 'bob', 'carol', 'dave']);
  });

  it('ratings for dimensions outside the loop are ignored and listed', () => {
    const input = bad((i) => {
      i.scorecards[1].ratings.push({ dimensionId: 'removed-dimension', rating: 1 });
      i.scorecards[0].ratings.unshift({ dimensionId: 'another', rating: 4 }, { dimensionId: 'also-gone', rating: 2 });
    });
    const report = buildReport(input);
    expect(report.ignoredRatings).toEqual([
      { interviewerId: 'alice', dimensionId: 'also-gone', rating: 2 },
      { interviewerId: 'alice', dimensionId: 'another', rating: 4 },
      { interviewerId: 'bob', dimensionId: 'removed-dimension', rating: 1 },
    ]);
    const { inputsHash, ignoredRatings: _ignored, ...figures } = report;
    const { inputsHash: _h, ignoredRatings: none, ...plain } = buildReport(base);
    expect(none).toEqual([]);
    expect(figures).toEqual(plain);
    expect(inputsHash).not.toBe(_h); // the ratings are part of the input, hence of the hash
    expect(report.interviewers.find((i) => i.interviewerId === 'alice')?.ratings).toBe(3);
  });

  it('blank and repeated red flags are trimmed away; a missing redFlags list means none', () => {
    const report = buildReport(
      loopInput([
        card('a', [4, 4, 4], 'yes', ['  ', 'late ', 'late']),
        { interviewerId: 'b', ratings: card('b', [4, 4, 4]).ratings, recommendation: 'yes' } as never,
        card('c', [4, 4, 4]),
      ]),
    );
    expect(report.redFlags).toEqual([{ flag: 'late', raisedBy: ['a'] }]);
  });

  it('resolvePolicy fills defaults and ignores unknown keys', () => {
    expect(resolvePolicy(undefined)).toEqual(DEFAULT_HIRE_POLICY);
    expect(resolvePolicy({ bar: 3.5, unknown: 1 } as never)).toEqual({ ...DEFAULT_HIRE_POLICY, bar: 3.5 });
    expect(resolvePolicy({ bar: undefined, floor: null } as never)).toEqual(DEFAULT_HIRE_POLICY);
  });

  it.each([
    { scale: 'four_point' as const, expected: { bar: 3, floor: 2, margin: 0.5 } },
    { scale: 'five_point' as const, expected: { bar: 3, floor: 2, margin: 0.6667 } }, // 0.5 × 4/3
    { scale: 'three_level' as const, expected: { bar: 2, floor: 1.5, margin: 0.3333 } }, // 0.5 × 2/3
  ])('resolvePolicy states the defaults on the $scale scale', ({ scale, expected }) => {
    expect(resolvePolicy(undefined, scale)).toEqual({ ...DEFAULT_HIRE_POLICY, ...expected });
    expect(resolvePolicy({ bar: 2.5 }, scale)).toEqual({ ...DEFAULT_HIRE_POLICY, ...expected, bar: 2.5 });
  });
});

describe('buildReport: determinism and inputsHash', () => {
  const permuted = (seed: number): ReportInput => ({
    dimensions: shuffled(base.dimensions, seed),
    scorecards: shuffled(base.scorecards, seed + 1).map((c, i) => ({
      ...c,
      ratings: shuffled(c.ratings, seed + 10 + i),
      redFlags: shuffled(c.redFlags, seed + 20 + i),
    })),
    offsets: Object.fromEntries(shuffled(Object.entries(base.offsets!), seed + 2)),
    policy: base.policy,
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('permutation #%i of every array gives the same hash and figures', (seed) => {
    const expected = buildReport(base);
    const report = buildReport(permuted(seed));
    expect(report.inputsHash).toBe(expected.inputsHash);
    // Only dimensions[] follows the input (loop) order; every figure is identical.
    const byId = (r: typeof report) => [...r.dimensions].sort((a, b) => (a.dimensionId < b.dimensionId ? -1 : 1));
    expect(byId(report)).toEqual(byId(expected));
    expect({ ...report, dimensions: [] }).toEqual({ ...expected, dimensions: [] });
  });

  it('dimensions[] follows the order of input.dimensions', () => {
    const reversed = { ...base, dimensions: [...LOOP].reverse() };
    expect(buildReport(reversed).dimensions.map((d) => d.dimensionId)).toEqual(['comms', 'design', 'coding']);
  });

  it('the same input gives an identical report every time', () => {
    expect(buildReport(base)).toEqual(buildReport(JSON.parse(JSON.stringify(base))));
  });

  it('is a 64-character sha256 hex digest, with a pinned value (changing it means bumping ALGORITHM_VERSION)', () => {
    expect(computeInputsHash(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalInputText(base)).toBe(
      '{"dimensions":[["coding","Coding",40,true],["comms","Communication",30,true],["design","System design",30,true]],"format":2,' +
        '"offsets":[["alice",0.2,null],["bob",-0.1,30],["carol",0,null],["dave",0,null]],' +
        '"policy":{"adjustForLeniency":true,"bar":3.1,"everyDimensionMeets":false,"floor":2,"margin":0.5,"minCoverage":0.8,"minInterviewers":3},' +
        '"scale":"four_point","scorecards":[["alice",null,"yes",[4,3,3],[],["late","rude"]],["bob",null,"strong_yes",[3,4,3],[],[]],' +
        '["carol",null,"no",[4,null,4],[],[]],["dave",null,"yes",[2,3,3],[],[]]]}',
    );
    expect(ALGORITHM_VERSION).toBe('hireloop-calibration/2.2.0');
  });

  it('the fast canonical writer agrees with the generic canonicalJson', () => {
    for (const input of [base, permuted(3), loopInput([]), { ...base, scorecards: [card('q"uote\\', [1, null, 4], 'no', ['é', '\u0001'])] }]) {
      expect(canonicalInputText(input)).toBe(canonicalJson(canonicalInputStructure(input)));
    }
  });

  it.each([
    {
      name: 'a rating',
      change: (i: ReportInput) => ({ ...i, scorecards: [card('alice', [4, 3, 2], 'yes', ['late', 'rude']), ...i.scorecards.slice(1)] }),
    },
    {
      name: 'a recommendation',
      change: (i: ReportInput) => ({ ...i, scorecards: [{ ...i.scorecards[0], recommendation: 'no' as const }, ...i.scorecards.slice(1)] }),
    },
    {
      name: 'a red flag',
      change: (i: ReportInput) => ({ ...i, scorecards: [{ ...i.scorecards[0], redFlags: ['late'] }, ...i.scorecards.slice(1)] }),
    },
    { name: 'a weight', change: (i: ReportInput) => ({ ...i, dimensions: [{ ...LOOP[0], weight: 41 }, LOOP[1], LOOP[2]] }) },
    { name: 'a dimension name', change: (i: ReportInput) => ({ ...i, dimensions: [{ ...LOOP[0], name: 'Code' }, LOOP[1], LOOP[2]] }) },
    { name: 'an offset', change: (i: ReportInput) => ({ ...i, offsets: { ...i.offsets, alice: 0.21 } }) },
    { name: "an offset's n", change: (i: ReportInput) => ({ ...i, offsets: { ...i.offsets, bob: { offset: -0.1, n: 31 } } }) },
    { name: 'the policy', change: (i: ReportInput) => ({ ...i, policy: { bar: 3.2 } }) },
    { name: 'everyDimensionMeets', change: (i: ReportInput) => ({ ...i, policy: { ...i.policy, everyDimensionMeets: true } }) },
    { name: 'the scale', change: (i: ReportInput) => ({ ...i, scale: 'five_point' as const }) },
    { name: 'a required flag', change: (i: ReportInput) => ({ ...i, dimensions: [{ ...LOOP[0], required: false }, LOOP[1], LOOP[2]] }) },
    {
      name: 'a scorecardId',
      change: (i: ReportInput) => ({ ...i, scorecards: [{ ...i.scorecards[0], scorecardId: 's1' }, ...i.scorecards.slice(1)] }),
    },
    {
      name: 'a second scorecard of one interviewer',
      change: (i: ReportInput) => ({ ...i, scorecards: [...i.scorecards, { ...i.scorecards[0], scorecardId: 's2' }] }),
    },
  ])('changing $name changes the hash', ({ change }) => {
    expect(computeInputsHash(change(base))).not.toBe(computeInputsHash(base));
  });

  it.each([
    { name: 'an explicit default policy', change: (i: ReportInput) => ({ ...i, policy: { ...DEFAULT_HIRE_POLICY, bar: 3.1 } }) },
    { name: 'offsets of people not on the panel', change: (i: ReportInput) => ({ ...i, offsets: { ...i.offsets, someoneElse: 0.7 } }) },
    { name: 'an explicit four_point scale', change: (i: ReportInput) => ({ ...i, scale: 'four_point' as const }) },
    { name: 'an explicit required: true', change: (i: ReportInput) => ({ ...i, dimensions: [{ ...LOOP[0], required: true }, LOOP[1], LOOP[2]] }) },
    { name: 'an explicit zero offset', change: (i: ReportInput) => ({ ...i, offsets: { ...i.offsets, carol: 0 } }) },
    {
      name: 'padding and repeats in red flags',
      change: (i: ReportInput) => ({ ...i, scorecards: [{ ...i.scorecards[0], redFlags: [' rude', 'late', 'late '] }, ...i.scorecards.slice(1)] }),
    },
  ])('$name does not change the hash', ({ change }) => {
    expect(computeInputsHash(change(base))).toBe(computeInputsHash(base));
  });

  it('isReportCurrent checks a stored report against a recomputation', () => {
    const stored = JSON.parse(JSON.stringify(buildReport(base)));
    expect(isReportCurrent(stored, permuted(5))).toBe(true);
    expect(isReportCurrent(stored, { ...base, policy: { bar: 3 } })).toBe(false);
    expect(isReportCurrent({ ...stored, algorithmVersion: 'hireloop-calibration/0.9.0' }, base)).toBe(false);
  });
});
