import { describe, expect, it } from 'vitest';
import type { RatingEntry, Scorecard } from '../api/types';
import { toViewScorecard } from './scorecardView';

const rating = (r: Pick<RatingEntry, 'dimensionId' | 'rating'> & Partial<RatingEntry>): RatingEntry => ({
  evidence: null,
  notAssessed: false,
  notAssessedReason: null,
  ...r,
});

const card = (ratings: (Pick<RatingEntry, 'dimensionId' | 'rating'> & Partial<RatingEntry>)[]): Scorecard => ({
  id: 'sc1',
  interviewId: 'i1',
  applicationId: 'a1',
  loopVersionId: 'lv1',
  status: 'submitted',
  revision: 1,
  submittedAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  history: [],
  amendedAfterViewingPanel: false,
  amendments: [],
  ratings: ratings.map(rating),
  recommendation: 'yes',
  signals: [],
  redFlags: [],
  levelAssessment: null,
  interviewerId: 'm1',
  interviewerName: 'Alice',
});

describe('panel feedback keeps dimension names (issue 19 item 5)', () => {
  it("uses the API's name for a dimension outside the reader's round, the known names otherwise", () => {
    const view = toViewScorecard(
      card([
        { dimensionId: 'mine', rating: 3 },
        { dimensionId: 'other', rating: 2, dimensionName: 'System design' },
        { dimensionId: 'role-only', rating: 4 },
      ]),
      { mine: 'Coding', 'role-only': 'Research taste' },
    );
    expect(view.ratings.map((r) => r.dimensionName)).toEqual(['Coding', 'System design', 'Research taste']);
    expect(view.interviewer).toEqual({ id: 'm1', name: 'Alice' });
  });
  it('an unknown dimension has no name (the view says "a dimension of another round", never an id)', () => {
    expect(toViewScorecard(card([{ dimensionId: 'x', rating: 1 }]), {}).ratings[0].dimensionName).toBe('');
  });
});
