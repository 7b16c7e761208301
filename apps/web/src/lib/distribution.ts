/** Rating distributions (shares per rating value) for comparing an interviewer with the organization. */
export const RATING_LEVELS = [1, 2, 3, 4] as const;
/** With the 5-point scale. */
export const RATING_LEVELS_5 = [1, 2, 3, 4, 5] as const;

/**
 * Fewest ratings (or applications) a calibration figure may rest on. The API withholds figures below it
 * (libs/core/src/calibration-stats/suppression.ts); the pages say "not enough data yet" below it as well.
 */
export const MIN_COUNT = 5;
/**
 * Fewest candidates (applications rated by at least two interviewers) before a dimension's reliability is judged.
 * Alpha from two or three candidates swings from below 0 to 1 on one rating; from about ten its sign and rough size
 * hold, which is what the words Reliable / Tentative / Unreliable claim.
 */
export const MIN_CANDIDATES = 10;
export const NOT_ENOUGH_DATA = 'Not enough data yet';

type Distribution = Record<string, number | null | undefined> | (number | null)[] | null | undefined;

/** The rating values to show: 1–4, or 1–5 when any of the distributions has ratings at 5. */
export function ratingLevelsOf(...distributions: Distribution[]): readonly number[] {
  const hasFive = distributions.some((d) => d && !Array.isArray(d) && (Number(d['5'] ?? 0) || 0) > 0);
  return hasFive ? RATING_LEVELS_5 : RATING_LEVELS;
}

/** Values at each level (missing or withheld values count as 0). */
export function countsOf(distribution: Distribution, levels: readonly number[] = RATING_LEVELS): number[] {
  if (!distribution) return levels.map(() => 0);
  if (Array.isArray(distribution)) {
    // either [c1, c2, c3, c4] or [c0?, c1, …] with one entry more than the levels
    const arr = distribution.length === levels.length + 1 ? distribution.slice(1) : distribution.slice(0, levels.length);
    return levels.map((_, i) => Number(arr[i] ?? 0) || 0);
  }
  return levels.map((r) => Number(distribution[String(r)] ?? 0) || 0);
}

/** True when the API withheld the distribution (its flag, or any null share). */
export function isWithheld(distribution: Distribution, suppressed?: boolean | null): boolean {
  if (suppressed) return true;
  if (!distribution) return false;
  const values = Array.isArray(distribution) ? distribution : Object.values(distribution);
  return values.some((v) => v === null);
}

/** Shares at each level, or null when the distribution is withheld (too few ratings to show). */
export function sharesOf(distribution: Distribution, suppressed?: boolean | null, levels: readonly number[] = RATING_LEVELS): number[] | null {
  if (isWithheld(distribution, suppressed)) return null;
  return proportions(countsOf(distribution, levels));
}

