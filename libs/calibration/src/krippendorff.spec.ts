import {
  CalibrationInputError,
  krippendorffAlpha,
  krippendorffAlphaDetail,
  reliabilityByDimension,
  type AlphaMetric,
  type LeniencyRating,
  type Rating,
} from '@hireloop/calibration';

/**
 * K. Krippendorff, "Computing Krippendorff's Alpha-Reliability", University of Pennsylvania,
 * Annenberg School for Communication, 2011 (https://repository.upenn.edu/asc_papers/43).
 *
 * Section C, "Nominal data, any number of observers, missing data": 4 observers × 12 units, * = missing.
 * Published for this table: nominal α = 0.743 and interval α = 0.849. All four values below (including
 * ordinal 0.815 and ratio 0.797) were also recomputed independently, with a direct Python transcription of
 * the paper's coincidence-matrix formulas, before being pinned here.
 */
const KRIPPENDORFF_2011_C = [
  // units:  1     2  3  4  5  6  7  8  9  10    11    12
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null], // observer A
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3], // observer B
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null], // observer C
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null], // observer D
];

/**
 * Same paper, section A, "Binary or dichotomous data, two observers, no missing data": published α = 0.095.
 */
const KRIPPENDORFF_2011_A = [
  [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
  [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
];

describe('krippendorffAlpha', () => {
  it.each<{ metric: AlphaMetric; alpha: number; exact: number }>([
    { metric: 'nominal', alpha: 0.743, exact: 0.743421052631579 },
    { metric: 'ordinal', alpha: 0.815, exact: 0.8153875037548814 },
    { metric: 'interval', alpha: 0.849, exact: 0.8491071428571428 },
    { metric: 'ratio', alpha: 0.797, exact: 0.7974027747116121 },
  ])('Krippendorff (2011) §C, 4 observers × 12 units with missing data: $metric α = $alpha', ({ metric, alpha, exact }) => {
    expect(Number(krippendorffAlpha(KRIPPENDORFF_2011_C, metric).toFixed(3))).toBe(alpha);
    expect(krippendorffAlpha(KRIPPENDORFF_2011_C, metric)).toBeCloseTo(exact, 12);
  });

  it('Krippendorff (2011) §C: unit 12 (one value) is not pairable; n = 40 pairable values', () => {
    const detail = krippendorffAlphaDetail(KRIPPENDORFF_2011_C, 'nominal');
    expect(detail.pairableUnits).toBe(11);
    expect(detail.pairableValues).toBe(40);
  });

  it('Krippendorff (2011) §A, binary data, two observers: α = 0.095', () => {
    expect(krippendorffAlpha(KRIPPENDORFF_2011_A, 'nominal')).toBeCloseTo(0.095, 3);
  });

  it.each<{ name: string; data: Array<Array<number | string | null>>; metric: AlphaMetric; alpha: number }>([
    {
      name: 'perfect agreement',
      data: [
        [1, 2, 3, 4],
        [1, 2, 3, 4],
        [1, 2, 3, null],
      ],
      metric: 'ordinal',
      alpha: 1,
    },
    {
      name: 'string categories (nominal)',
      data: [
        ['yes', 'no', 'yes', 'no'],
        ['yes', 'no', 'yes', 'no'],
      ],
      metric: 'nominal',
      alpha: 1,
    },
    // 2 raters, 2 units: (1,2) and (2,1). o_12 = o_21 = 2, n = 4, D_o = 4/4 = 1, D_e = 2·2·2/(4·3) = 2/3 → α = 1 − 1.5 = −0.5
    {
      name: 'systematic disagreement (hand-computed)',
      data: [
        [1, 2],
        [2, 1],
      ],
      metric: 'nominal',
      alpha: -0.5,
    },
  ])('$name → α = $alpha', ({ data, metric, alpha }) => {
    expect(krippendorffAlpha(data, metric)).toBeCloseTo(alpha, 12);
  });

  it.each([
    {
      name: 'no variation at all',
      data: [
        [3, 3],
        [3, 3],
      ],
    },
    {
      name: 'no pairable unit',
      data: [
        [1, null],
        [null, 2],
      ],
    },
    { name: 'no data', data: [] },
  ])('undefined ($name) → NaN', ({ data }) => {
    expect(krippendorffAlpha(data, 'interval')).toBeNaN();
  });

  it('does not depend on the order of raters or units', () => {
    const reversedRaters = [...KRIPPENDORFF_2011_C].reverse();
    const reversedUnits = KRIPPENDORFF_2011_C.map((row) => [...row].reverse());
    for (const metric of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
      expect(krippendorffAlpha(reversedRaters, metric)).toBeCloseTo(krippendorffAlpha(KRIPPENDORFF_2011_C, metric), 12);
      expect(krippendorffAlpha(reversedUnits, metric)).toBeCloseTo(krippendorffAlpha(KRIPPENDORFF_2011_C, metric), 12);
    }
  });

  it.each([
    { name: 'ragged rows', data: [[1, 2], [1]], metric: 'nominal' },
    {
      name: 'strings with an ordered metric',
      data: [
        ['a', 'b'],
        ['a', 'b'],
      ],
      metric: 'ordinal',
    },
    {
      name: 'negative values with ratio',
      data: [
        [-1, 2],
        [1, 2],
      ],
      metric: 'ratio',
    },
    {
      name: 'NaN values',
      data: [
        [NaN, 2],
        [1, 2],
      ],
      metric: 'interval',
    },
    {
      name: 'unknown metric',
      data: [
        [1, 2],
        [1, 2],
      ],
      metric: 'cardinal',
    },
  ])('rejects $name', ({ data, metric }) => {
    expect(() => krippendorffAlpha(data as never, metric as AlphaMetric)).toThrow(CalibrationInputError);
  });
});

describe('reliabilityByDimension', () => {
  // Krippendorff's §C table as history: units → applications, observers → interviewers, dimension "d1";
  // plus a dimension "d2" on which everyone always agrees except one unit, and "d3" with a single rater.
  const rows: LeniencyRating[] = [];
  KRIPPENDORFF_2011_C.forEach((values, r) =>
    values.forEach((v, u) => {
      if (v !== null && v <= 4) rows.push({ interviewerId: `obs${r}`, applicationId: `app${u}`, dimensionId: 'd1', rating: v as Rating });
    }),
  );

  it('computes alpha per dimension with applications as units and interviewers as raters', () => {
    const d2: LeniencyRating[] = [
      { interviewerId: 'a', applicationId: 'x', dimensionId: 'd2', rating: 3 },
      { interviewerId: 'b', applicationId: 'x', dimensionId: 'd2', rating: 3 },
      { interviewerId: 'a', applicationId: 'y', dimensionId: 'd2', rating: 1 },
      { interviewerId: 'b', applicationId: 'y', dimensionId: 'd2', rating: 1 },
    ];
    const d3: LeniencyRating[] = [{ interviewerId: 'a', applicationId: 'x', dimensionId: 'd3', rating: 2 }];
    // Ratings of 5 (unit 10) are outside the 1–4 scale, so unit 10 is left out of d1: compare with the same
    // table where unit 10 is missing.
    const without10 = KRIPPENDORFF_2011_C.map((row) => row.map((v, u) => (u === 9 ? null : v)));
    expect(reliabilityByDimension([...d3, ...rows, ...d2])).toEqual([
      { dimensionId: 'd1', alpha: krippendorffAlpha(without10, 'ordinal'), units: 10, ratings: 37, raters: 4 },
      { dimensionId: 'd2', alpha: 1, units: 2, ratings: 4, raters: 2 },
      { dimensionId: 'd3', alpha: null, units: 0, ratings: 0, raters: 1 },
    ]);
    expect(reliabilityByDimension(rows, { metric: 'interval' })[0].alpha).toBeCloseTo(krippendorffAlpha(without10, 'interval'), 12);
  });

  it('rejects an interviewer rating the same application and dimension twice', () => {
    expect(() =>
      reliabilityByDimension([
        { interviewerId: 'a', applicationId: 'x', dimensionId: 'd', rating: 3 },
        { interviewerId: 'a', applicationId: 'x', dimensionId: 'd', rating: 2 },
      ]),
    ).toThrow(expect.objectContaining({ code: 'duplicate_rating' }));
  });
});
