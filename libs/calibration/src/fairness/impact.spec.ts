import { adverseImpact, type SelectionRecord } from './impact';

/** `selected` of `total` people in a group (category values given). */
function people(categories: Record<string, string | null>, total: number, selected: number): SelectionRecord[] {
  return Array.from({ length: total }, (_, i) => ({ categories, selected: i < selected }));
}

describe('adverseImpact', () => {
  it('Uniform Guidelines Q&A 12 (44 Fed. Reg. 11996, 1979): 48 of 80 whites (60 %) against 12 of 40 blacks (30 %) → ratio 50 %, adverse impact', () => {
    const a = adverseImpact([...people({ race: 'White' }, 80, 48), ...people({ race: 'Black' }, 40, 12)], ['race']);
    expect(a.referenceGroup).toBe('White');
    const black = a.groups.find((g) => g.group === 'Black')!;
    expect(black.selectionRate).toBe(0.3);
    expect(black.impactRatio).toBe(0.5);
    expect(black.fourFifthsFlag).toBe(true);
    expect(black.fisherP).toBeCloseTo(0.003409221767849183, 12);
    expect(black.adverseImpact).toBe(true);
    const white = a.groups.find((g) => g.group === 'White')!;
    expect(white).toMatchObject({ impactRatio: 1, fourFifthsFlag: false, fisherP: null, adverseImpact: false });
  });

  it('Uniform Guidelines Q&A 11: rates 60 / 45 / 48 / 51 % → impact ratios 75 / 80 / 85 %, four-fifths flag for American Indians only', () => {
    const a = adverseImpact(
      [
        ...people({ race: 'White' }, 100, 60),
        ...people({ race: 'American Indian' }, 100, 45),
        ...people({ race: 'Hispanic' }, 100, 48),
        ...people({ race: 'Black' }, 100, 51),
      ],
      ['race'],
    );
    const byGroup = Object.fromEntries(a.groups.map((g) => [g.group, g]));
    expect(byGroup['American Indian'].impactRatio).toBeCloseTo(0.75, 12);
    expect(byGroup['Hispanic'].impactRatio).toBeCloseTo(0.8, 12);
    expect(byGroup['Black'].impactRatio).toBeCloseTo(0.85, 12);
    expect(a.groups.filter((g) => g.fourFifthsFlag).map((g) => g.group)).toEqual(['American Indian']);
    // Exactly four-fifths is not "less than four-fifths".
    expect(byGroup['Hispanic'].fourFifthsFlag).toBe(false);
  });

  it('suppresses groups under 5 people, never uses them as the reference, and counts unknowns apart', () => {
    const a = adverseImpact(
      [...people({ sex: 'Female' }, 4, 4), ...people({ sex: 'Male' }, 10, 5), ...people({ sex: 'X' }, 6, 2), ...people({ sex: null }, 7, 3)],
      ['sex'],
    );
    expect(a.referenceGroup).toBe('Male');
    expect(a.groups.find((g) => g.group === 'Female')).toMatchObject({
      total: 4,
      suppressed: true,
      selectionRate: null,
      impactRatio: null,
      fisherP: null,
    });
    expect(a.groups.find((g) => g.group === 'X')!.impactRatio).toBeCloseTo(2 / 6 / 0.5, 12);
    expect(a.unknown).toEqual({ total: 7, selected: 3 });
  });

  it('intersections: a person is unknown when any part of the intersection is', () => {
    const a = adverseImpact(
      [
        ...people({ sex: 'Female', race: 'Asian' }, 10, 2),
        ...people({ sex: 'Male', race: 'Asian' }, 10, 6),
        ...people({ sex: 'Female', race: null }, 3, 1),
      ],
      ['sex', 'race'],
    );
    expect(a.groups.map((g) => g.group)).toEqual(['Female × Asian', 'Male × Asian']);
    expect(a.groups[0].impactRatio).toBeCloseTo(1 / 3, 12);
    expect(a.unknown.total).toBe(3);
  });

  it('has no reference and no ratios when every group is suppressed, and no ratio when the best rate is zero', () => {
    expect(adverseImpact(people({ sex: 'Female' }, 3, 1), ['sex']).referenceGroup).toBeNull();
    const zero = adverseImpact([...people({ sex: 'Female' }, 6, 0), ...people({ sex: 'Male' }, 6, 0)], ['sex']);
    expect(zero.groups.every((g) => g.impactRatio === null && !g.fourFifthsFlag)).toBe(true);
  });
});
