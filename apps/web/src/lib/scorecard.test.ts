import { describe, expect, it } from 'vitest';
import { draftPayload, formFromScorecard, parseSignalKey, progress, signalKey, submitPayload, submitProblems } from './scorecard';

const ids = ['d1', 'd2'];

describe('scorecard form', () => {
  it('starts empty for every focus dimension, and fills from a saved draft', () => {
    const empty = formFromScorecard(ids, null);
    expect(Object.keys(empty.answers)).toEqual(ids);
    expect(empty.recommendation).toBeNull();

    const form = formFromScorecard(ids, {
      status: 'draft',
      ratings: [
        { dimensionId: 'd1', rating: 3, evidence: 'Explained the trade-off', notAssessed: false, notAssessedReason: null },
        { dimensionId: 'gone', rating: 1, evidence: 'x', notAssessed: false, notAssessedReason: null },
      ],
      recommendation: 'yes',
      signals: [
        { dimensionId: 'd1', kind: 'strong', text: 'Names a baseline' },
        { dimensionId: 'gone', kind: 'weak', text: 'x' },
      ],
      redFlags: ['Dismissive'],
      levelAssessment: 'at',
    });
    expect(form.answers.d1).toEqual({ rating: 3, evidence: 'Explained the trade-off', notAssessed: false, notAssessedReason: '' });
    expect(form.signals).toEqual(['d1|strong|Names a baseline']);
    expect(form.redFlags).toEqual(['Dismissive']);
  });

  it('round-trips signal keys, even with a | in the text', () => {
    const s = { dimensionId: 'd1', kind: 'weak' as const, text: 'A | B' };
    expect(parseSignalKey(signalKey(s))).toEqual(s);
  });

  it('drafts only what is filled in, and never sends a reason with a rating', () => {
    const form = formFromScorecard(ids, null);
    form.answers.d1 = { rating: 2, evidence: '', notAssessed: false, notAssessedReason: 'stale' };
    const body = draftPayload(ids, form);
    expect(body.ratings).toEqual([{ dimensionId: 'd1', rating: 2, evidence: '' }]);
    expect(body.privateNote).toBeNull();
  });

  it('submits every focus dimension in kit order: a rating with trimmed evidence, or notAssessed with a reason', () => {
    const form = formFromScorecard(ids, null);
    form.answers.d1 = { rating: 4, evidence: '  Built the model end to end  ', notAssessed: false, notAssessedReason: '' };
    form.answers.d2 = { rating: null, evidence: 'ignored', notAssessed: true, notAssessedReason: 'Ran out of time' };
    form.recommendation = 'strong_yes';
    form.signals = ['d1|strong|Names a baseline'];
    const body = submitPayload(ids, form);
    expect(body.ratings).toEqual([
      { dimensionId: 'd1', rating: 4, evidence: 'Built the model end to end' },
      { dimensionId: 'd2', notAssessed: true, notAssessedReason: 'Ran out of time' },
    ]);
    expect(body.recommendation).toBe('strong_yes');
    expect(body.signals).toEqual([{ dimensionId: 'd1', kind: 'strong', text: 'Names a baseline' }]);
    expect(body).not.toHaveProperty('levelAssessment');
    expect(body).not.toHaveProperty('privateNote');
  });

  it('tracks progress', () => {
    const form = formFromScorecard(ids, null);
    expect(progress(ids, form)).toEqual({ answered: 0, total: 2, complete: false });
    form.answers.d1 = { rating: 3, evidence: 'ok', notAssessed: false, notAssessedReason: '' };
    form.answers.d2 = { rating: null, evidence: '', notAssessed: true, notAssessedReason: 'No time' };
    form.recommendation = 'yes';
    expect(progress(ids, form)).toEqual({ answered: 2, total: 2, complete: true });
  });

  describe('problems before submitting', () => {
    const dims = [
      { id: 'd1', name: 'Modelling' },
      { id: 'd2', name: 'Communication' },
    ];

    it('names every problem of an empty scorecard at once, next to its field, in words', () => {
      expect(submitProblems(dims, formFromScorecard(ids, null), { minEvidenceLength: 20 })).toEqual({
        'ratings.d1.rating': ['Choose a rating for Modelling, or tick "I could not assess Modelling" and say why.'],
        'ratings.d1.evidence': ['Write the evidence for Modelling: what the candidate said or did (at least 20 characters).'],
        'ratings.d2.rating': ['Choose a rating for Communication, or tick "I could not assess Communication" and say why.'],
        'ratings.d2.evidence': ['Write the evidence for Communication: what the candidate said or did (at least 20 characters).'],
        recommendation: ['Choose your recommendation: strong no hire, no hire, hire or strong hire.'],
      });
    });

    it('asks for a reason when a dimension is not assessed, counts evidence characters, checks the amendment reason', () => {
      const form = formFromScorecard(ids, null);
      form.answers.d1 = { rating: 3, evidence: '  too short  ', notAssessed: false, notAssessedReason: '' };
      form.answers.d2 = { rating: null, evidence: '', notAssessed: true, notAssessedReason: ' no ' };
      form.recommendation = 'no';
      expect(submitProblems(dims, form, { minEvidenceLength: 20, amendReason: '' })).toEqual({
        'ratings.d1.evidence': ['The evidence for Modelling needs at least 20 characters (it has 9).'],
        'ratings.d2.notAssessedReason': ['Say why Communication was not assessed (at least 5 characters).'],
        reason: ['Say why you amend your scorecard (at least 5 characters).'],
      });
    });

    it('finds nothing in a complete scorecard', () => {
      const form = formFromScorecard(ids, null);
      form.answers.d1 = { rating: 4, evidence: 'Built the model end to end', notAssessed: false, notAssessedReason: '' };
      form.answers.d2 = { rating: null, evidence: '', notAssessed: true, notAssessedReason: 'Ran out of time' };
      form.recommendation = 'yes';
      expect(submitProblems(dims, form, { minEvidenceLength: 20 })).toEqual({});
      expect(submitProblems(dims, form, { minEvidenceLength: 20, amendReason: 'Misread my notes' })).toEqual({});
    });
  });
});
