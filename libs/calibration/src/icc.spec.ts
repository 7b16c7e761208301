import { CalibrationInputError, icc, iccAll, iccAnova, type IccForm } from '@hireloop/calibration';

/**
 * P. E. Shrout & J. L. Fleiss (1979), "Intraclass correlations: uses in assessing rater reliability",
 * Psychological Bulletin 86(2), 420–428. Table 2: four judges rate six targets.
 * Published estimates: ICC(1,1) = .17, ICC(2,1) = .29, ICC(3,1) = .71, ICC(1,4) = .44, ICC(2,4) = .62,
 * ICC(3,4) = .91. Mean squares of that table: BMS = 11.24, WMS = 6.26, JMS = 32.49, EMS = 1.02.
 */
const SHROUT_FLEISS_TABLE_2 = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];

describe('icc (Shrout & Fleiss 1979)', () => {
  it.each<{ form: IccForm; notation: string; published: number; exact: number }>([
    { form: 'ICC1', notation: 'ICC(1,1)', published: 0.17, exact: 0.16574176840547544 },
    { form: 'ICC2', notation: 'ICC(2,1)', published: 0.29, exact: 0.2897637795275592 },
    { form: 'ICC3', notation: 'ICC(3,1)', published: 0.71, exact: 0.7148407148407154 },
    { form: 'ICC1k', notation: 'ICC(1,4)', published: 0.44, exact: 0.44279713367926865 },
    { form: 'ICC2k', notation: 'ICC(2,4)', published: 0.62, exact: 0.6200505475989893 },
    { form: 'ICC3k', notation: 'ICC(3,4)', published: 0.91, exact: 0.9093155423770697 },
  ])('Table 2: $notation = $published', ({ form, published, exact }) => {
    const value = icc(SHROUT_FLEISS_TABLE_2, form);
    expect(Number(value.toFixed(2))).toBe(published);
    expect(value).toBeCloseTo(exact, 12);
  });

  it('Table 2 mean squares: BMS 11.24, WMS 6.26, JMS 32.49, EMS 1.02', () => {
    const a = iccAnova(SHROUT_FLEISS_TABLE_2);
    expect({ n: a.targets, k: a.judges }).toEqual({ n: 6, k: 4 });
    expect([a.BMS, a.WMS, a.JMS, a.EMS].map((x) => Number(x.toFixed(2)))).toEqual([11.24, 6.26, 32.49, 1.02]);
  });

  it('iccAll gives every form at once', () => {
    const all = iccAll(SHROUT_FLEISS_TABLE_2);
    for (const form of Object.keys(all) as IccForm[]) expect(all[form]).toBe(icc(SHROUT_FLEISS_TABLE_2, form));
  });

  it.each<{ name: string; data: number[][]; form: IccForm; expected: number }>([
    {
      name: 'perfect agreement',
      data: [
        [1, 1],
        [2, 2],
        [4, 4],
      ],
      form: 'ICC2',
      expected: 1,
    },
    // A constant judge offset is disagreement for ICC(2,1) but not for the consistency form ICC(3,1).
    {
      name: 'constant offset, consistency',
      data: [
        [1, 2],
        [2, 3],
        [3, 4],
      ],
      form: 'ICC3',
      expected: 1,
    },
    // BMS = 2·1 = 2, JMS = 3·0.5 = 1.5, EMS = 0 → (2 − 0)/(2 + 0 + 2·1.5/3) = 2/3
    {
      name: 'constant offset, absolute agreement (hand-computed)',
      data: [
        [1, 2],
        [2, 3],
        [3, 4],
      ],
      form: 'ICC2',
      expected: 2 / 3,
    },
  ])('$name: $form = $expected', ({ data, form, expected }) => {
    expect(icc(data, form)).toBeCloseTo(expected, 12);
  });

  it('all ratings identical → NaN (undefined)', () => {
    expect(
      icc(
        [
          [2, 2],
          [2, 2],
        ],
        'ICC1',
      ),
    ).toBeNaN();
  });

  it.each([
    { name: 'one target', data: [[1, 2]] },
    { name: 'one judge', data: [[1], [2]] },
    { name: 'a missing rating', data: [[1, 2], [2]] },
    {
      name: 'a null rating',
      data: [
        [1, 2],
        [2, null],
      ],
    },
  ])('rejects $name', ({ data }) => {
    expect(() => icc(data as number[][], 'ICC1')).toThrow(CalibrationInputError);
  });

  it('rejects an unknown form', () => {
    expect(() => icc(SHROUT_FLEISS_TABLE_2, 'ICC4' as IccForm)).toThrow(CalibrationInputError);
  });
});
