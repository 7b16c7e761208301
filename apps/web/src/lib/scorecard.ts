import type { LevelAssessment, RatingInput, Recommendation, Scorecard, SignalTick } from '../api/types';

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
export function draftPayload(dimensionIds: string[], form: ScorecardForm) {
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
export function submitPayload(dimensionIds: string[], form: ScorecardForm) {
  const body: Record<string, unknown> = {
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
