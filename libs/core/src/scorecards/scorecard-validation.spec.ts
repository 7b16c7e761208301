import { ScorecardInput, ScorecardRules, ScorecardValidationMode, validateScorecard } from './scorecard-validation';

const dim = (id: string, name: string, redFlags: string[] = []) => ({
  id,
  name,
  signals: { strong: [`${name} strong`, `${name} strong 2`], weak: [`${name} weak`], redFlags },
});

/** Loop version 3: dimensions a, b, c; the round focuses on a and b. */
const rules: ScorecardRules = {
  loopVersionNumber: 3,
  dimensions: [
    dim('a', 'Coding', ['Copies code without understanding']),
    dim('b', 'Design', ['Dismisses trade-offs']),
    dim('c', 'Communication', ['Rude to staff']),
  ],
  round: { id: 'r1', name: 'Technical', focusDimensionIds: ['a', 'b'] },
  minEvidenceLength: 20,
};

const EVIDENCE = 'Walked through the solution and tested edge cases.';
const ratedA = { dimensionId: 'a', rating: 3, evidence: EVIDENCE };
const ratedB = { dimensionId: 'b', rating: 2, evidence: EVIDENCE };
const valid: ScorecardInput = { ratings: [ratedA, ratedB], recommendation: 'yes' };

type Case = {
  name: string;
  input: ScorecardInput;
  mode?: ScorecardValidationMode;
  rules?: Partial<ScorecardRules>;
  errors: [field: string, code: string][];
};

