import { fieldErrorsInWords, fieldLabel, humanize, messageInWords } from './field-messages';

describe('fieldLabel', () => {
  it.each([
    ['roundId', 'Round'],
    ['interviewerIds', 'Interviewers'],
    ['startsAt', 'Start time'],
    ['recommendation', 'Recommendation'],
    ['focusDimensionIds', 'Focus dimensions'],
    ['ratings.0.evidence', 'Evidence (ratings, item 1)'],
    ['ratings.2.notAssessedReason', 'Why not assessed (ratings, item 3)'],
    ['redFlags.1', 'Red flags, item 2'],
    ['minEvidenceLength', 'Min evidence length'],
    ['rounds.4d1c0c1e-6a50-4c79-9a2b-0a4b8a6e1f00.focusDimensionIds', 'Focus dimensions'],
  ])('%s → %s', (field, label) => {
    expect(fieldLabel(field)).toBe(label);
  });

  it('humanizes names it does not know', () => {
    expect(humanize('hiringManagerId')).toBe('Hiring manager');
    expect(humanize('weightSum')).toBe('Weight sum');
  });
});

describe('messageInWords', () => {
  it.each([
    // class-validator defaults and older developer messages
    [{ field: 'roundId', message: 'roundId must be a UUID', code: 'isUuid' }, "Round: choose one of the role's rounds."],
    [
      { field: 'roundId', message: "roundId is not a round of this role's current loop (version 2)", code: 'unknown_round' },
      "Round: choose one of the role's rounds.",
    ],
    [
      { field: 'recommendation', message: 'recommendation must be one of strong_no, no, yes, strong_yes', code: 'isIn' },
      'Recommendation: choose strong no hire, no hire, hire or strong hire.',
    ],
    [{ field: 'kind', message: 'kind must be one of: technical, behavioral, case', code: 'isIn' }, 'Kind: choose technical, behavioral or case.'],
    [
      { field: 'interviewerIds', message: 'each interviewerId must be a UUID', code: 'isUuid' },
      'Interviewers: choose interviewers among the members.',
    ],
    [
      { field: 'interviewerIds', message: 'interviewerIds needs at least one interviewer', code: 'arrayMinSize' },
      'Interviewers: choose at least one interviewer.',
    ],
    [{ field: 'name', message: 'name must be shorter than or equal to 200 characters', code: 'maxLength' }, 'Name: use at most 200 characters.'],
    [{ field: 'reason', message: 'reason must be at least 5 characters', code: 'minLength' }, 'Reason: use at least 5 characters.'],
    [{ field: 'limit', message: 'limit must not be greater than 100', code: 'max' }, 'Limit: enter 100 or less.'],
    [{ field: 'startsAt', message: 'startsAt must be an ISO 8601 date-time', code: 'isDateString' }, 'Start time: enter a date and time.'],
    [
      { field: 'ratings.0.rating', message: 'rating must be absent when notAssessed is true', code: 'rating_with_not_assessed' },
      'Rating (ratings, item 1): must be absent when not assessed is true.',
    ],
    [
      { field: 'weights.0.dimensionId', message: '5b0e7a8e-0000-4000-8000-000000000000 is not a dimension of this role.', code: 'unknown_dimension' },
      "Dimension (weights, item 1): choose one of the role's dimensions.",
    ],
    [
      { field: 'hirePolicy.floor', message: 'hirePolicy.floor (3.5) must not be above hirePolicy.bar (3.2).', code: 'floor_above_bar' },
      'Hire policy floor: (3.5) must not be above hire policy bar (3.2).',
    ],
    [{ field: 'weight', message: 'weight must be greater than 0', code: 'isPositive' }, 'Weight: enter more than 0.'],
    [{ field: 'color', message: 'color is not a known field', code: 'whitelistValidation' }, 'Color: is not a field of this form; leave it out.'],
    [
      { field: 'ratings.1.dimensionId', message: 'dimensionId must be a UUID', code: 'isUuid' },
      "Dimension (ratings, item 2): choose one of the role's dimensions.",
    ],
  ])('%j', (error, words) => {
    expect(messageInWords(error)).toBe(words);
  });

  it('keeps messages already written for people, and is idempotent', () => {
    const human = { field: 'ratings', message: 'Rate "Coding" with evidence, or mark it not assessed and say why.', code: 'missing_dimension' };
    expect(messageInWords(human)).toBe(human.message);
    const once = messageInWords({ field: 'roundId', message: 'roundId must be a UUID', code: 'isUuid' });
    expect(messageInWords({ field: 'roundId', message: once, code: 'isUuid' })).toBe(once);
  });

  it('leaves field and code alone', () => {
    expect(fieldErrorsInWords([{ field: 'ratings.0.rating', message: 'rating must be an integer', code: 'isInt' }])).toEqual([
      { field: 'ratings.0.rating', message: 'Rating (ratings, item 1): must be an integer.', code: 'isInt' },
    ]);
  });
});
