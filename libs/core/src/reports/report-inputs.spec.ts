import type { LoopSnapshot } from '../roles/loop-snapshot';
import { buildPanelReportInput, ReportLoopVersion, SubmittedScorecard } from './report-inputs';

function version(
  id: string,
  number: number,
  dims: [string, number][],
  extra: Partial<LoopSnapshot> & { optional?: string[] } = {},
): ReportLoopVersion {
  const { optional = [], ...rest } = extra;
  const snapshot: LoopSnapshot = {
    ...rest,
    dimensions: dims.map(([dimId, weight], position) => ({
      id: dimId,
      name: dimId.toUpperCase(),
      description: '',
      weight,
      rubric: { '1': '', '2': '', '3': '', '4': '' },
      ...(optional.includes(dimId) ? { required: false } : {}),
      signals: { strong: [], weak: [], redFlags: [] },
      position,
    })),
    rounds: [],
  };
  return { id, number, snapshot };
}

function card(
  id: string,
  interviewerId: string,
  loopVersionId: string,
  ratings: [string, number | null][],
  extra: Partial<SubmittedScorecard> = {},
): SubmittedScorecard {
  return {
    id,
    interviewerId,
    revision: 1,
    loopVersionId,
    recommendation: 'yes',
    redFlags: [],
    submittedAt: '2030-01-01T10:00:00Z',
    ratings: ratings.map(([dimensionId, rating]) => ({
      dimensionId,
      rating: rating as never,
      evidence: 'e',
      notAssessed: rating === null,
      notAssessedReason: null,
    })),
    ...extra,
  };
}

