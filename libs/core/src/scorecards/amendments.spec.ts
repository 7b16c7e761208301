import { amendmentsOf, RevisionForAmendments } from './amendments';

const names: Record<string, string> = { a: 'Coding', b: 'Design' };
const name = (id: string) => names[id] ?? '';
const rev = (
  revision: number,
  kind: string,
  at: string,
  ratings: [string, number | null][],
  recommendation: string,
  reason: string | null = null,
): RevisionForAmendments => ({
  revision,
  kind,
  createdAt: at,
  reason,
  content: { ratings: ratings.map(([dimensionId, rating]) => ({ dimensionId, rating, notAssessed: rating === null })), recommendation },
});

describe('amendmentsOf', () => {
  const submitted = rev(
    1,
    'submitted',
    '2030-01-01T10:00:00Z',
    [
      ['a', 2],
      ['b', null],
    ],
    'no',
  );
  const amended = rev(
    2,
    'amended',
    '2030-01-01T12:00:00Z',
    [
      ['a', 4],
      ['b', 3],
    ],
    'yes',
    'Re-read my notes',
  );

  it.each<[string, string | null, boolean]>([
    ['never read the panel', null, false],
    ['read the panel before amending', '2030-01-01T11:00:00Z', true],
    ['read the panel at the very moment of amending', '2030-01-01T12:00:00Z', true],
    ['read the panel only after amending', '2030-01-01T13:00:00Z', false],
  ])('%s → afterViewingPanel %s', (_name, viewedAt, expected) => {
    expect(amendmentsOf([submitted, amended], viewedAt, name)[0].afterViewingPanel).toBe(expected);
  });

  it('lists the changed ratings with before and after, and the recommendations', () => {
    expect(amendmentsOf([amended, submitted], '2030-01-01T11:00:00Z', name)).toEqual([
      {
        revision: 2,
        amendedAt: '2030-01-01T12:00:00.000Z',
        reason: 'Re-read my notes',
        afterViewingPanel: true,
        changes: [
          { dimensionId: 'a', dimensionName: 'Coding', before: 2, after: 4 },
          { dimensionId: 'b', dimensionName: 'Design', before: null, after: 3 },
        ],
        recommendationBefore: 'no',
        recommendationAfter: 'yes',
      },
    ]);
  });

  it('compares each amendment with the revision right before it (withdrawn and re-amended included); unchanged ratings are not listed', () => {
    const withdrawn = rev(
      3,
      'withdrawn',
      '2030-01-02T10:00:00Z',
      [
        ['a', 4],
        ['b', 3],
      ],
      'yes',
      'wrong candidate',
    );
    const again = rev(
      4,
      'amended',
      '2030-01-02T11:00:00Z',
      [
        ['a', 4],
        ['b', 1],
      ],
      'no',
      'Right candidate after all',
    );
    const out = amendmentsOf([submitted, amended, withdrawn, again], null, name);
    expect(out.map((a) => a.revision)).toEqual([2, 4]);
    expect(out[1].changes).toEqual([{ dimensionId: 'b', dimensionName: 'Design', before: 3, after: 1 }]);
    expect(out[1].recommendationBefore).toBe('yes');
  });

  it('no amendment → empty', () => {
    expect(amendmentsOf([submitted], '2030-01-01T09:00:00Z', name)).toEqual([]);
  });
});
