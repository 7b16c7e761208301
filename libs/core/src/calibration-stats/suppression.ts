/**
 * Small-number suppression of the calibration views. A figure that rests on fewer than {@link MIN_COUNT} ratings
 * (or applications) could let a reader work out one person's rating, so it is withheld (null) and flagged.
 *
 * Suppression applies to a whole distribution, not cell by cell: when the total is known, suppressing only the small
 * cells would let them be recovered by subtraction (complementary disclosure). A distribution over nothing (total 0)
 * reveals nothing and is shown as zeros.
 */
export const MIN_COUNT = 5;

export type RatingValue = 1 | 2 | 3 | 4 | 5;
export const RATING_VALUES: readonly RatingValue[] = [1, 2, 3, 4, 5];

/** True when a figure resting on `n` items must be withheld. */
export function suppressed(n: number): boolean {
  return n > 0 && n < MIN_COUNT;
}

/** Share of the ratings at each value; every share null (and `suppressed`) when 0 < total < MIN_COUNT. */
export function ratingShares(counts: Record<RatingValue, number>): {
  shares: Record<RatingValue, number | null>;
  total: number;
  suppressed: boolean;
} {
  const total = RATING_VALUES.reduce((sum, v) => sum + counts[v], 0);
  const hide = suppressed(total);
  const shares = Object.fromEntries(RATING_VALUES.map((v) => [v, hide ? null : total > 0 ? counts[v] / total : 0])) as Record<
    RatingValue,
    number | null
  >;
  return { shares, total, suppressed: hide };
}