describe('buildPanelReportInput', () => {
  const v1 = version('lv1', 1, [
    ['d1', 50],
    ['d2', 50],
  ]);
  const v2 = version('lv2', 2, [
    ['d2', 60],
    ['d3', 40],
  ]);

  it('takes dimensions and weights from the loop version, drops not-assessed entries, fills missing offsets with 0', () => {
    const input = buildPanelReportInput(
      [
        card('s1', 'i1', 'lv1', [
          ['d1', 3],
          ['d2', null],
        ]),
      ],
      [v1],
      { other: { offset: 0.5, n: 9 } },
      {},
    );
    expect(input).toEqual({
      // A snapshot from before rating scales is on the 4-point scale, its dimensions required.
      scale: 'four_point',
      dimensions: [
        { id: 'd1', name: 'D1', weight: 50, required: true },
        { id: 'd2', name: 'D2', weight: 50, required: true },
      ],
      scorecards: [{ interviewerId: 'i1', scorecardId: 's1', ratings: [{ dimensionId: 'd1', rating: 3 }], recommendation: 'yes', redFlags: [] }],
      offsets: { i1: { offset: 0, n: 0 } },
    });
  });

  it('uses the newest loop version when scorecards span several, matching ratings by dimension id', () => {
    const input = buildPanelReportInput(
      [
        card('s1', 'i1', 'lv1', [
          ['d1', 4],
          ['d2', 2],
        ]),
        card('s2', 'i2', 'lv2', [
          ['d2', 3],
          ['d3', 1],
        ]),
      ],
      [v1, v2],
      { i1: { offset: -0.25, n: 12 } },
      null,
    );
    expect(input.dimensions.map((d) => [d.id, d.weight])).toEqual([
      ['d2', 60],
      ['d3', 40],
    ]);
    // d1 no longer exists in version 2: the old scorecard keeps only its d2 rating.
    expect(input.scorecards[0].ratings).toEqual([{ dimensionId: 'd2', rating: 2 }]);
    expect(input.scorecards[1].ratings).toEqual([
      { dimensionId: 'd2', rating: 3 },
      { dimensionId: 'd3', rating: 1 },
    ]);
    expect(input.offsets).toEqual({ i1: { offset: -0.25, n: 12 }, i2: { offset: 0, n: 0 } });
  });

  it('is deterministic: the same state in any order gives the same input', () => {
    const a = card(
      's1',
      'i2',
      'lv1',
      [
        ['d2', 2],
        ['d1', 4],
      ],
      { redFlags: ['z', 'a'] },
    );
    const b = card('s2', 'i1', 'lv1', [
      ['d1', 1],
      ['d2', 3],
    ]);
    const one = buildPanelReportInput([a, b], [v1], {}, { bar: 3, floor: undefined });
    const two = buildPanelReportInput([b, a], [v1], {}, { bar: 3 });
    expect(JSON.stringify(one)).toBe(JSON.stringify(two));
    expect(one.scorecards.map((s) => s.interviewerId)).toEqual(['i1', 'i2']);
    expect(one.scorecards[1].ratings.map((r) => r.dimensionId)).toEqual(['d1', 'd2']);
    expect(one.scorecards[1].redFlags).toEqual(['a', 'z']);
    expect(one.policy).toEqual({ bar: 3 });
  });

  it('clamps offsets to the range the engine accepts', () => {
    const input = buildPanelReportInput(
      [card('s1', 'i1', 'lv1', [['d1', 3]]), card('s2', 'i2', 'lv1', [['d1', 3]])],
      [v1],
      { i1: { offset: 7, n: 3 }, i2: { offset: Number.NaN, n: 1 } },
      null,
    );
    expect(input.offsets).toEqual({ i1: { offset: 3, n: 3 }, i2: { offset: 0, n: 1 } });
  });

  it('passes every scorecard of one interviewer: an earlier strong_no and its ratings are not overwritten by a later card', () => {
    const early = card(
      's9',
      'i1',
      'lv1',
      [
        ['d1', 1],
        ['d2', 2],
      ],
      { submittedAt: '2030-01-01T09:00:00Z', recommendation: 'strong_no', redFlags: ['late'] },
    );
    const later = card(
      's1',
      'i1',
      'lv1',
      [
        ['d1', 4],
        ['d2', null],
      ],
      { submittedAt: '2030-01-02T09:00:00Z', recommendation: 'yes', redFlags: ['rude', 'late'] },
    );
    const input = buildPanelReportInput([later, early, card('s5', 'i2', 'lv1', [['d1', 3]])], [v1], {}, null);
    expect(input.scorecards).toEqual([
      { interviewerId: 'i1', scorecardId: 's1', ratings: [{ dimensionId: 'd1', rating: 4 }], recommendation: 'yes', redFlags: ['late', 'rude'] },
      {
        interviewerId: 'i1',
        scorecardId: 's9',
        ratings: [
          { dimensionId: 'd1', rating: 1 },
          { dimensionId: 'd2', rating: 2 },
        ],
        recommendation: 'strong_no',
        redFlags: ['late'],
      },
      { interviewerId: 'i2', scorecardId: 's5', ratings: [{ dimensionId: 'd1', rating: 3 }], recommendation: 'yes', redFlags: [] },
    ]);
    // One offset per person, however many scorecards they wrote.
    expect(Object.keys(input.offsets)).toEqual(['i1', 'i2']);
  });

  it("takes the scale and the required flags from the loop version, and passes ratings of the scale's top level", () => {
    const five = version(
      'lv5',
      1,
      [
        ['d1', 70],
        ['d2', 30],
      ],
      { ratingScale: 'five_point', optional: ['d2'] },
    );
    const input = buildPanelReportInput(
      [
        card('s1', 'i1', 'lv5', [
          ['d1', 5],
          ['d2', 1],
        ]),
      ],
      [five],
      {},
      { bar: 3.5, everyDimensionMeets: true },
    );
    expect(input.scale).toBe('five_point');
    expect(input.dimensions).toEqual([
      { id: 'd1', name: 'D1', weight: 70, required: true },
      { id: 'd2', name: 'D2', weight: 30, required: false },
    ]);
    expect(input.scorecards[0].ratings).toEqual([
      { dimensionId: 'd1', rating: 5 },
      { dimensionId: 'd2', rating: 1 },
    ]);
    expect(input.policy).toEqual({ bar: 3.5, everyDimensionMeets: true });
    const three = version('lv3', 1, [['d1', 100]], { ratingScale: 'three_level' });
    expect(buildPanelReportInput([], [three], {}, null).scale).toBe('three_level');
  });

  it('without submitted scorecards, takes the dimensions of the newest given version', () => {
    const input = buildPanelReportInput([], [v1, v2], {}, null);
    expect(input.dimensions.map((d) => d.id)).toEqual(['d2', 'd3']);
    expect(input.scorecards).toEqual([]);
  });

  it('omits an empty policy so the engine applies its defaults', () => {
    expect(buildPanelReportInput([], [v1], {}, {}).policy).toBeUndefined();
  });
});
