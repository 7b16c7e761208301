import type { LevelAssessment, Recommendation, ScorecardRating } from './rating';

export const SIGNAL_KINDS = ['strong', 'weak'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** A ticked signal: one of the dimension's listed strong or weak signals (canonical text from the loop version). */
export interface ScorecardSignal {
  dimensionId: string;
  kind: SignalKind;
  text: string;
}

/**
 * What an interviewer writes on a scorecard, normalized (trimmed, canonical signal and red-flag texts, ratings in
 * the round's focus order). The same shape is stored on `scorecards` and in every `scorecard_revisions.content`.
 */
export interface ScorecardContent {
  ratings: ScorecardRating[];
  recommendation: Recommendation | null;
  signals: ScorecardSignal[];
  redFlags: string[];
  levelAssessment: LevelAssessment | null;
  privateNote: string | null;
}

export const EMPTY_SCORECARD_CONTENT: ScorecardContent = Object.freeze({
  ratings: [],
  recommendation: null,
  signals: [],
  redFlags: [],
  levelAssessment: null,
  privateNote: null,
}) as ScorecardContent;

/** The content part of a stored scorecard row (or of a revision's `content`). Missing fields read as empty. */
export function contentOf(row: Partial<Record<keyof ScorecardContent, unknown>>): ScorecardContent {
  return {
    ratings: Array.isArray(row.ratings) ? (row.ratings as ScorecardRating[]).map(normalizeStoredRating) : [],
    recommendation: (row.recommendation as Recommendation | null | undefined) ?? null,
    signals: Array.isArray(row.signals)
      ? (row.signals as ScorecardSignal[]).map((s) => ({ dimensionId: s.dimensionId, kind: s.kind, text: s.text }))
      : [],
    redFlags: Array.isArray(row.redFlags) ? [...(row.redFlags as string[])] : [],
    levelAssessment: (row.levelAssessment as LevelAssessment | null | undefined) ?? null,
    privateNote: (row.privateNote as string | null | undefined) ?? null,
  };
}

function normalizeStoredRating(r: ScorecardRating): ScorecardRating {
  return {
    dimensionId: r.dimensionId,
    rating: r.rating === null || r.rating === undefined ? null : (Number(r.rating) as ScorecardRating['rating']),
    evidence: r.evidence ?? null,
    notAssessed: Boolean(r.notAssessed),
    notAssessedReason: r.notAssessedReason ?? null,
  };
}

/** True when two contents say the same thing (key order of stored JSON does not matter, array order does). */
export function sameContent(a: ScorecardContent, b: ScorecardContent): boolean {
  return stableJson(contentOf(a)) === stableJson(contentOf(b));
}

/** JSON with object keys sorted at every level; undefined fields left out. Used for comparisons and request hashes. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stableJson(v))).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Numeric rows for `scorecard_ratings`: rated dimensions only ("not assessed" entries carry no number). */
export function ratedDimensions(content: ScorecardContent): { dimensionId: string; rating: number }[] {
  return content.ratings.filter((r) => !r.notAssessed && r.rating !== null).map((r) => ({ dimensionId: r.dimensionId, rating: Number(r.rating) }));
}

/** Applies `fn` to every free-text field of a content (evidence, not-assessed reasons, private note). */
export function mapContentText(content: ScorecardContent, fn: (text: string) => string): ScorecardContent {
  const map = (text: string | null) => (text === null ? null : fn(text));
  return {
    ...content,
    ratings: content.ratings.map((r) => ({ ...r, evidence: map(r.evidence), notAssessedReason: map(r.notAssessedReason) })),
    signals: content.signals.map((s) => ({ ...s })),
    redFlags: [...content.redFlags],
    privateNote: map(content.privateNote),
  };
}
