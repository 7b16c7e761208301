/**
 * Rating habits that make a panel less independent, per interviewer, against the organization's distribution:
 * - halo: the mean correlation between dimensions across an interviewer's scorecards (one overall impression
 *   copied onto every dimension drives it towards 1);
 * - straight-lining: the share of scorecards on which every rating is the same.
 * An interviewer is flagged when their figure is above the 95th percentile of the other interviewers' figures and
 * rests on at least 20 scorecards. Pure and deterministic.
 */

/** One scorecard: its ratings by dimension id. */
export type RatingsByDimension = Readonly<Record<string, number>>;

export interface InterviewerScorecards {
  interviewerId: string;
  scorecards: readonly RatingsByDimension[];
}

/** Scorecards needed before an interviewer can be flagged. */
export const MIN_SCORECARDS_TO_FLAG = 20;
/** Scorecards needed for an interviewer's figure to enter the organization's distribution. */
export const MIN_SCORECARDS_IN_DISTRIBUTION = 5;
/** Other interviewers needed to form a distribution at all. */
export const MIN_INTERVIEWERS_IN_DISTRIBUTION = 5;
/** Flag above this percentile of the others' figures. */
export const FLAG_PERCENTILE = 0.95;
/** Co-rated scorecards needed for the correlation of a pair of dimensions. */
const MIN_PAIRED = 3;

function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

/**
 * Mean Pearson correlation over every pair of dimensions, each pair over the scorecards rating both (at least 3,
 * and with spread on both); null when no pair qualifies.
 */
export function haloIndex(scorecards: readonly RatingsByDimension[]): number | null {
  const dims = [...new Set(scorecards.flatMap((s) => Object.keys(s)))].sort();
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < dims.length; i++) {
    for (let j = i + 1; j < dims.length; j++) {
      const xs: number[] = [];
      const ys: number[] = [];
      for (const s of scorecards) {
        const x = s[dims[i]];
        const y = s[dims[j]];
        if (x !== undefined && y !== undefined) {
          xs.push(x);
          ys.push(y);
        }
      }
      if (xs.length < MIN_PAIRED) continue;
      const r = pearson(xs, ys);
      if (r === null) continue;
      sum += r;
      pairs += 1;
    }
  }
  return pairs === 0 ? null : sum / pairs;
}

/** Share of the scorecards with at least two ratings on which every rating is equal; null when there are none. */
export function straightLiningShare(scorecards: readonly RatingsByDimension[]): number | null {
  let eligible = 0;
  let flat = 0;
  for (const s of scorecards) {
    const values = Object.values(s);
    if (values.length < 2) continue;
    eligible += 1;
    if (values.every((v) => v === values[0])) flat += 1;
  }
  return eligible === 0 ? null : flat / eligible;
}

/** The p-quantile with linear interpolation between order statistics (R's default, type 7). */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('quantile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface HabitFigure {
  value: number | null;
  /** 95th percentile of the other interviewers' figures; null without enough of them. */
  orgPercentile95: number | null;
  /** value > orgPercentile95 with n ≥ 20. */
  flagged: boolean;
}

export interface RaterHabits {
  interviewerId: string;
  /** Scorecards with at least two ratings. */
  scorecards: number;
  halo: HabitFigure;
  straightLining: HabitFigure;
}

/**
 * Halo and straight-lining of every interviewer. Each interviewer is compared with the distribution of the others
 * (leave-one-out: an interviewer never raises their own bar) over those with at least 5 scorecards.
 */
export function raterHabits(interviewers: readonly InterviewerScorecards[]): RaterHabits[] {
  const rows = interviewers.map((i) => {
    const cards = i.scorecards.filter((s) => Object.keys(s).length >= 2);
    return { interviewerId: i.interviewerId, n: cards.length, halo: haloIndex(cards), straight: straightLiningShare(cards) };
  });
  const figure = (index: number, pick: (r: (typeof rows)[number]) => number | null): HabitFigure => {
    const self = rows[index];
    const value = pick(self);
    const others = rows.flatMap((r, j) => {
      const v = pick(r);
      return j !== index && r.n >= MIN_SCORECARDS_IN_DISTRIBUTION && v !== null ? [v] : [];
    });
    const orgPercentile95 = others.length >= MIN_INTERVIEWERS_IN_DISTRIBUTION ? quantile(others, FLAG_PERCENTILE) : null;
    const flagged = value !== null && orgPercentile95 !== null && self.n >= MIN_SCORECARDS_TO_FLAG && value > orgPercentile95;
    return { value, orgPercentile95, flagged };
  };
  return rows
    .map((r, index) => ({
      interviewerId: r.interviewerId,
      scorecards: r.n,
      halo: figure(index, (x) => x.halo),
      straightLining: figure(index, (x) => x.straight),
    }))
    .sort((a, b) => (a.interviewerId < b.interviewerId ? -1 : a.interviewerId > b.interviewerId ? 1 : 0));
}
