import type { LevelAssessment, RatingInput, Recommendation, Scorecard, ScorecardDraftBody, ScorecardSubmitBody, SignalTick } from '../api/types';

/** The scorecard form's state: one answer per focus dimension plus the overall fields. */
export interface DimensionAnswer {
  rating: number | null;
  evidence: string;
  notAssessed: boolean;
  notAssessedReason: string;
}

export interface ScorecardForm {
  answers: Record<string, DimensionAnswer>;
  recommendation: Recommendation | null;
  /** Ticked signals as keys from signalKey(). */
  signals: string[];
  redFlags: string[];
  levelAssessment: LevelAssessment | null;
  privateNote: string;
}

export const emptyAnswer = (): DimensionAnswer => ({ rating: null, evidence: '', notAssessed: false, notAssessedReason: '' });

export function signalKey(s: SignalTick): string {
  return `${s.dimensionId}|${s.kind}|${s.text}`;
}

export function parseSignalKey(key: string): SignalTick {
  const [dimensionId, kind, ...rest] = key.split('|');
  return { dimensionId, kind: kind === 'weak' ? 'weak' : 'strong', text: rest.join('|') };
}

/** The form for these focus dimensions, filled from a saved draft or submission when there is one. */
export function formFromScorecard(dimensionIds: string[], scorecard: Partial<Scorecard> | null | undefined): ScorecardForm {
  const answers: Record<string, DimensionAnswer> = {};
  for (const id of dimensionIds) answers[id] = emptyAnswer();
  for (const r of scorecard?.ratings ?? []) {
    if (!r || !(r.dimensionId in answers)) continue;
    answers[r.dimensionId] = {
      rating: typeof r.rating === 'number' ? r.rating : null,
      evidence: r.evidence ?? '',
      notAssessed: Boolean(r.notAssessed),
      notAssessedReason: r.notAssessedReason ?? '',
    };
  }
  return {
    answers,
    recommendation: scorecard?.recommendation ?? null,
    signals: (scorecard?.signals ?? []).filter((s) => s && s.dimensionId in answers).map(signalKey),
    redFlags: [...(scorecard?.redFlags ?? [])],
    levelAssessment: scorecard?.levelAssessment ?? null,
    privateNote: scorecard?.privateNote ?? '',
  };
}

function ratingEntry(dimensionId: string, a: DimensionAnswer, forSubmit: boolean): RatingInput {
  if (a.notAssessed) return { dimensionId, notAssessed: true, notAssessedReason: a.notAssessedReason.trim() || (forSubmit ? '' : undefined) };
  return { dimensionId, rating: a.rating ?? undefined, evidence: forSubmit ? a.evidence.trim() : a.evidence };
}

/** Body of PUT /interviews/:id/scorecard: whatever is filled in so far. */
export function draftPayload(dimensionIds: string[], form: ScorecardForm): ScorecardDraftBody {
  return {
    ratings: dimensionIds
      .map((id) => ({ id, a: form.answers[id] ?? emptyAnswer() }))
      .filter(({ a }) => a.rating !== null || a.evidence !== '' || a.notAssessed)
      .map(({ id, a }) => ratingEntry(id, a, false)),
    recommendation: form.recommendation,
    signals: form.signals.map(parseSignalKey),
    redFlags: form.redFlags,
    levelAssessment: form.levelAssessment,
    privateNote: form.privateNote || null,
  };
}

/**
 * Body of POST /interviews/:id/scorecard/submit. Every focus dimension is sent, in the kit's order, so that the
 * API's `ratings.<index>.…` errors map back to a dimension (see ratingOrder()).
 */
export function submitPayload(
  dimensionIds: string[],
  form: ScorecardForm,
): Omit<ScorecardSubmitBody, 'recommendation'> & { recommendation: Recommendation | null } {
  const body: Omit<ScorecardSubmitBody, 'recommendation'> & { recommendation: Recommendation | null } = {
    ratings: dimensionIds.map((id) => ratingEntry(id, form.answers[id] ?? emptyAnswer(), true)),
    recommendation: form.recommendation,
    signals: form.signals.map(parseSignalKey),
    redFlags: form.redFlags,
  };
  if (form.levelAssessment) body.levelAssessment = form.levelAssessment;
  if (form.privateNote.trim()) body.privateNote = form.privateNote.trim();
  return body;
}

/** A stable fingerprint of the form, to autosave only when something changed. */
export function formFingerprint(form: ScorecardForm): string {
  return JSON.stringify(form);
}

export function toggle<T>(list: T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

/** How far the interviewer is: dimensions answered out of all, plus whether a recommendation is chosen. */
export function progress(dimensionIds: string[], form: ScorecardForm): { answered: number; total: number; complete: boolean } {
  const answered = dimensionIds.filter((id) => {
    const a = form.answers[id];
    return a && (a.notAssessed ? a.notAssessedReason.trim() !== '' : a.rating !== null && a.evidence.trim() !== '');
  }).length;
  return { answered, total: dimensionIds.length, complete: answered === dimensionIds.length && form.recommendation !== null };
}

/** The API's shortest accepted reason for a dimension marked not assessed (NOT_ASSESSED_REASON_MIN_LENGTH). */
export const NOT_ASSESSED_REASON_MIN_LENGTH = 5;
/** The API's shortest accepted amendment reason. */
export const AMEND_REASON_MIN_LENGTH = 5;

/**
 * Every problem that would stop a submission, found before sending it, keyed by the fields the form shows them next
 * to (`ratings.<dimensionId>.rating|evidence|notAssessedReason`, `recommendation`, `reason`) and worded like the
 * API's own messages. All problems at once: the API's input validation stops at the first layer that fails (an
 * empty recommendation hides the ratings' problems), the form does not.
 */
export function submitProblems(
  dimensions: { id: string; name: string }[],
  form: ScorecardForm,
  rules: { minEvidenceLength: number; amendReason?: string },
): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: string, message: string) => (problems[field] = [...(problems[field] ?? []), message]);
  for (const d of dimensions) {
    const a = form.answers[d.id] ?? emptyAnswer();
    const at = `ratings.${d.id}`;
    if (a.notAssessed) {
      if (a.notAssessedReason.trim().length < NOT_ASSESSED_REASON_MIN_LENGTH)
        add(`${at}.notAssessedReason`, `Say why ${d.name} was not assessed (at least ${NOT_ASSESSED_REASON_MIN_LENGTH} characters).`);
      continue;
    }
    if (a.rating === null) add(`${at}.rating`, `Choose a rating for ${d.name}, or tick "I could not assess ${d.name}" and say why.`);
    const evidence = a.evidence.trim();
    if (evidence === '')
      add(
        `${at}.evidence`,
        `Write the evidence for ${d.name}: what the candidate said or did${rules.minEvidenceLength > 0 ? ` (at least ${rules.minEvidenceLength} characters)` : ''}.`,
      );
    else if (evidence.length < rules.minEvidenceLength)
      add(`${at}.evidence`, `The evidence for ${d.name} needs at least ${rules.minEvidenceLength} characters (it has ${evidence.length}).`);
  }
  if (!form.recommendation) add('recommendation', 'Choose your recommendation: strong no hire, no hire, hire or strong hire.');
  if (rules.amendReason !== undefined && rules.amendReason.trim().length < AMEND_REASON_MIN_LENGTH)
    add('reason', `Say why you amend your scorecard (at least ${AMEND_REASON_MIN_LENGTH} characters).`);
  return problems;
}
