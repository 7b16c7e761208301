/** Builders shared by the specs (not exported from the package index). */
import type { LoopDimension, Rating, Recommendation, ReportInput, ScorecardInput } from './types';

/** A three-dimension loop weighted 40 / 30 / 30. */
export const LOOP: LoopDimension[] = [
  { id: 'coding', name: 'Coding', weight: 40 },
  { id: 'design', name: 'System design', weight: 30 },
  { id: 'comms', name: 'Communication', weight: 30 },
];

/**
 * A scorecard. `ratings` is either a list aligned with `dims` (null = not rated) or a record by dimension id.
 */
export function card(
  interviewerId: string,
  ratings: ReadonlyArray<Rating | null> | Readonly<Record<string, Rating>>,
  recommendation: Recommendation = 'yes',
  redFlags: string[] = [],
  dims: readonly LoopDimension[] = LOOP,
): ScorecardInput {
  const list = Array.isArray(ratings)
    ? (ratings as ReadonlyArray<Rating | null>).flatMap((rating, i) => (rating === null ? [] : [{ dimensionId: dims[i].id, rating }]))
    : Object.entries(ratings as Record<string, Rating>).map(([dimensionId, rating]) => ({ dimensionId, rating }));
  return { interviewerId, ratings: list, recommendation, redFlags };
}

/** `n` interviewers i1…in giving the same ratings and recommendation. */
export function unanimous(
  n: number,
  ratings: ReadonlyArray<Rating | null>,
  recommendation: Recommendation = 'yes',
  dims: readonly LoopDimension[] = LOOP,
): ScorecardInput[] {
  return Array.from({ length: n }, (_, i) => card(`i${i + 1}`, ratings, recommendation, [], dims));
}

export function loopInput(scorecards: ScorecardInput[], extra: Partial<ReportInput> = {}): ReportInput {
  return { dimensions: LOOP, scorecards, ...extra };
}

/** Deterministic Fisher–Yates shuffle (mulberry32), for order-independence tests. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
