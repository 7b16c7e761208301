import type { Rating } from '@hireloop/calibration';
import type { StoredHirePolicy } from '../roles/role.entity';
import type { LoopSnapshot } from '../roles/loop-snapshot';
import type { Recommendation, ScorecardRating } from '../scorecards/rating';
import { RatingScaleKind, ratingScaleOf } from '../roles/rating-scale';

/** A rating as the report reads it: evidence and reasons are not part of the computation. */
export type SubmittedRating = Pick<ScorecardRating, 'dimensionId' | 'rating'> & { notAssessed?: boolean };

/** A submitted scorecard as the report reads it. */
export interface SubmittedScorecard {
  id: string;
  interviewerId: string;
  revision: number;
  loopVersionId: string;
  ratings: SubmittedRating[];
  recommendation: Recommendation;
  redFlags: string[];
  /** First submission. */
  submittedAt: Date | string | null;
}

export interface ReportLoopVersion {
  id: string;
  number: number;
  snapshot: LoopSnapshot;
}

/** An interviewer's leniency offset (rating points) and the number of ratings behind it. */
export interface InterviewerOffset {
  offset: number;
  n: number;
}

/** The engine accepts offsets within ±3 rating points. */
export const MAX_ABS_OFFSET = 3;

/** One scorecard as the engine reads it: every submitted scorecard counts, several of one interviewer included. */
export interface PanelScorecardInput {
  interviewerId: string;
  scorecardId: string;
  ratings: { dimensionId: string; rating: Rating }[];
  recommendation: Recommendation;
  redFlags: string[];
}

/** The input of the calibration engine's `buildReport` (see libs/calibration `ReportInput`). */
export interface PanelReportInput {
  /** The rating scale of the loop version the dimensions come from; ratings and policy thresholds are on it. */
  scale: RatingScaleKind;
  dimensions: { id: string; name: string; weight: number; required: boolean }[];
  scorecards: PanelScorecardInput[];
  offsets: Record<string, InterviewerOffset>;
  policy?: StoredHirePolicy;
}

/**
 * Maps an application's submitted scorecards to the engine's input.
 *
 * Dimensions, weights, `required` flags and the rating scale come from the loop version the scorecards were made
 * against. When they span several versions (the loop changed mid-process), the newest of them (highest `number`) is
 * used and ratings are matched by dimension id: dimensions kept across versions keep their ratings; ratings of
 * dimensions the newest version no longer has are left out; dimensions it added simply have fewer ratings (coverage
 * shows it). A role's scale cannot change once a scorecard exists, so every version of one application shares it.
 * Without any submitted scorecard (all withdrawn), the newest of the given versions (the application's interviews')
 * is used.
 *
 * Every submitted scorecard is one entry, with its `scorecardId`: an interviewer who held several interviews of the
 * application has several entries, and all of them count (ratings, recommendations, red flags) — the engine
 * decides how one person's several opinions weigh, and nothing (an earlier `strong_no`) is dropped here.
 *
 * "Not assessed" entries carry no rating and are left out. Everything is sorted (interviewer, then scorecard id) so
 * the same state always yields the same input (and so the same inputs hash).
 */
export function buildPanelReportInput(
  scorecards: readonly SubmittedScorecard[],
  loopVersions: readonly ReportLoopVersion[],
  offsets: Record<string, InterviewerOffset | undefined>,
  policy: StoredHirePolicy | null | undefined,
): PanelReportInput {
  const used = new Set(scorecards.map((s) => s.loopVersionId));
  const fromScorecards = loopVersions.filter((v) => used.has(v.id));
  const candidates = fromScorecards.length > 0 ? fromScorecards : loopVersions;
  const newest = [...candidates].sort((a, b) => b.number - a.number)[0];
  const dimensions = newest
    ? [...newest.snapshot.dimensions]
        .sort((a, b) => a.position - b.position || cmp(a.id, b.id))
        .map((d) => ({ id: d.id, name: d.name, weight: Number(d.weight), required: d.required !== false }))
    : [];
  const order = new Map(dimensions.map((d, i) => [d.id, i]));

  const mapped = [...scorecards]
    .sort((a, b) => cmp(a.interviewerId, b.interviewerId) || cmp(a.id, b.id))
    .map((card) => {
      const ratings = new Map<string, Rating>();
      for (const r of card.ratings) {
        if (!r.notAssessed && r.rating !== null && r.rating !== undefined && order.has(r.dimensionId))
          ratings.set(r.dimensionId, Number(r.rating) as Rating); // range checked by the engine
      }
      return {
        interviewerId: card.interviewerId,
        scorecardId: card.id,
        ratings: [...ratings.entries()].sort((a, b) => order.get(a[0])! - order.get(b[0])!).map(([dimensionId, rating]) => ({ dimensionId, rating })),
        recommendation: card.recommendation,
        redFlags: [...new Set(card.redFlags ?? [])].sort(),
      };
    });

  // Only the panel's interviewers, in a stable order; an interviewer without a calibration has offset 0 (n 0).
  const panelOffsets: Record<string, InterviewerOffset> = {};
  for (const id of [...new Set(scorecards.map((s) => s.interviewerId))].sort()) {
    const o = offsets[id];
    const offset = o && Number.isFinite(o.offset) ? Math.max(-MAX_ABS_OFFSET, Math.min(MAX_ABS_OFFSET, o.offset)) : 0;
    panelOffsets[id] = { offset, n: o && Number.isFinite(o.n) ? o.n : 0 };
  }

  const input: PanelReportInput = { scale: ratingScaleOf(newest?.snapshot.ratingScale).kind, dimensions, scorecards: mapped, offsets: panelOffsets };
  const cleanPolicy = compactPolicy(policy);
  if (cleanPolicy) input.policy = cleanPolicy;
  return input;
}

/** The role's stored policy without undefined/null fields (missing fields fall back to the engine's defaults). */
function compactPolicy(policy: StoredHirePolicy | null | undefined): StoredHirePolicy | undefined {
  if (!policy) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(policy).sort()) {
    const value = (policy as Record<string, unknown>)[key];
    if (value !== undefined && value !== null) out[key] = value;
  }
  return Object.keys(out).length ? (out as StoredHirePolicy) : undefined;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
