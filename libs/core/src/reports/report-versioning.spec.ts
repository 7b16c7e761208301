import { coversList, coversOf, decideReportWrite, pendingRevisions, reportStatus, sameCovers, StoredReportKey } from './report-versioning';

describe('report versioning', () => {
  describe('coversOf / sameCovers', () => {
    it('maps scorecards to revisions independent of order', () => {
      const a = coversOf([
        { id: 'b', revision: 2 },
        { id: 'a', revision: 1 },
      ]);
      expect(a).toEqual({ a: 1, b: 2 });
      expect(Object.keys(a)).toEqual(['a', 'b']);
      expect(
        sameCovers(
          a,
          coversOf([
            { id: 'a', revision: 1 },
            { id: 'b', revision: 2 },
          ]),
        ),
      ).toBe(true);
    });

    it.each([
      ['equal', { a: 1, b: 2 }, { b: 2, a: 1 }, true],
      ['both empty', {}, {}, true],
      ['null and empty', null, {}, true],
      ['revision differs', { a: 1 }, { a: 2 }, false],
      ['scorecard added', { a: 1 }, { a: 1, b: 1 }, false],
      ['scorecard removed', { a: 1, b: 1 }, { a: 1 }, false],
      ['same size, other ids', { a: 1 }, { b: 1 }, false],
      ['revision as string from JSON', { a: '3' as unknown as number }, { a: 3 }, true],
    ])('%s', (_name, left, right, expected) => {
      expect(sameCovers(left as never, right as never)).toBe(expected);
    });
  });

  describe('pendingRevisions', () => {
    it.each([
      [
        'nothing covered yet',
        null,
        { a: 1, b: 1 },
        [
          { scorecardId: 'a', revision: 1 },
          { scorecardId: 'b', revision: 1 },
        ],
      ],
      ['all covered', { a: 1, b: 1 }, { a: 1, b: 1 }, []],
      ['amended', { a: 1, b: 1 }, { a: 2, b: 1 }, [{ scorecardId: 'a', revision: 2 }]],
      ['new scorecard', { a: 1 }, { a: 1, c: 1 }, [{ scorecardId: 'c', revision: 1 }]],
      ['withdrawn one is not pending', { a: 1, b: 1 }, { a: 1 }, []],
    ])('%s', (_name, covered, current, expected) => {
      expect(pendingRevisions(covered as never, current)).toEqual(expected);
    });
  });

  describe('reportStatus', () => {
    it.each([
      ['nothing submitted, no report', null, {}, 'no_feedback'],
      ['nothing submitted, an old report', { a: 1 }, {}, 'no_feedback'],
      ['submitted, no report yet', null, { a: 1 }, 'computing'],
      ['report covers exactly', { a: 1, b: 2 }, { b: 2, a: 1 }, 'current'],
      ['amendment not yet reflected', { a: 1 }, { a: 2 }, 'computing'],
      ['withdrawal not yet reflected', { a: 1, b: 1 }, { a: 1 }, 'computing'],
    ])('%s → %s', (_name, covered, current, expected) => {
      expect(reportStatus(covered as never, current)).toBe(expected);
    });
  });

  describe('decideReportWrite', () => {
    const v1 = 'hireloop-calibration/1.0.0';
    const v2 = 'hireloop-calibration/2.0.0';
    const latest: StoredReportKey = { version: 3, inputsHash: 'h1', algorithmVersion: v1, covers: { a: 1 } };
    const newer: StoredReportKey = { ...latest, algorithmVersion: v2 };
    it.each<
      [string, StoredReportKey | null, { inputsHash: string; algorithmVersion: string }, Record<string, number>, ReturnType<typeof decideReportWrite>]
    >([
      ['first report', null, { inputsHash: 'h1', algorithmVersion: v1 }, { a: 1 }, { action: 'insert', version: 1 }],
      ['same inputs, same revisions: idempotent', latest, { inputsHash: 'h1', algorithmVersion: v1 }, { a: 1 }, { action: 'unchanged', version: 3 }],
      ['inputs changed', latest, { inputsHash: 'h2', algorithmVersion: v1 }, { a: 2 }, { action: 'insert', version: 4 }],
      ['algorithm changed, same inputs', latest, { inputsHash: 'h1', algorithmVersion: v2 }, { a: 1 }, { action: 'insert', version: 4 }],
      // A rolling deploy: a process on the older algorithm leaves the newer report of the same feedback in place...
      [
        'older algorithm than the stored report, same revisions',
        newer,
        { inputsHash: 'h0', algorithmVersion: v1 },
        { a: 1 },
        { action: 'unchanged', version: 3 },
      ],
      // A stored version of another form (a fixture) is recomputed, not an error.
      [
        'stored version of another form',
        { ...latest, algorithmVersion: 'fixture' },
        { inputsHash: 'h1', algorithmVersion: v1 },
        { a: 1 },
        { action: 'insert', version: 4 },
      ],
      // ...but a report must still follow new feedback.
      [
        'older algorithm than the stored report, new revision',
        newer,
        { inputsHash: 'h2', algorithmVersion: v1 },
        { a: 2 },
        { action: 'insert', version: 4 },
      ],
      [
        'evidence-only amendment: same inputs, new revision',
        latest,
        { inputsHash: 'h1', algorithmVersion: v1 },
        { a: 2 },
        { action: 'refresh_covers', version: 3 },
      ],
    ])('%s', (_name, stored, computed, covers, expected) => {
      expect(decideReportWrite(stored, computed, covers)).toEqual(expected);
    });
  });

  it('lists covers sorted by scorecard id', () => {
    expect(coversList({ b: 1, a: 2 })).toEqual([
      { scorecardId: 'a', revision: 2 },
      { scorecardId: 'b', revision: 1 },
    ]);
    expect(coversList(null)).toEqual([]);
  });
});
