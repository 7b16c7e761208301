import { describe, expect, it } from 'vitest';
import { ApiError, indexFieldErrors, messagesUnder, remapIndexedErrors, toApiError, unclaimedErrors } from './problem';

const problem = {
  type: 'https://hireloop.dev/problems/validation_failed',
  title: 'Bad Request',
  status: 400,
  detail: 'Invalid request: ratings.0.evidence, recommendation',
  code: 'validation_failed',
  errors: [
    { field: 'ratings.0.evidence', message: 'evidence must be at least 40 characters (it has 12)', code: 'evidence_too_short' },
    { field: 'ratings.1.rating', message: 'rating is required', code: 'rating_required' },
    { field: 'recommendation', message: 'recommendation is required', code: 'required' },
    { field: 'recommendation', message: 'recommendation is required', code: 'required' },
  ],
};

describe('toApiError', () => {
  it('keeps the problem+json fields and indexes field errors by path (without duplicates)', () => {
    const e = toApiError(400, problem);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.code).toBe('validation_failed');
    expect(e.message).toBe(problem.detail);
    expect(e.forField('recommendation')).toEqual(['recommendation is required']);
    expect(e.forField('ratings.0.evidence')).toHaveLength(1);
    expect(e.under('ratings')).toHaveLength(2);
    expect(e.under('ratings.0')).toEqual(['evidence must be at least 40 characters (it has 12)']);
    expect(e.under('rat')).toEqual([]);
  });

  it('makes a readable error from a non-JSON body or a network failure', () => {
    expect(toApiError(502, '<html>Bad gateway</html>', 'Bad Gateway').message).toContain('Bad gateway');
    expect(toApiError(0, null).code).toBe('network_error');
    expect(toApiError(500, null).message).toMatch(/server/);
  });

  it('takes Nest-style { message } bodies as the detail', () => {
    expect(toApiError(404, { statusCode: 404, message: 'Role not found' }).message).toBe('Role not found');
  });
});

describe('field error helpers', () => {
  const index = indexFieldErrors(problem.errors);

  it('re-keys indexed array errors by the ids that were sent in that order', () => {
    const remapped = remapIndexedErrors(index, 'ratings', ['dim-a', 'dim-b']);
    expect(remapped['ratings.dim-a.evidence']).toHaveLength(1);
    expect(remapped['ratings.dim-b.rating']).toEqual(['rating is required']);
    expect(remapped.recommendation).toEqual(['recommendation is required']);
  });

  it('leaves an index without a matching key untouched', () => {
    const remapped = remapIndexedErrors(index, 'ratings', ['only-one']);
    expect(remapped['ratings.1.rating']).toEqual(['rating is required']);
  });

  it('lists the errors no input claims, so nothing is dropped', () => {
    expect(unclaimedErrors(index, ['ratings']).map((e) => e.field)).toEqual(['recommendation']);
    expect(unclaimedErrors(index, ['ratings', 'recommendation'])).toEqual([]);
    expect(messagesUnder(index, 'recommendation')).toEqual(['recommendation is required']);
  });
});
