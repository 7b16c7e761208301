import { describe, expect, it } from 'vitest';
import type { Debrief, ReasonCode, Report, ReportReason } from '../api/types';
import { decimalsFor, formatFigures } from './figures';
import { SCALE_LEVELS } from './ratingScale';
import { joinNames, reasonContextOf, reasonSentence, sanitizeMessage } from './reasons';

const ALICE = '24401d86-0000-4000-8000-000000000001';
const BOB = '5c158f1f-0000-4000-8000-000000000002';
const CAROL = '7a7a7a7a-0000-4000-8000-000000000003';
const CODING = 'd1d1d1d1-0000-4000-8000-00000000000a';
const DESIGN = 'd2d2d2d2-0000-4000-8000-00000000000b';
const POLICY: Report['policy'] = {
  bar: 3,
  floor: 2,
  minCoverage: 0.8,
  minInterviewers: 3,
  margin: 0.5,
  adjustForLeniency: true,
  everyDimensionMeets: false,
};
const ANY_ID = /[0-9a-f]{8}-[0-9a-f]{4}-/i;
const ANY_CODE = /\b(strong_yes|strong_no|no_hire|below_bar|red_flag|split_panel|[a-z]+_[a-z_]+)\b/;

function debrief(overrides: Partial<Debrief> = {}): Debrief {
  const card = (id: string, name: string, recommendation: 'strong_no' | 'no' | 'yes' | 'strong_yes') => ({
    id: `sc-${name}`,
    interviewId: `i-${name}`,
    interviewer: { id, name },
    round: { id: 'r', name: 'Round', kind: null },
    ratings: [],
    recommendation,
    signals: [],
    redFlags: [],
    levelAssessment: null,
    revision: 1,
    submittedAt: null,
    amendedAfterViewingPanel: false,
    amendments: [],
  });
  return {
    application: {
      id: 'a',
      status: 'active',
      stage: 'debrief',
      decidedAt: null,
      candidate: { id: 'c', name: 'Jordan' },
      role: { id: 'role', title: 'RS', level: null },
    },
    report: {
      algorithmVersion: 'test',
      inputsHash: 'x',
      recommendation: 'inconclusive',
      reasons: [],
      score: 2.9,
      rawScore: 2.9,
      coverage: 1,
      interval: { level: 0.9, low: 2.5, high: 3.3 },
      splitPanel: false,
      dimensions: [
        {
          dimensionId: CODING,
          name: 'Coding',
          weight: 50,
          weightShare: 0.5,
          required: true,
          ratings: 2,
          raters: 2,
          rawMean: 2,
          adjustedMean: 2,
          min: 1,
          max: 3,
          disagreement: true,
        },
        {
          dimensionId: DESIGN,
          name: 'System design',
          weight: 50,
          weightShare: 0.5,
          required: true,
          ratings: 0,
          raters: 0,
          rawMean: null,
          adjustedMean: null,
          min: null,
          max: null,
          disagreement: false,
        },
      ],
      redFlags: [{ flag: 'Dismissed reviewers', raisedBy: [BOB] }],
      interviewers: [],
      version: 3,
      computedAt: '2026-01-01T00:00:00Z',
      scorecardCount: 3,
      policy: POLICY,
    },
    status: 'current',
    covers: [],
    pendingRevisions: [],
    scorecards: [card(ALICE, 'Alice', 'strong_yes'), card(BOB, 'Bob', 'no'), card(CAROL, 'Carol', 'yes')],
    disagreements: [],
    redFlags: [],
    awaitingFeedback: [],
    decision: null,
    interviewerNames: { [ALICE]: 'Alice Adams', [BOB]: 'Bob Brown', [CAROL]: 'Carol Chen' },
    ...overrides,
  };
}

const ctx = reasonContextOf(debrief(), SCALE_LEVELS.four_point);
const say = (r: Partial<ReportReason>) => reasonSentence({ code: 'x', message: '', ...r } as ReportReason, ctx);

describe('figures: two decimals, more only where a failing figure would print equal to its threshold', () => {
  it.each([
    [
      [2.99996, 3],
      ['2.99996', '3.00000'],
    ],
    [
      [2.996, 3],
      ['2.996', '3.000'],
    ],
    [
      [2.994, 3],
      ['2.99', '3.00'],
    ],
    [
      [2.9, 3],
      ['2.90', '3.00'],
    ],
    [
      [3, 3],
      ['3.00', '3.00'],
    ],
    [
      [3 + 1e-12, 3],
      ['3.00', '3.00'],
    ], // float noise is a tie, not a difference
    [
      [2.5, 2.504, 3],
      ['2.500', '2.504', '3.000'],
    ],
  ])('%j → %j', (values, expected) => {
    expect(formatFigures(...values)).toEqual(expected);
  });
  it('stops at 6 decimals', () => expect(decimalsFor([3 - 1e-8, 3])).toBe(6));
});