export function proportions(counts: number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

/** Mean rating of counts (or shares) at levels 1, 2, …; null when there are none or they are withheld. */
export function meanRating(counts: number[] | null): number | null {
  if (!counts) return null;
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  return counts.reduce((sum, c, i) => sum + c * (i + 1), 0) / total;
}

/** Words for a leniency offset (rating points above or below the panel, after controlling for the candidate). */
export function leniencyWords(offset: number | null | undefined, n: number): string {
  if (offset === null || offset === undefined || !Number.isFinite(offset) || n < MIN_COUNT) {
    return `${NOT_ENOUGH_DATA} to estimate leniency (it needs ${MIN_COUNT} ratings of candidates that other interviewers rated too).`;
  }
  const abs = Math.abs(offset);
  if (abs < 0.1) return 'Rates in line with the rest of the organization.';
  const strength = abs < 0.3 ? 'slightly' : abs < 0.6 ? 'noticeably' : 'much';
  return `Rates ${strength} ${offset > 0 ? 'more leniently (higher)' : 'more strictly (lower)'} than other interviewers on the same candidates — ${offset > 0 ? '+' : '−'}${abs.toFixed(2)} rating points.`;
}

/** How much data a reliability coefficient rests on (a role's dimension in the calibration view). */
export interface ReliabilitySample {
  nUnits: number;
  nRatings: number;
  suppressed?: boolean;
}

/**
 * Words for a reliability coefficient (Krippendorff's alpha / ICC scale). With a sample, nothing is judged while it is
 * too small: withheld, fewer than {@link MIN_CANDIDATES} candidates or fewer than {@link MIN_COUNT} ratings — one
 * candidate's ratings say nothing about how reliably a dimension is rated, whatever alpha comes out (often 0).
 */
export function reliabilityWords(
  value: number | null | undefined,
  sample?: ReliabilitySample,
): { label: string; tone: 'good' | 'ok' | 'poor' | 'none' } {
  if (value === null || value === undefined || !Number.isFinite(value)) return { label: NOT_ENOUGH_DATA, tone: 'none' };
  if (sample && (sample.suppressed || sample.nUnits < MIN_CANDIDATES || sample.nRatings < MIN_COUNT)) return { label: NOT_ENOUGH_DATA, tone: 'none' };
  if (value >= 0.8) return { label: 'Reliable', tone: 'good' };
  if (value >= 0.667) return { label: 'Tentative', tone: 'ok' };
  return { label: 'Unreliable', tone: 'poor' };
}

/** What a reliability figure still lacks, in words ("3 of 10 candidates rated by two interviewers or more"); null when it is judged. */
export function reliabilityShortfall(sample: ReliabilitySample): string | null {
  if (sample.nUnits < MIN_CANDIDATES) return `${sample.nUnits} of ${MIN_CANDIDATES} candidates rated by two interviewers or more`;
  if (sample.suppressed || sample.nRatings < MIN_COUNT) return `${sample.nRatings} of ${MIN_COUNT} ratings`;
  return null;
}

/** The coefficient to draw, or null while {@link reliabilityWords} says there is not enough data. */
export function judgedReliability(value: number | null | undefined, sample: ReliabilitySample): number | null {
  return reliabilityWords(value, sample).tone === 'none' ? null : (value as number);
}

/** A rate (e.g. decisions that followed the report) as a whole percentage, or null while it rests on fewer than {@link MIN_COUNT} cases. */
export function ratePercent(rate: number | null | undefined, n: number): number | null {
  if (rate === null || rate === undefined || !Number.isFinite(rate) || n < MIN_COUNT) return null;
  return Math.round(rate * 100);
}

export interface ScoreDistributionView {
  withheld: boolean;
  /** Bucket counts, 0 where withheld. */
  buckets: { from: number; to: number; count: number }[];
  summary: string;
}

/** A role's weighted-score distribution for display; withheld (fewer than {@link MIN_COUNT} applications) says so instead of counts. */
export function scoreDistributionView(dist: {
  applications: number;
  buckets: { from: number; to: number; count: number | null }[];
  unscored: number | null;
  recommendations: { hire: number | null; no_hire: number | null; inconclusive: number | null };
  suppressed?: boolean;
}): ScoreDistributionView {
  const withheld =
    !!dist.suppressed ||
    dist.unscored === null ||
    dist.buckets.some((b) => b.count === null) ||
    Object.values(dist.recommendations).some((v) => v === null);
  const apps = `${dist.applications} application${dist.applications === 1 ? '' : 's'} with a report`;
  const { hire, no_hire: noHire, inconclusive } = dist.recommendations;
  return {
    withheld,
    buckets: dist.buckets.map((b) => ({ from: b.from, to: b.to, count: b.count ?? 0 })),
    summary: withheld
      ? `${apps} · ${NOT_ENOUGH_DATA.toLowerCase()} to show their scores and recommendations (it needs ${MIN_COUNT} applications)`
      : `${apps} · ${dist.unscored} without a score · recommended ${hire} hire, ${noHire} no hire, ${inconclusive} inconclusive`,
  };
}
