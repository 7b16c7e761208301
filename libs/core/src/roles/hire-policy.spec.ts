import { DEFAULT_HIRE_POLICY, HirePolicy, resolveHirePolicy } from './roles.repository';
import { mergeHirePolicy, nullHirePolicyFields, validateHirePolicy } from './hire-policy';

describe('resolveHirePolicy', () => {
  it('fills in the calibration defaults', () => {
    expect(resolveHirePolicy({})).toEqual({
      bar: 3,
      floor: 2,
      minCoverage: 0.8,
      minInterviewers: 3,
      margin: 0.5,
      adjustForLeniency: true,
      everyDimensionMeets: false,
    });
    expect(resolveHirePolicy(null)).toEqual(DEFAULT_HIRE_POLICY);
    expect(resolveHirePolicy({ bar: 3.5, adjustForLeniency: false })).toMatchObject({ bar: 3.5, floor: 2, adjustForLeniency: false });
  });

  it("fills in the defaults of the role's scale", () => {
    expect(resolveHirePolicy({}, 'three_level')).toMatchObject({ bar: 2, floor: 1.5, margin: 0.3333 });
    expect(resolveHirePolicy({}, 'five_point')).toMatchObject({ bar: 3, floor: 2, margin: 0.6667 });
    expect(resolveHirePolicy({ everyDimensionMeets: true }, 'five_point').everyDimensionMeets).toBe(true);
  });
});

describe('mergeHirePolicy', () => {
  it('changes only the given fields', () => {
    expect(mergeHirePolicy({ ...DEFAULT_HIRE_POLICY }, { margin: 0.25 })).toEqual({ ...DEFAULT_HIRE_POLICY, margin: 0.25 });
    expect(mergeHirePolicy({ ...DEFAULT_HIRE_POLICY }, undefined)).toEqual(DEFAULT_HIRE_POLICY);
    expect(mergeHirePolicy({ ...DEFAULT_HIRE_POLICY }, { adjustForLeniency: false })).toEqual({ ...DEFAULT_HIRE_POLICY, adjustForLeniency: false });
  });
});

describe('nullHirePolicyFields', () => {
  it('names each field set to null, and nothing for fields left out or given', () => {
    expect(nullHirePolicyFields(undefined)).toEqual([]);
    expect(nullHirePolicyFields({ bar: 3, margin: undefined, adjustForLeniency: false })).toEqual([]);
    expect(nullHirePolicyFields({ bar: null, floor: 2, everyDimensionMeets: null }).map((e) => e.field)).toEqual([
      'hirePolicy.bar',
      'hirePolicy.everyDimensionMeets',
    ]);
  });
});

describe('validateHirePolicy', () => {
  const base: HirePolicy = { ...DEFAULT_HIRE_POLICY };
  it.each<[string, Partial<HirePolicy>, string[]]>([
    ['defaults', {}, []],
    ['edges of every range', { bar: 4, floor: 1, minCoverage: 0, minInterviewers: 20, margin: 3 }, []],
    ['floor equal to bar', { bar: 2.5, floor: 2.5 }, []],
    ['floor above bar', { bar: 2.5, floor: 3 }, ['hirePolicy.floor']],
    ['bar below 1', { bar: 0.5, floor: 0.5 }, ['hirePolicy.bar', 'hirePolicy.floor']],
    ['bar above 4', { bar: 4.5 }, ['hirePolicy.bar']],
    ['coverage above 1', { minCoverage: 1.2 }, ['hirePolicy.minCoverage']],
    ['negative margin', { margin: -0.1 }, ['hirePolicy.margin']],
    ['margin above 3', { margin: 3.5 }, ['hirePolicy.margin']],
    ['zero interviewers', { minInterviewers: 0 }, ['hirePolicy.minInterviewers']],
    ['fractional interviewers', { minInterviewers: 2.5 }, ['hirePolicy.minInterviewers']],
    ['21 interviewers', { minInterviewers: 21 }, ['hirePolicy.minInterviewers']],
    ['NaN bar', { bar: Number.NaN }, ['hirePolicy.bar']],
    ['everyDimensionMeets not a boolean', { everyDimensionMeets: 'yes' as unknown as boolean }, ['hirePolicy.everyDimensionMeets']],
  ])('%s → %j', (_name, change, fields) => {
    expect(validateHirePolicy({ ...base, ...change }).map((e) => e.field)).toEqual(fields);
  });

  // Thresholds are stated on the role's scale.
  it.each<[string, 'four_point' | 'five_point' | 'three_level', Partial<HirePolicy>, string[]]>([
    ['five_point: bar 5 is the top level', 'five_point', { bar: 5, floor: 2 }, []],
    ['four_point: bar 5 is off the scale', 'four_point', { bar: 5 }, ['hirePolicy.bar']],
    ['three_level: bar 3 (exceeds)', 'three_level', { bar: 3, floor: 1.5, margin: 0.3 }, []],
    ['three_level: bar 3.5 is off the scale', 'three_level', { bar: 3.5, floor: 1.5, margin: 0.3 }, ['hirePolicy.bar']],
    ['three_level: margin above the range of 2', 'three_level', { bar: 2, floor: 1.5, margin: 2.5 }, ['hirePolicy.margin']],
    ['five_point: margin 4 is the range', 'five_point', { margin: 4 }, []],
  ])('%s', (_name, scale, change, fields) => {
    expect(validateHirePolicy({ ...base, ...change }, scale).map((e) => e.field)).toEqual(fields);
  });

  it('names the scale in the message', () => {
    expect(validateHirePolicy({ ...base, bar: 4 }, 'three_level')[0].message).toBe(
      "hirePolicy.bar must be between 1 and 3 on the role's three_level scale.",
    );
  });
});
