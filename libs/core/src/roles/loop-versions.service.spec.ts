import { buildLoopSnapshot, canonicalJson, snapshotsEqual } from './loop-versions.service';
import type { LoopSnapshot } from './loop-snapshot';

const rubric = { '1': 'strong no', '2': 'no', '3': 'meets the bar', '4': 'exceeds' };
const dimension = (id: string, position: number, weight = 50) => ({
  id,
  name: `Dimension ${id}`,
  description: '',
  weight,
  rubric,
  strongSignals: ['s'],
  weakSignals: [],
  redFlags: ['r'],
  position,
});
const round = (id: string, position: number, focusDimensionIds: string[], questionIds: string[] = []) => ({
  id,
  name: `Round ${id}`,
  kind: 'technical' as const,
  durationMinutes: 60,
  position,
  focusDimensionIds,
  questionIds,
});
const question = (id: string) => ({ id, prompt: `Prompt ${id}`, pointsOfAssessment: ['p'], pitfalls: ['x'], followUps: ['f'], tags: ['t'] });

describe('buildLoopSnapshot', () => {
  const cases: { name: string; build: () => LoopSnapshot; expect: (s: LoopSnapshot) => void }[] = [
    {
      name: 'empty loop',
      build: () => buildLoopSnapshot([], [], []),
      expect: (s) => expect(s).toEqual({ ratingScale: 'four_point', dimensions: [], rounds: [] }),
    },
    {
      name: 'orders dimensions and rounds by position, not by row order',
      build: () => buildLoopSnapshot([dimension('b', 2), dimension('a', 1)], [round('r2', 2, ['a']), round('r1', 1, ['b'])], []),
      expect: (s) => {
        expect(s.dimensions.map((d) => d.id)).toEqual(['a', 'b']);
        expect(s.rounds.map((r) => r.id)).toEqual(['r1', 'r2']);
      },
    },
    {
      name: 'maps signal columns to { strong, weak, redFlags } and keeps the 4 rubric levels',
      build: () => buildLoopSnapshot([dimension('a', 1)], [], []),
      expect: (s) =>
        expect(s.dimensions[0]).toEqual({
          id: 'a',
          name: 'Dimension a',
          description: '',
          weight: 50,
          rubric,
          required: true,
          signals: { strong: ['s'], weak: [], redFlags: ['r'] },
          position: 1,
        }),
    },
    {
      name: "states the role's scale, keeps only its levels' anchors and the required flag",
      build: () =>
        buildLoopSnapshot(
          [{ ...dimension('a', 1), rubric: { ...rubric, '5': 'far above' }, required: false }, dimension('b', 2)],
          [],
          [],
          'three_level',
        ),
      expect: (s) => {
        expect(s.ratingScale).toBe('three_level');
        expect(s.dimensions[0].rubric).toEqual({ '1': rubric['1'], '2': rubric['2'], '3': rubric['3'] });
        expect(s.dimensions.map((d) => d.required)).toEqual([false, true]);
        expect(
          buildLoopSnapshot([{ ...dimension('a', 1), rubric: { ...rubric, '5': 'far above' } }], [], [], 'five_point').dimensions[0].rubric,
        ).toEqual({ ...rubric, '5': 'far above' });
      },
    },
    {
      name: "embeds questions in the round's order and drops ids of questions that no longer exist",
      build: () => buildLoopSnapshot([dimension('a', 1)], [round('r', 1, ['a'], ['q2', 'gone', 'q1'])], [question('q1'), question('q2')]),
      expect: (s) => {
        expect(s.rounds[0].questions.map((q) => q.id)).toEqual(['q2', 'q1']);
        expect(s.rounds[0].questions[1]).toEqual(question('q1'));
      },
    },
    {
      name: 'drops focus ids that are not dimensions of the role, and duplicates',
      build: () => buildLoopSnapshot([dimension('a', 1)], [round('r', 1, ['a', 'zzz', 'a'])], []),
      expect: (s) => expect(s.rounds[0].focusDimensionIds).toEqual(['a']),
    },
    {
      name: 'turns numeric weights read as strings into numbers',
      build: () => buildLoopSnapshot([{ ...dimension('a', 1), weight: '12.500' as unknown as number }], [], []),
      expect: (s) => expect(s.dimensions[0].weight).toBe(12.5),
    },
  ];

  it.each(cases)('$name', ({ build, expect: check }) => check(build()));
});

describe('snapshotsEqual', () => {
  const base = buildLoopSnapshot([dimension('a', 1, 60), dimension('b', 2, 40)], [round('r', 1, ['a', 'b'], ['q'])], [question('q')]);
  const clone = (): LoopSnapshot => JSON.parse(JSON.stringify(base));

  it.each<[string, (s: LoopSnapshot) => void, boolean]>([
    ['identical copy', () => undefined, true],
    [
      'same content with keys in another order (as jsonb returns them)',
      (s) => (s.dimensions[0] = Object.fromEntries(Object.entries(s.dimensions[0]).reverse()) as never),
      true,
    ],
    ['a weight changed', (s) => (s.dimensions[0].weight = 55), false],
    ['a rubric anchor changed', (s) => (s.dimensions[1].rubric['3'] = 'changed'), false],
    ['a signal added', (s) => s.dimensions[0].signals.weak.push('new'), false],
    ['a round renamed', (s) => (s.rounds[0].name = 'Renamed'), false],
    ['focus order changed', (s) => s.rounds[0].focusDimensionIds.reverse(), false],
    ['an embedded question edited', (s) => (s.rounds[0].questions[0].prompt = 'Edited'), false],
    ['a dimension removed', (s) => s.dimensions.pop(), false],
  ])('%s → equal: %s', (_name, mutate, equal) => {
    const other = clone();
    mutate(other);
    expect(snapshotsEqual(base, other)).toBe(equal);
  });

  it('treats null and a missing snapshot alike, and differently from an empty loop', () => {
    expect(snapshotsEqual(null, undefined)).toBe(true);
    expect(snapshotsEqual(null, { dimensions: [], rounds: [] })).toBe(false);
  });
});

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: [2, { d: 1, c: 2 }] }, '{"a":[2,{"c":2,"d":1}],"b":1}'],
    [{ a: undefined, b: null }, '{"b":null}'],
    ['x', '"x"'],
  ])('%j → %s', (value, json) => expect(canonicalJson(value)).toBe(json));
});