describe('validateScorecard', () => {
  const cases: Case[] = [
    { name: 'complete submission', input: valid, errors: [] },
    {
      name: 'not assessed with a reason counts as an entry',
      input: { ...valid, ratings: [ratedA, { dimensionId: 'b', notAssessed: true, notAssessedReason: 'Ran out of time' }] },
      errors: [],
    },
    { name: 'rating 0', input: { ...valid, ratings: [{ ...ratedA, rating: 0 }, ratedB] }, errors: [['ratings.0.rating', 'invalid_rating']] },
    { name: 'rating 5', input: { ...valid, ratings: [ratedA, { ...ratedB, rating: 5 }] }, errors: [['ratings.1.rating', 'invalid_rating']] },
    { name: 'rating 2.5', input: { ...valid, ratings: [{ ...ratedA, rating: 2.5 }, ratedB] }, errors: [['ratings.0.rating', 'invalid_rating']] },
    {
      name: 'rating missing',
      input: { ...valid, ratings: [{ dimensionId: 'a', evidence: EVIDENCE }, ratedB] },
      errors: [['ratings.0.rating', 'rating_required']],
    },
    {
      name: 'evidence missing',
      input: { ...valid, ratings: [{ dimensionId: 'a', rating: 3 }, ratedB] },
      errors: [['ratings.0.evidence', 'evidence_required']],
    },
    {
      name: 'evidence only whitespace',
      input: { ...valid, ratings: [{ ...ratedA, evidence: '     ' }, ratedB] },
      errors: [['ratings.0.evidence', 'evidence_required']],
    },
    {
      name: 'evidence one short of the minimum',
      input: { ...valid, ratings: [{ ...ratedA, evidence: 'x'.repeat(19) }, ratedB] },
      errors: [['ratings.0.evidence', 'evidence_too_short']],
    },
    { name: 'evidence exactly the minimum', input: { ...valid, ratings: [{ ...ratedA, evidence: 'x'.repeat(20) }, ratedB] }, errors: [] },
    {
      name: 'padding does not count towards the minimum',
      input: { ...valid, ratings: [{ ...ratedA, evidence: `   ${'x'.repeat(19)}   ` }, ratedB] },
      errors: [['ratings.0.evidence', 'evidence_too_short']],
    },
    {
      name: 'organization minimum of 0 still needs some evidence',
      rules: { minEvidenceLength: 0 },
      input: {
        ...valid,
        ratings: [
          { ...ratedA, evidence: 'ok' },
          { dimensionId: 'b', rating: 2 },
        ],
      },
      errors: [['ratings.1.evidence', 'evidence_required']],
    },
    {
      name: 'a higher organization minimum',
      rules: { minEvidenceLength: 100 },
      input: valid,
      errors: [
        ['ratings.0.evidence', 'evidence_too_short'],
        ['ratings.1.evidence', 'evidence_too_short'],
      ],
    },
    {
      name: 'unknown dimension',
      input: { ...valid, ratings: [ratedA, ratedB, { ...ratedA, dimensionId: 'zz' }] },
      errors: [['ratings.2.dimensionId', 'unknown_dimension']],
    },
    {
      name: 'dimension of the role but not a focus of this round',
      input: { ...valid, ratings: [ratedA, ratedB, { ...ratedA, dimensionId: 'c' }] },
      errors: [['ratings.2.dimensionId', 'not_focus_dimension']],
    },
    {
      name: 'same dimension twice',
      input: { ...valid, ratings: [ratedA, ratedB, { ...ratedA, rating: 1 }] },
      errors: [['ratings.2.dimensionId', 'duplicate_dimension']],
    },
    { name: 'a focus dimension missing', input: { ...valid, ratings: [ratedA] }, errors: [['ratings', 'missing_dimension']] },
    {
      name: 'no ratings at all',
      input: { recommendation: 'no' },
      errors: [
        ['ratings', 'missing_dimension'],
        ['ratings', 'missing_dimension'],
      ],
    },
    {
      name: 'not assessed with a rating',
      input: { ...valid, ratings: [ratedA, { dimensionId: 'b', rating: 2, notAssessed: true, notAssessedReason: 'Ran out of time' }] },
      errors: [['ratings.1.rating', 'rating_with_not_assessed']],
    },
    {
      name: 'not assessed with evidence',
      input: { ...valid, ratings: [ratedA, { dimensionId: 'b', evidence: EVIDENCE, notAssessed: true, notAssessedReason: 'Ran out of time' }] },
      errors: [['ratings.1.evidence', 'evidence_with_not_assessed']],
    },
    {
      name: 'not assessed without a reason',
      input: { ...valid, ratings: [ratedA, { dimensionId: 'b', notAssessed: true }] },
      errors: [['ratings.1.notAssessedReason', 'reason_required']],
    },
    {
      name: 'not assessed with a 4-character reason',
      input: { ...valid, ratings: [ratedA, { dimensionId: 'b', notAssessed: true, notAssessedReason: ' n/a ' }] },
      errors: [['ratings.1.notAssessedReason', 'reason_too_short']],
    },
    {
      name: 'a reason without notAssessed',
      input: { ...valid, ratings: [{ ...ratedA, notAssessedReason: 'because' }, ratedB] },
      errors: [['ratings.0.notAssessedReason', 'reason_without_not_assessed']],
    },
    { name: 'recommendation missing', input: { ratings: [ratedA, ratedB] }, errors: [['recommendation', 'required']] },
    { name: 'recommendation not in the scale', input: { ...valid, recommendation: 'maybe' }, errors: [['recommendation', 'invalid_recommendation']] },
    { name: 'level assessment', input: { ...valid, levelAssessment: 'above' }, errors: [] },
    {
      name: 'level assessment not in the scale',
      input: { ...valid, levelAssessment: 'way_above' },
      errors: [['levelAssessment', 'invalid_level_assessment']],
    },
    {
      name: 'listed signals, any case',
      input: {
        ...valid,
        signals: [
          { dimensionId: 'a', kind: 'strong', text: 'coding STRONG' },
          { dimensionId: 'b', kind: 'weak', text: 'Design weak' },
        ],
      },
      errors: [],
    },
    {
      name: 'signal not listed for the dimension',
      input: { ...valid, signals: [{ dimensionId: 'a', kind: 'strong', text: 'Design strong' }] },
      errors: [['signals.0.text', 'unknown_signal']],
    },
    {
      name: 'weak signal ticked as strong',
      input: { ...valid, signals: [{ dimensionId: 'a', kind: 'strong', text: 'Coding weak' }] },
      errors: [['signals.0.text', 'unknown_signal']],
    },
    {
      name: 'signal of a non-focus dimension',
      input: { ...valid, signals: [{ dimensionId: 'c', kind: 'strong', text: 'Communication strong' }] },
      errors: [['signals.0.dimensionId', 'not_focus_dimension']],
    },
    {
      name: 'signal kind unknown',
      input: { ...valid, signals: [{ dimensionId: 'a', kind: 'medium', text: 'Coding strong' }] },
      errors: [['signals.0.kind', 'invalid_kind']],
    },
    {
      name: 'same signal twice',
      input: {
        ...valid,
        signals: [
          { dimensionId: 'a', kind: 'strong', text: 'Coding strong' },
          { dimensionId: 'a', kind: 'strong', text: ' coding strong ' },
        ],
      },
      errors: [['signals.1.text', 'duplicate_signal']],
    },
    { name: 'listed red flag of a focus dimension', input: { ...valid, redFlags: ['dismisses trade-offs'] }, errors: [] },
    { name: 'red flag of a non-focus dimension', input: { ...valid, redFlags: ['Rude to staff'] }, errors: [['redFlags.0', 'unknown_red_flag']] },
    { name: 'free-text red flag', input: { ...valid, redFlags: ['Seemed nervous'] }, errors: [['redFlags.0', 'unknown_red_flag']] },
    {
      name: 'same red flag twice',
      input: { ...valid, redFlags: ['Dismisses trade-offs', 'DISMISSES TRADE-OFFS'] },
      errors: [['redFlags.1', 'duplicate_red_flag']],
    },
    {
      name: 'several problems at once, reported together',
      input: {
        ratings: [
          { ...ratedA, rating: 7, evidence: 'short' },
          { dimensionId: 'c', rating: 2, evidence: EVIDENCE },
        ],
        recommendation: 'perhaps',
        redFlags: ['nope'],
      },
      errors: [
        ['ratings.0.rating', 'invalid_rating'],
        ['ratings.0.evidence', 'evidence_too_short'],
        ['ratings.1.dimensionId', 'not_focus_dimension'],
        ['ratings', 'missing_dimension'],
        ['recommendation', 'invalid_recommendation'],
        ['redFlags.0', 'unknown_red_flag'],
      ],
    },
    // drafts: types, membership and contradictions only
    { name: 'draft: empty', mode: 'draft', input: {}, errors: [] },
    { name: 'draft: partial, without evidence or recommendation', mode: 'draft', input: { ratings: [{ dimensionId: 'a', rating: 2 }] }, errors: [] },
    { name: 'draft: not assessed without a reason yet', mode: 'draft', input: { ratings: [{ dimensionId: 'a', notAssessed: true }] }, errors: [] },
    {
      name: 'draft: rating out of range',
      mode: 'draft',
      input: { ratings: [{ dimensionId: 'a', rating: 9 }] },
      errors: [['ratings.0.rating', 'invalid_rating']],
    },
    {
      name: 'draft: non-focus dimension',
      mode: 'draft',
      input: { ratings: [{ dimensionId: 'c', rating: 2 }] },
      errors: [['ratings.0.dimensionId', 'not_focus_dimension']],
    },
    {
      name: 'draft: rating and notAssessed together',
      mode: 'draft',
      input: { ratings: [{ dimensionId: 'a', rating: 2, notAssessed: true }] },
      errors: [['ratings.0.rating', 'rating_with_not_assessed']],
    },
    {
      name: 'draft: unknown recommendation',
      mode: 'draft',
      input: { recommendation: 'maybe' },
      errors: [['recommendation', 'invalid_recommendation']],
    },
    // Rating scales: the loop version's scale bounds the rating.
    {
      name: 'five_point: 5 is a level',
      rules: { scale: { kind: 'five_point', min: 1, max: 5 } },
      input: { ...valid, ratings: [{ ...ratedA, rating: 5 }, ratedB] },
      errors: [],
    },
    {
      name: 'five_point: 6 is not',
      rules: { scale: { kind: 'five_point', min: 1, max: 5 } },
      input: { ...valid, ratings: [{ ...ratedA, rating: 6 }, ratedB] },
      errors: [['ratings.0.rating', 'invalid_rating']],
    },
    {
      name: 'four_point (explicit): 5 is not',
      rules: { scale: { kind: 'four_point', min: 1, max: 4 } },
      input: { ...valid, ratings: [{ ...ratedA, rating: 5 }, ratedB] },
      errors: [['ratings.0.rating', 'invalid_rating']],
    },
    {
      name: 'three_level: 3 (exceeds) is a level',
      rules: { scale: { kind: 'three_level', min: 1, max: 3 } },
      input: { ...valid, ratings: [{ ...ratedA, rating: 3 }, ratedB] },
      errors: [],
    },
    {
      name: 'three_level: 4 is not',
      rules: { scale: { kind: 'three_level', min: 1, max: 3 } },
      input: { ...valid, ratings: [{ ...ratedA, rating: 4 }, ratedB] },
      errors: [['ratings.0.rating', 'invalid_rating']],
    },
    {
      name: 'three_level: 0 is not',
      rules: { scale: { kind: 'three_level', min: 1, max: 3 } },
      input: { ...valid, ratings: [{ ...ratedA, rating: 0 }, ratedB] },
      errors: [['ratings.0.rating', 'invalid_rating']],
    },
  ];

  it("states the range of the loop version's scale", () => {
    const result = validateScorecard(
      { ...valid, ratings: [{ ...ratedA, rating: 6 }, ratedB] },
      { ...rules, scale: { kind: 'five_point', min: 1, max: 5 } },
      'submit',
    );
    if (result.ok) throw new Error('expected errors');
    expect(result.errors[0].message).toBe('Choose a rating for "Coding": a level from 1 to 5 (the five-point scale of loop version 3).');
  });

  it.each(cases)('$name', ({ input, mode, rules: override, errors }) => {
    const result = validateScorecard(input, { ...rules, ...override }, mode ?? 'submit');
    expect(result.ok ? [] : result.errors.map((e) => [e.field, e.code])).toEqual(errors);
    expect(result.ok).toBe(errors.length === 0);
  });

  it('names the loop version in membership errors', () => {
    const result = validateScorecard({ ...valid, ratings: [ratedA, ratedB, { ...ratedA, dimensionId: 'c' }] }, rules, 'submit');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors[0].message).toBe(
        '"Communication" is not a focus of this round in loop version 3; rate only the round\'s focus dimensions.',
      );
  });

  it('states how long the evidence is and must be', () => {
    const result = validateScorecard({ ...valid, ratings: [{ ...ratedA, evidence: 'too short' }, ratedB] }, rules, 'submit');
    if (result.ok) throw new Error('expected errors');
    expect(result.errors[0].message).toBe('The evidence for "Coding" needs at least 20 characters (it has 9).');
  });

  it('reports every problem of an empty submission at once, each in words with the dimension named (no ids, no codes)', () => {
    const result = validateScorecard({ ratings: [{ dimensionId: 'a' }] }, rules, 'submit');
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.map((e) => [e.field, e.message])).toEqual([
      ['ratings.0.rating', 'Choose a rating for "Coding" (1 to 4), or mark it not assessed and say why.'],
      ['ratings.0.evidence', 'Write the evidence for "Coding": what the candidate said or did (at least 20 characters).'],
      ['ratings', 'Rate "Design" with evidence, or mark it not assessed and say why.'],
      ['recommendation', 'Choose your recommendation: strong no hire, no hire, hire or strong hire.'],
    ]);
  });

  it('normalizes: ratings in focus order, texts trimmed, listed spellings, empty note → null', () => {
    const result = validateScorecard(
      {
        ratings: [
          { dimensionId: 'b', notAssessed: true, notAssessedReason: '  Ran out of time  ' },
          { dimensionId: 'a', rating: 4, evidence: `  ${EVIDENCE}  ` },
        ],
        recommendation: 'strong_yes',
        signals: [{ dimensionId: 'a', kind: 'strong', text: ' CODING strong 2 ' }],
        redFlags: [' copies code WITHOUT understanding'],
        privateNote: '   ',
      },
      rules,
      'submit',
    );
    expect(result).toEqual({
      ok: true,
      content: {
        ratings: [
          { dimensionId: 'a', rating: 4, evidence: EVIDENCE, notAssessed: false, notAssessedReason: null },
          { dimensionId: 'b', rating: null, evidence: null, notAssessed: true, notAssessedReason: 'Ran out of time' },
        ],
        recommendation: 'strong_yes',
        signals: [{ dimensionId: 'a', kind: 'strong', text: 'Coding strong 2' }],
        redFlags: ['Copies code without understanding'],
        levelAssessment: null,
        privateNote: null,
      },
    });
  });

  it('ignores focus ids the loop version does not contain', () => {
    const result = validateScorecard(valid, { ...rules, round: { ...rules.round, focusDimensionIds: ['a', 'b', 'gone'] } }, 'submit');
    expect(result.ok).toBe(true);
  });
});
