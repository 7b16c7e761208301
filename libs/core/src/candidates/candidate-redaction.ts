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
  if (terms.length === 0) return (text) => text;
  const anyTerm = new RegExp(terms.map(escapeRegExp).join('|'), 'giu');
  return (text) => replaceWholeWords(text, anyTerm);
}

/** A letter or digit: what may not stand right before or after a term. Case-insensitive, as the terms are. */
const WORD_CHARACTER = /[\p{L}\p{N}]/iuy;

/**
 * What `text.replace(/(?<![\p{L}\p{N}])(?:terms)(?![\p{L}\p{N}])/giu, CANDIDATE_PLACEHOLDER)` gives, without
 * compiling that pattern for each candidate: its two Unicode classes made the compilation take ~0.9 ms (a third of a
 * scorecard write's CPU), against ~0.1 ms for the terms alone. The word boundaries are checked here against one class
 * compiled once. As the pattern would: at the leftmost position where a term matches and no letter precedes, the
 * first term in order (longest first) that is not followed by a letter wins; a shorter term may fit where a longer
 * one runs into a word ("Raman" in "Raman-Iyers").
 */
function replaceWholeWords(text: string, anyTerm: RegExp): string {
  let result = '';
  let copiedUpTo = 0;
  let searchFrom = 0;
  while (searchFrom <= text.length) {
    anyTerm.lastIndex = searchFrom;
    const match = anyTerm.exec(text);
    if (!match) break;
    const start = match.index;
    const end = isWordCharacterBefore(text, start) ? -1 : endOfWholeWordTerm(text, anyTerm, start, start + match[0].length);
    if (end < 0) {
      searchFrom = start + codeUnitsAt(text, start);
      continue;
    }
    result += text.slice(copiedUpTo, start) + CANDIDATE_PLACEHOLDER;
    copiedUpTo = searchFrom = end;
  }
  return copiedUpTo === 0 ? text : result + text.slice(copiedUpTo);
}

/** The end of the first term at `start` that ends a word, or -1. Each retry cuts the text before the last end tried, so only shorter terms can match. */
function endOfWholeWordTerm(text: string, anyTerm: RegExp, start: number, end: number): number {
  while (isWordCharacterAt(text, end)) {
    if (end - 1 <= start) return -1;
    anyTerm.lastIndex = start;
    const shorter = anyTerm.exec(text.slice(0, end - 1));
    if (!shorter || shorter.index !== start) return -1;
    end = start + shorter[0].length;
  }
  return end;
}

function isWordCharacterAt(text: string, index: number): boolean {
  if (index >= text.length) return false;
  WORD_CHARACTER.lastIndex = index;
  return WORD_CHARACTER.test(text);
}

function isWordCharacterBefore(text: string, index: number): boolean {
  if (index === 0) return false;
  const pairStart = index >= 2 && isLowSurrogate(text.charCodeAt(index - 1)) && isHighSurrogate(text.charCodeAt(index - 2));
  return isWordCharacterAt(text, pairStart ? index - 2 : index - 1);
}

function codeUnitsAt(text: string, index: number): number {
  return isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1)) ? 2 : 1;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
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
  if (terms.length === 0) return value;
  const mask = candidateRedactor(terms);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return mask(v);
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
  const mask = candidateRedactor(terms);
  const walk = (v: unknown, field: string | null): unknown => {
    if (typeof v === 'string') return field !== null && CANDIDATE_FREE_TEXT_FIELDS.has(field) ? ERASED_TEXT : mask(v);
    if (Array.isArray(v)) return v.map((x) => walk(x, field));
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value, null) as T;
}