describe('reason sentences: every code in words, with names and figures', () => {
  it.each<[string, Partial<ReportReason>, string]>([
    [
      'insufficient_evidence (scorecards)',
      { code: 'insufficient_evidence', figures: { scorecards: 1, minInterviewers: 2 } },
      'Only 1 scorecard has been submitted; this role needs at least 2 before recommending.',
    ],
    [
      'insufficient_evidence (interviewers)',
      { code: 'insufficient_evidence', figures: { interviewers: 2, minInterviewers: 3 } },
      'Only 2 interviewers have submitted a scorecard; this role needs at least 3 before recommending.',
    ],
    [
      'insufficient_evidence (one interviewer)',
      { code: 'insufficient_evidence', figures: { interviewers: 1, minInterviewers: 3 } },
      'Only 1 interviewer has submitted a scorecard; this role needs at least 3 before recommending.',
    ],
    [
      'insufficient_evidence (none)',
      { code: 'insufficient_evidence', figures: { scorecards: 0, minInterviewers: 3 } },
      'No scorecards have been submitted yet; this role needs at least 3 before recommending.',
    ],
    [
      'insufficient_evidence (coverage)',
      { code: 'insufficient_evidence', figures: { coverage: 0.6, minCoverage: 0.8 } },
      "Ratings cover 60% of the loop's weight; at least 80% is needed.",
    ],
    [
      'insufficient_evidence (coverage just short)',
      { code: 'insufficient_evidence', figures: { coverage: 0.7999, minCoverage: 0.8 } },
      "Ratings cover 79.99% of the loop's weight; at least 80.00% is needed.",
    ],
    [
      'insufficient_evidence (no score)',
      { code: 'insufficient_evidence', message: 'No weighted dimension has been rated, so there is no score.' },
      'No weighted dimension has been rated yet, so there is no score.',
    ],
    [
      'dimension_unassessed',
      { code: 'dimension_unassessed', dimensionId: DESIGN },
      'Nobody has rated System design, a required dimension, so the report cannot recommend hiring yet.',
    ],
    [
      'dimension_unassessed (with its weight)',
      { code: 'dimension_unassessed', dimensionId: DESIGN, figures: { weightShare: 0.2 } },
      "Nobody has rated System design, a required dimension carrying 20% of the loop's weight, so the report cannot recommend hiring yet.",
    ],
    [
      'low_rating',
      { code: 'low_rating', dimensionId: CODING, interviewerId: BOB, figures: { rating: 1 } },
      'Bob Brown rated Coding 1 (“Strong evidence against”), the lowest level; hiring cannot be recommended until another interviewer has rated Coding.',
    ],
    [
      'below_floor',
      { code: 'below_floor', dimensionId: CODING, figures: { mean: 1.5, floor: 2, raters: 2 } },
      'Coding averages 1.50 after the leniency correction across 2 interviewers, below the floor of 2.00.',
    ],
    [
      'below_meets',
      { code: 'below_meets', dimensionId: CODING, figures: { mean: 2.75, meets: 3 } },
      'Coding averages 2.75, below the “Evidence for” level of 3.00; this role hires only when every required dimension meets the bar.',
    ],
    ['below_bar (score)', { code: 'below_bar', figures: { score: 2.99996, bar: 3 } }, 'The weighted score 2.99996 is below the bar of 3.00000.'],
    [
      'below_bar (interval top)',
      { code: 'below_bar', figures: { intervalHigh: 2.71, bar: 3 } },
      'Even the top of the 90% range for the score (2.71) is below the bar of 3.00.',
    ],
    [
      'uncertain',
      { code: 'uncertain', figures: { intervalLow: 2.4, bar: 3, margin: 0.5 } },
      'The 90% range for the score reaches down to 2.40, more than 0.50 below the bar of 3.00.',
    ],
    [
      "uncertain (with the engine's threshold)",
      { code: 'uncertain', figures: { intervalLow: 2.6666, bar: 3, margin: 0.3333, threshold: 2.6667 } },
      'The 90% range for the score reaches down to 2.6666, more than 0.33 below the bar of 3.0000.',
    ],
    [
      'uncertain (just past the margin)',
      { code: 'uncertain', figures: { intervalLow: 2.49999, bar: 3, margin: 0.5 } },
      'The 90% range for the score reaches down to 2.49999, more than 0.50 below the bar of 3.00000.',
    ],
    [
      'meets_bar',
      { code: 'meets_bar', figures: { score: 3.2, bar: 3, intervalLow: 2.8, margin: 0.5 } },
      'The weighted score 3.20 meets the bar of 3.00, and the 90% range starts at 2.80, no more than 0.50 below the bar.',
    ],
    [
      'red_flag (ids on the reason)',
      { code: 'red_flag', flag: 'Dismissed reviewers', interviewerIds: [BOB, CAROL] },
      'Bob Brown and Carol Chen raised the red flag “Dismissed reviewers”.',
    ],
    ['red_flag (raisers from the report)', { code: 'red_flag', flag: 'Dismissed reviewers' }, 'Bob Brown raised the red flag “Dismissed reviewers”.'],
    [
      'split_panel (sides on the reason)',
      { code: 'split_panel', high: { recommendation: 'strong_yes', interviewerIds: [ALICE] }, low: { recommendation: 'no', interviewerIds: [BOB] } },
      'The panel is split: Alice Adams recommends “Strong hire” while Bob Brown recommends “No hire”.',
    ],
    [
      'split_panel (both sides named by id, as the engine does)',
      { code: 'split_panel', interviewerIds: [ALICE, BOB] },
      'The panel is split: Alice Adams recommends “Strong hire” while Bob Brown recommends “No hire”.',
    ],
    [
      'split_panel (sides from the scorecards)',
      { code: 'split_panel', message: `The panel is split: ${ALICE} recommends strong_yes while ${BOB} recommends no.` },
      'The panel is split: Alice Adams recommends “Strong hire” while Bob Brown recommends “No hire”.',
    ],
  ])('%s', (_name, reason, sentence) => {
    const text = say(reason);
    expect(text).toBe(sentence);
    expect(text).not.toMatch(ANY_ID);
    expect(text).not.toMatch(ANY_CODE);
  });

  it("a figure missing → the engine's sentence, with names for ids and labels for codes", () => {
    const text = say({
      code: 'below_floor',
      dimensionId: CODING,
      message: `Red flag by ${BOB}; ${CAROL} recommends strong_no and ${ALICE} recommends yes.`,
    });
    expect(text).toBe('Red flag by Bob Brown; Carol Chen recommends “Strong no hire” and Alice Adams recommends “Hire”.');
  });

  it('an unknown code → the engine\'s sentence without ids; an unknown person is "an interviewer"', () => {
    expect(say({ code: 'something_new' as ReasonCode, message: `Raised by ${'99999999-0000-4000-8000-000000000000'}.` })).toBe(
      'Raised by an interviewer.',
    );
  });

  it('names come from the scorecards when the debrief has no interviewerNames', () => {
    const c = reasonContextOf(debrief({ interviewerNames: undefined }), SCALE_LEVELS.four_point);
    expect(reasonSentence({ code: 'red_flag', message: '', flag: 'x', interviewerIds: [ALICE] }, c)).toBe('Alice raised the red flag “x”.');
  });

  it('the lowest level and the "meets" level follow the role\'s scale', () => {
    const c = reasonContextOf(debrief(), SCALE_LEVELS.three_level);
    expect(reasonSentence({ code: 'low_rating', message: '', dimensionId: CODING, interviewerId: ALICE }, c)).toMatch(
      /^Alice Adams rated Coding 1 \(“Below”\)/,
    );
    expect(reasonSentence({ code: 'below_meets', message: '', dimensionId: CODING, figures: { mean: 1.99996 } }, c)).toBe(
      'Coding averages 1.99996, below the “Meets” level of 2.00000; this role hires only when every required dimension meets the bar.',
    );
  });

  it('without leniency correction the mean is not called adjusted', () => {
    const c = reasonContextOf(
      debrief({ report: { ...debrief().report!, policy: { ...POLICY, adjustForLeniency: false } } }),
      SCALE_LEVELS.four_point,
    );
    expect(reasonSentence({ code: 'below_floor', message: '', dimensionId: CODING, figures: { mean: 1.5, floor: 2, raters: 2 } }, c)).toBe(
      'Coding averages 1.50 across 2 interviewers, below the floor of 2.00.',
    );
  });

  it('joins names', () => {
    expect(joinNames([])).toBe('');
    expect(joinNames(['A'])).toBe('A');
    expect(joinNames(['A', 'B'])).toBe('A and B');
    expect(joinNames(['A', 'B', 'C'])).toBe('A, B and C');
  });

  it('sanitizes without touching ordinary words', () => {
    expect(sanitizeMessage('There is no score yet.', ctx)).toBe('There is no score yet.');
  });
});
