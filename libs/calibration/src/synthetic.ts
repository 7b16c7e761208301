/**
 * Seeded synthetic panels and rating histories, for the benchmark, the speed test and demo data.
 * Deterministic: the same options always give the same data. Not exported from the package index;
 * import it as `@hireloop/calibration/synthetic`.
 */
import type { LeniencyRating, Rating, Recommendation, ReportInput, ScorecardInput } from './types';

/** mulberry32: a tiny, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Approximately normal (sum of 4 uniforms, variance matched). */
function gauss(random: () => number): number {
  return (random() + random() + random() + random() - 2) * Math.sqrt(3);
}

function toRating(x: number): Rating {
  return Math.min(4, Math.max(1, Math.round(x))) as Rating;
}

function pad(i: number, width: number): string {
  return String(i).padStart(width, '0');
}

export interface SyntheticPanelOptions {
  count: number;
  interviewers?: number;
  dimensions?: number;
  seed?: number;
  /** Size of the pool interviewers are drawn from. */
  pool?: number;
}

/**
 * `count` report inputs, each a panel of `interviewers` (default 5) rating all of `dimensions` (default 8)
 * weighted dimensions, with per-interviewer leniency, occasional skipped ratings and red flags,
 * and offsets for every pool member.
 */
export function syntheticPanels(options: SyntheticPanelOptions): ReportInput[] {
  const { count, interviewers = 5, dimensions = 8, seed = 42, pool = 200 } = options;
  const random = mulberry32(seed);
  const poolIds = Array.from({ length: pool }, (_, i) => `interviewer-${pad(i, 4)}`);
  const leniency = poolIds.map(() => gauss(random) * 0.3);
  const offsets: Record<string, number> = {};
  poolIds.forEach((id, i) => (offsets[id] = Math.round(leniency[i] * 0.8 * 1e4) / 1e4));
  const dims = Array.from({ length: dimensions }, (_, d) => ({
    id: `dimension-${pad(d, 2)}`,
    name: `Dimension ${d + 1}`,
    weight: 5 + Math.floor(random() * 20),
  }));
  const panels: ReportInput[] = [];
  for (let p = 0; p < count; p++) {
    const ability = 1.6 + random() * 2.4;
    const chosen = new Set<number>();
    while (chosen.size < Math.min(interviewers, pool)) chosen.add(Math.floor(random() * pool));
    const scorecards: ScorecardInput[] = [...chosen].map((who) => {
      const bias = leniency[who];
      const ratings = dims.filter(() => random() > 0.05).map((d) => ({ dimensionId: d.id, rating: toRating(ability + bias + gauss(random) * 0.6) }));
      const overall = ability + bias + gauss(random) * 0.5;
      const recommendation: Recommendation = overall >= 3.4 ? 'strong_yes' : overall >= 2.7 ? 'yes' : overall >= 1.9 ? 'no' : 'strong_no';
      return {
        interviewerId: poolIds[who],
        ratings,
        recommendation,
        redFlags: random() < 0.02 ? ['integrity_concern'] : [],
      };
    });
    panels.push({ dimensions: dims, scorecards, offsets });
  }
  return panels;
}

export interface SyntheticHistoryOptions {
  /** Approximate number of rows (whole applications are generated). */
  ratings: number;
  interviewersPerApplication?: number;
  dimensions?: number;
  seed?: number;
  pool?: number;
}

/**
 * Historical ratings sorted by applicationId, then dimensionId (the order
 * {@link createLeniencyAccumulator} needs), with zero-padded ids so string order = generation order.
 */
export function syntheticHistory(options: SyntheticHistoryOptions): LeniencyRating[] {
  const { ratings, interviewersPerApplication = 4, dimensions = 6, seed = 7, pool = 500 } = options;
  const random = mulberry32(seed);
  const poolIds = Array.from({ length: pool }, (_, i) => `interviewer-${pad(i, 4)}`);
  const leniency = poolIds.map(() => gauss(random) * 0.3);
  const dimIds = Array.from({ length: dimensions }, (_, d) => `dimension-${pad(d, 2)}`);
  const perApplication = interviewersPerApplication * dimensions;
  const applications = Math.ceil(ratings / perApplication);
  const rows: LeniencyRating[] = [];
  const panel: number[] = [];
  for (let a = 0; a < applications; a++) {
    const applicationId = `application-${pad(a, 8)}`;
    const ability = 1.6 + random() * 2.4;
    panel.length = 0;
    while (panel.length < interviewersPerApplication) {
      const who = Math.floor(random() * pool);
      if (!panel.includes(who)) panel.push(who);
    }
    for (const dimensionId of dimIds) {
      for (const who of panel) {
        rows.push({ interviewerId: poolIds[who], applicationId, dimensionId, rating: toRating(ability + leniency[who] + gauss(random) * 0.6) });
      }
    }
  }
  return rows;
}
