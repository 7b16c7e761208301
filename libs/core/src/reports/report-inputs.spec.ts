import type { LoopSnapshot } from '../roles/loop-snapshot';
import { buildPanelReportInput, ReportLoopVersion, SubmittedScorecard } from './report-inputs';

function version(id: string, number: number, dims: [string, number][]): ReportLoopVersion {
  const snapshot: LoopSnapshot = {
    dimensions: dims.map(([dimId, weight], position) => ({
      id: dimId,
      name: dimId.toUpperCase(),
      description: '',
      weight,
      rubric: { '1': '', '2': '', '3': '', '4': '' },
      signals: { strong: [], weak: [], redFlags: [] },
      position,
    })),
    rounds: [],
  };
  return { id, number, snapshot };
}

function card(id: string, interviewerId: string, loopVersionId: string, ratings: [string, number | null][], extra: Partial<SubmittedScorecard> = {}): SubmittedScorecard {
  return {
    id,
    interviewerId,
    revision: 1,
    loopVersionId,
    recommendation: 'yes',
    redFlags: [],
    submittedAt: '2030-01-01T10:00:00Z',
    ratings: ratings.map(([dimensionId, rating]) => ({ dimensionId, rating: rating as never, evidence: 'e', notAssessed: rating === null, notAssessedReason: null })),
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
    const input = buildPanelReportInput([card('s1', 'i1', 'lv1', [['d1', 3], ['d2', null]])], [v1], { other: { offset: 0.5, n: 9 } }, {});
    expect(input).toEqual({
      dimensions: [
        { id: 'd1', name: 'D1', weight: 50 },
        { id: 'd2', name: 'D2', weight: 50 },
      ],
      scorecards: [{ interviewerId: 'i1', ratings: [{ dimensionId: 'd1', rating: 3 }], recommendation: 'yes', redFlags: [] }],
      offsets: { i1: { offset: 0, n: 0 } },
    });
  });

  it('uses the newest loop version when scorecards span several, matching ratings by dimension id', () => {
    const input = buildPanelReportInput(
      [card('s1', 'i1', 'lv1', [['d1', 4], ['d2', 2]]), card('s2', 'i2', 'lv2', [['d2', 3], ['d3', 1]])],
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
    const a = card('s1', 'i2', 'lv1', [['d2', 2], ['d1', 4]], { redFlags: ['z', 'a'] });
    const b = card('s2', 'i1', 'lv1', [['d1', 1], ['d2', 3]]);
    const one = buildPanelReportInput([a, b], [v1], {}, { bar: 3, floor: undefined });
    const two = buildPanelReportInput([b, a], [v1], {}, { bar: 3 });
    expect(JSON.stringify(one)).toBe(JSON.stringify(two));
    expect(one.scorecards.map((s) => s.interviewerId)).toEqual(['i1', 'i2']);
    expect(one.scorecards[1].ratings.map((r) => r.dimensionId)).toEqual(['d1', 'd2']);
    expect(one.scorecards[1].redFlags).toEqual(['a', 'z']);
    expect(one.policy).toEqual({ bar: 3 });
  });

  it('clamps offsets to the range the engine accepts', () => {
    const input = buildPanelReportInput([card('s1', 'i1', 'lv1', [['d1', 3]]), card('s2', 'i2', 'lv1', [['d1', 3]])], [v1], { i1: { offset: 7, n: 3 }, i2: { offset: Number.NaN, n: 1 } }, null);
    expect(input.offsets).toEqual({ i1: { offset: 3, n: 3 }, i2: { offset: 0, n: 1 } });
  });

  it("merges one interviewer's scorecards into one rater: latest rating per dimension, latest recommendation, all red flags", () => {
    const early = card('s9', 'i1', 'lv1', [['d1', 1], ['d2', 2]], { submittedAt: '2030-01-01T09:00:00Z', recommendation: 'strong_no', redFlags: ['late'] });
    const later = card('s1', 'i1', 'lv1', [['d1', 4], ['d2', null]], { submittedAt: '2030-01-02T09:00:00Z', recommendation: 'yes', redFlags: ['rude', 'late'] });
    const input = buildPanelReportInput([later, early, card('s5', 'i2', 'lv1', [['d1', 3]])], [v1], {}, null);
    expect(input.scorecards).toEqual([
      { interviewerId: 'i1', ratings: [{ dimensionId: 'd1', rating: 4 }, { dimensionId: 'd2', rating: 2 }], recommendation: 'yes', redFlags: ['late', 'rude'] },
      { interviewerId: 'i2', ratings: [{ dimensionId: 'd1', rating: 3 }], recommendation: 'yes', redFlags: [] },
    ]);
    expect(Object.keys(input.offsets)).toEqual(['i1', 'i2']);
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
