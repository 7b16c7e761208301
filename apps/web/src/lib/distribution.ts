/** Rating distributions (counts per rating 1–4) as proportions, for comparing an interviewer with the organization. */
export const RATING_LEVELS = [1, 2, 3, 4] as const;

export function countsOf(distribution: Record<string, number> | number[] | null | undefined): number[] {
  if (!distribution) return [0, 0, 0, 0];
  if (Array.isArray(distribution)) {
    // either [c1, c2, c3, c4] or [c0?, c1, …] with 5 entries
    const arr = distribution.length === 5 ? distribution.slice(1) : distribution.slice(0, 4);
    return RATING_LEVELS.map((_, i) => Number(arr[i] ?? 0) || 0);
  }
  return RATING_LEVELS.map((r) => Number(distribution[String(r)] ?? 0) || 0);
}

export function proportions(counts: number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

export function meanRating(counts: number[]): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  return counts.reduce((sum, c, i) => sum + c * (i + 1), 0) / total;
}

/** Words for a leniency offset (rating points above or below the panel, after controlling for the candidate). */
export function leniencyWords(offset: number | null | undefined, n: number): string {
  if (offset === null || offset === undefined || !Number.isFinite(offset) || n === 0) return 'Not enough scorecards yet to estimate leniency.';
  const abs = Math.abs(offset);
  if (abs < 0.1) return 'Rates in line with the rest of the organization.';
  const strength = abs < 0.3 ? 'slightly' : abs < 0.6 ? 'noticeably' : 'much';
  return `Rates ${strength} ${offset > 0 ? 'more leniently (higher)' : 'more strictly (lower)'} than other interviewers on the same candidates — ${offset > 0 ? '+' : '−'}${abs.toFixed(2)} rating points.`;
}

/** Words for a reliability coefficient (Krippendorff's alpha / ICC scale). */
export function reliabilityWords(value: number | null | undefined): { label: string; tone: 'good' | 'ok' | 'poor' | 'none' } {
  if (value === null || value === undefined || !Number.isFinite(value)) return { label: 'Not enough data', tone: 'none' };
  if (value >= 0.8) return { label: 'Reliable', tone: 'good' };
  if (value >= 0.667) return { label: 'Tentative', tone: 'ok' };
  return { label: 'Unreliable', tone: 'poor' };
}
