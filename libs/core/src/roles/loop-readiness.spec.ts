import { assessLoopReadiness, formatWeight, ReadinessInput, sumWeights, weightsSumToTarget } from './loop-readiness';

const dim = (id: string, weight: number) => ({ id, name: `Dim ${id}`, weight });
const round = (id: string, ...focus: string[]) => ({ id, name: `Round ${id}`, focusDimensionIds: focus });

/** A loop that opens without warnings: two dimensions, each in two rounds. */
const ready: ReadinessInput = {
  hiringManagerId: 'hm',
  dimensions: [dim('a', 60), dim('b', 40)],
  rounds: [round('r1', 'a', 'b'), round('r2', 'a', 'b')],
};

describe('assessLoopReadiness', () => {
  const cases: {
    name: string;
    input: ReadinessInput;
    canOpen: boolean;
    errors: [field: string, code: string][];
    warnings?: [field: string, code: string][];
    weightSum?: number;
  }[] = [
    { name: 'ready loop', input: ready, canOpen: true, errors: [], warnings: [], weightSum: 100 },
    {
      name: 'weights within ±0.01 of 100',
      input: {
        ...ready,
        dimensions: [dim('a', 33.333), dim('b', 33.333), dim('c', 33.333)],
        rounds: [round('r1', 'a', 'b', 'c'), round('r2', 'a', 'b', 'c')],
      },
      canOpen: true,
      errors: [],
      weightSum: 99.999,
    },
    {
      name: 'weights 0.02 short of 100',
      input: { ...ready, dimensions: [dim('a', 59.98), dim('b', 40)] },
      canOpen: false,
      errors: [['weightSum', 'weights_must_sum_to_100']],
      weightSum: 99.98,
    },
    {
      name: 'weights over 100',
      input: { ...ready, dimensions: [dim('a', 70), dim('b', 40)] },
      canOpen: false,
      errors: [['weightSum', 'weights_must_sum_to_100']],
      weightSum: 110,
    },
    {
      name: 'no hiring manager',
      input: { ...ready, hiringManagerId: null },
      canOpen: false,
      errors: [['hiringManagerId', 'hiring_manager_missing']],
    },
    {
      name: 'hiring manager no longer eligible',
      input: { ...ready, hiringManagerEligible: false },
      canOpen: false,
      errors: [['hiringManagerId', 'hiring_manager_ineligible']],
    },
    {
      name: 'no dimensions and no rounds (a fresh role)',
      input: { hiringManagerId: null, dimensions: [], rounds: [] },
      canOpen: false,
      errors: [
        ['hiringManagerId', 'hiring_manager_missing'],
        ['dimensions', 'no_dimensions'],
        ['rounds', 'no_rounds'],
      ],
      weightSum: 0,
    },
    {
      name: 'dimensions but no rounds: every dimension uncovered',
      input: { ...ready, rounds: [] },
      canOpen: false,
      errors: [
        ['rounds', 'no_rounds'],
        ['dimensions.a', 'dimension_not_covered'],
        ['dimensions.b', 'dimension_not_covered'],
      ],
    },
    {
      name: 'one dimension not focused by any round',
      input: { ...ready, rounds: [round('r1', 'a'), round('r2', 'a')] },
      canOpen: false,
      errors: [['dimensions.b', 'dimension_not_covered']],
    },
    {
      name: 'a round without focus',
      input: { ...ready, rounds: [...ready.rounds, round('r3')] },
      canOpen: false,
      errors: [['rounds.r3.focusDimensionIds', 'round_without_focus']],
    },
    {
      name: 'a round whose focus ids are all stale counts as without focus',
      input: { ...ready, rounds: [...ready.rounds, round('r3', 'gone')] },
      canOpen: false,
      errors: [['rounds.r3.focusDimensionIds', 'round_without_focus']],
    },
    {
      name: 'a dimension in only one round is a warning, not an error',
      input: { ...ready, rounds: [round('r1', 'a', 'b'), round('r2', 'a')] },
      canOpen: true,
      errors: [],
      warnings: [['dimensions.b', 'dimension_in_one_round']],
    },
    {
      name: 'a dimension listed twice in the same round still counts as one round',
      input: { ...ready, rounds: [round('r1', 'a', 'b', 'b'), round('r2', 'a')] },
      canOpen: true,
      errors: [],
      warnings: [['dimensions.b', 'dimension_in_one_round']],
    },
    {
      name: 'several problems at once, in a stable order',
      input: { hiringManagerId: null, dimensions: [dim('a', 50), dim('b', 20)], rounds: [round('r1', 'a'), round('r2')] },
      canOpen: false,
      errors: [
        ['hiringManagerId', 'hiring_manager_missing'],
        ['weightSum', 'weights_must_sum_to_100'],
        ['dimensions.b', 'dimension_not_covered'],
        ['rounds.r2.focusDimensionIds', 'round_without_focus'],
      ],
      warnings: [['dimensions.a', 'dimension_in_one_round']],
      weightSum: 70,
    },
  ];

  it.each(cases)('$name', ({ input, canOpen, errors, warnings, weightSum }) => {
    const result = assessLoopReadiness(input);
    expect(result.canOpen).toBe(canOpen);
    expect(result.errors.map((e) => [e.field, e.code])).toEqual(errors);
    if (warnings) expect(result.warnings.map((e) => [e.field, e.code])).toEqual(warnings);
    if (weightSum !== undefined) expect(result.weightSum).toBe(weightSum);
  });

  it('states the current sum in the weight message', () => {
    const result = assessLoopReadiness({ ...ready, dimensions: [dim('a', 45.5), dim('b', 40)] });
    expect(result.errors[0].message).toBe('Dimension weights must sum to 100 (±0.01); they currently sum to 85.5.');
  });

  it('names the dimension and the round at fault', () => {
    const result = assessLoopReadiness({
      hiringManagerId: 'hm',
      dimensions: [{ id: 'x', name: 'Data skills', weight: 100 }],
      rounds: [{ id: 'r', name: 'Coding', focusDimensionIds: [] }],
    });
    expect(result.errors.map((e) => e.message)).toEqual([
      'Dimension "Data skills" is not the focus of any round; make it a focus of at least one round (tick it in the coverage grid).',
      'Round "Coding" has no focus dimension; give it at least one.',
    ]);
  });

  it('names the only round in the single-round warning', () => {
    const result = assessLoopReadiness({
      hiringManagerId: 'hm',
      dimensions: [{ id: 'x', name: 'Data skills', weight: 100 }],
      rounds: [round('r', 'x')],
    });
    expect(result.warnings[0].message).toContain('"Data skills" is assessed only in round "Round r"');
  });
});

describe('weights', () => {
  it.each([
    [[10, 20, 70], 100],
    [[0.1, 0.2], 0.3],
    [[33.333, 33.333, 33.334], 100],
    [[15, 20, 15, 20, 10, 10, 10], 100],
  ])('sumWeights(%j) = %d without floating-point noise', (weights, sum) => {
    expect(sumWeights(weights)).toBe(sum);
  });

  it.each([
    [100, true],
    [100.01, true],
    [99.99, true],
    [100.011, false],
    [99.989, false],
    [0, false],
  ])('weightsSumToTarget(%d) = %s', (sum, ok) => {
    expect(weightsSumToTarget(sum)).toBe(ok);
  });

  it.each([
    [85, '85'],
    [33.333, '33.333'],
    [99.99, '99.99'],
    [0.1 + 0.2, '0.3'],
  ])('formatWeight(%d) = %s', (value, text) => {
    expect(formatWeight(value)).toBe(text);
  });
});
