/**
 * The voluntary self-identification questions: the EEO-1 sex and race/ethnicity categories, protected veteran status
 * (VEVRAA) and disability (Form CC-305), each with "decline to answer". Declined answers count as unknown in every
 * statistic.
 */
export const DECLINE_TO_ANSWER = 'decline_to_answer';

export const SELF_IDENTIFICATION_CATEGORIES = {
  sex: ['female', 'male', DECLINE_TO_ANSWER],
  raceEthnicity: [
    'hispanic_or_latino',
    'white',
    'black_or_african_american',
    'native_hawaiian_or_other_pacific_islander',
    'asian',
    'american_indian_or_alaska_native',
    'two_or_more_races',
    DECLINE_TO_ANSWER,
  ],
  veteranStatus: ['protected_veteran', 'not_a_protected_veteran', DECLINE_TO_ANSWER],
  disability: ['yes', 'no', DECLINE_TO_ANSWER],
} as const;

export type SelfIdentificationCategory = keyof typeof SELF_IDENTIFICATION_CATEGORIES;
export const SELF_IDENTIFICATION_CATEGORY_KEYS = Object.keys(SELF_IDENTIFICATION_CATEGORIES) as SelfIdentificationCategory[];

export type SelfIdentificationAnswers = { [K in SelfIdentificationCategory]: (typeof SELF_IDENTIFICATION_CATEGORIES)[K][number] };

/** Labels shown to the candidate and in the report. */
export const SELF_IDENTIFICATION_LABELS: Record<string, string> = {
  sex: 'Sex',
  raceEthnicity: 'Race/ethnicity',
  veteranStatus: 'Veteran status',
  disability: 'Disability',
  female: 'Female',
  male: 'Male',
  hispanic_or_latino: 'Hispanic or Latino',
  white: 'White',
  black_or_african_american: 'Black or African American',
  native_hawaiian_or_other_pacific_islander: 'Native Hawaiian or Other Pacific Islander',
  asian: 'Asian',
  american_indian_or_alaska_native: 'American Indian or Alaska Native',
  two_or_more_races: 'Two or More Races',
  protected_veteran: 'Protected veteran',
  not_a_protected_veteran: 'Not a protected veteran',
  yes: 'Yes, I have a disability (or previously had one)',
  no: 'No, I do not have a disability',
  [DECLINE_TO_ANSWER]: 'I decline to answer',
};

/** The answer as a statistic sees it: declined (or missing) is null, i.e. unknown. */
export function knownAnswer(answers: Partial<SelfIdentificationAnswers> | null | undefined, category: SelfIdentificationCategory): string | null {
  const v = answers?.[category];
  return v === undefined || v === DECLINE_TO_ANSWER ? null : v;
}
