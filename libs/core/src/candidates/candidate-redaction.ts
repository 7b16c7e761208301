/** What replaces the candidate's name in free text after erasure (and in audit rows, from the start). */
export const CANDIDATE_PLACEHOLDER = '[candidate]';
export const ERASED_CANDIDATE_NAME = 'Erased candidate';
/** What replaces every free text about an erased candidate (at least 10 characters, like a rationale must be: evidence, notes, reasons, rationales, stage labels). */
export const ERASED_TEXT = '[erased on request]';

/** Fields of stored JSON (e.g. replayable scorecard responses) whose text is about the candidate. */
export const CANDIDATE_FREE_TEXT_FIELDS: ReadonlySet<string> = new Set([
  'evidence',
  'notAssessedReason',
  'privateNote',
  'reason',
  'rationale',
  'overrideReason',
  'stage',
]);

/** The placeholder email of an erased candidate: unique per candidate, never deliverable. */
export function erasedCandidateEmail(candidateId: string): string {
  return `erased+${candidateId}@invalid.hireloop`;
}

/** Name tokens shorter than this are left alone ("Li", "Bo" would erase too much ordinary text). */
export const MIN_NAME_TOKEN_LENGTH = 3;

/**
 * The terms that identify a candidate in free text: the full name, each name token of at least 3 letters (split at
 * spaces, hyphens and apostrophes, and the hyphenated/apostrophed token whole), the email address and its local part.
 * Longest first, so "Jane Doe" is replaced as a whole before "Jane".
 */
export function candidateTerms(name: string, email?: string | null): string[] {
  const terms = new Set<string>();
  const fullName = name.trim().replace(/\s+/g, ' ');
  if (fullName.length >= MIN_NAME_TOKEN_LENGTH) terms.add(fullName);
  for (const word of fullName.split(' ')) {
    const bare = stripPunctuation(word);
    if (bare.length >= MIN_NAME_TOKEN_LENGTH) terms.add(bare);
    for (const part of bare.split(/[-'’]/)) if (part.length >= MIN_NAME_TOKEN_LENGTH) terms.add(part);
  }
  if (email) {
    const trimmed = email.trim();
    if (trimmed) terms.add(trimmed);
    const local = trimmed.split('@')[0];
    if (local && local.length >= MIN_NAME_TOKEN_LENGTH) terms.add(local);
  }
  return [...terms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/** A case-insensitive matcher of whole-word occurrences of the terms (letters and digits around a match stop it). */
export function candidateMatcher(terms: string[]): RegExp | null {
  if (terms.length === 0) return null;
  const alternatives = terms.map(escapeRegExp).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'giu');
}

/**
 * Replaces every occurrence of the candidate's name (full, or any token of ≥ 3 letters) and email in `text` with
 * "[candidate]". Matching is case-insensitive and on whole words only, so "Ann" does not touch "annual" — but a
 * token that is also an ordinary word ("Will", "May") is replaced wherever it stands: erasure errs on the side of
 * removing too much.
 */
export function redactCandidate(text: string, terms: string[]): string {
  return candidateRedactor(terms)(text);
}

/** `redactCandidate` for many texts of one candidate: the pattern is built once (a scorecard masks every evidence). */
export function candidateRedactor(terms: string[]): (text: string) => string {
  const matcher = candidateMatcher(terms);
  return matcher ? (text) => text.replace(matcher, CANDIDATE_PLACEHOLDER) : (text) => text;
}

function stripPunctuation(word: string): string {
  return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

function escapeRegExp(value: string): string {
  // Only the syntax characters: in unicode mode ('u'), escaping anything else (like '-') is itself an error.
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `redactCandidate` applied to every string inside a JSON value (object keys are left alone). */
export function redactCandidateDeep<T>(value: T, terms: string[]): T {
  const matcher = candidateMatcher(terms);
  if (!matcher) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(matcher, CANDIDATE_PLACEHOLDER);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/**
 * Erasure of a stored JSON value: every string under a free-text field (`CANDIDATE_FREE_TEXT_FIELDS`) becomes
 * "[erased on request]", and the candidate's name and email are masked in every other string.
 */
export function eraseFreeTextDeep<T>(value: T, terms: string[]): T {
  const matcher = candidateMatcher(terms);
  const walk = (v: unknown, field: string | null): unknown => {
    if (typeof v === 'string')
      return field !== null && CANDIDATE_FREE_TEXT_FIELDS.has(field) ? ERASED_TEXT : matcher ? v.replace(matcher, CANDIDATE_PLACEHOLDER) : v;
    if (Array.isArray(v)) return v.map((x) => walk(x, field));
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value, null) as T;
}
