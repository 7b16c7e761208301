/** Dimension weights are percents; an opened loop's weights sum to 100 (±0.01), as the API checks. */
export const WEIGHT_SUM_TARGET = 100;
export const WEIGHT_SUM_TOLERANCE = 0.01;

/** Sum of percents, exact to three decimals (no 99.99999999 from floating point). */
export function sumWeights(weights: (number | string | null | undefined)[]): number {
  let milli = 0;
  for (const w of weights) {
    const n = typeof w === 'string' ? Number(w.replace(',', '.')) : w;
    if (typeof n === 'number' && Number.isFinite(n)) milli += Math.round(n * 1000);
  }
  return milli / 1000;
}

/** 85 → "85", 33.333 → "33.333", 99.99 → "99.99". */
export function formatWeight(value: number): string {
  return String(Number(value.toFixed(3)));
}

export type WeightSumState = 'ok' | 'under' | 'over' | 'empty';

export interface WeightSumStatus {
  sum: number;
  state: WeightSumState;
  /** e.g. "Weights sum to 95% — 5% left to assign". */
  label: string;
}

export function weightSumStatus(weights: (number | string | null | undefined)[]): WeightSumStatus {
  const sum = sumWeights(weights);
  if (weights.length === 0) return { sum, state: 'empty', label: 'No dimensions yet' };
  const diff = Number((sum - WEIGHT_SUM_TARGET).toFixed(3));
  if (Math.abs(diff) <= WEIGHT_SUM_TOLERANCE + 1e-9) return { sum, state: 'ok', label: `Weights sum to ${formatWeight(sum)}%` };
  if (diff < 0) return { sum, state: 'under', label: `Weights sum to ${formatWeight(sum)}% — ${formatWeight(-diff)}% left to assign` };
  return { sum, state: 'over', label: `Weights sum to ${formatWeight(sum)}% — ${formatWeight(diff)}% too much` };
}

/** Parses a weight input ("12.5", "12,5") into a number, or null when it is not a positive number. */
export function parseWeight(input: string): number | null {
  const n = Number(input.trim().replace(',', '.'));
  return input.trim() !== '' && Number.isFinite(n) && n > 0 ? Number(n.toFixed(3)) : null;
}
