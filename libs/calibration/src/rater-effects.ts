/**
 * Leniency as an additive rater-effect model with shrinkage, estimated jointly and used out of sample.
 *
 * Model. Every historical rating, mapped onto the 1–4 range first (toFourPoint: ratings on 5-point or 3-level
 * roles are rescaled linearly, so effects are in 4-point rating points), is
 *
 *   rating = μ(application, dimension) + b(interviewer) + error
 *
 * with one free mean μ per (application, dimension) group and one rater effect b per interviewer, fitted by
 * ridge least squares: minimise Σ (rating − μ − b)² + k Σ b². Only groups rated by at least two distinct
 * interviewers carry information about b (in a group with one interviewer μ absorbs everything); the others only
 * register the interviewer with n = 0.
 *
 * The stationary conditions are the backfitting equations
 *
 *   μ_g = mean over g of (rating − b_interviewer)
 *   b_i = Σ over i's co-rated rows of (rating − μ_g) / (n_i + k)
 *
 * so each interviewer is compared with the others' ADJUSTED ratings (a lenient colleague does not make the others
 * look harsh), and shrunk towards 0 by k like the old offset (n/(n+k)). Instead of iterating them, μ is profiled
 * out, which leaves a small sparse symmetric positive-definite system in b alone:
 *
 *   (L + k·I) b = h,   with, per group g of total row count m and per-interviewer row counts c_j and sums s_j:
 *   L_jj += c_j − c_j²/m,   L_jl += −c_j·c_l/m (j ≠ l),   h_j += s_j − c_j·(Σ s)/m
 *
 * solved by conjugate gradients with a Jacobi preconditioner to a relative residual of 1e-13 (exact up to
 * rounding; an isolated small eigenvalue, such as the common shift of a fixed panel that only the ridge term
 * pins down, costs CG one extra iteration). The worker builds the same system in SQL and calls
 * {@link solveRaterEffects}, so both agree to floating-point noise.
 *
 * Out of sample. With μ̂ and b̂ fitted, interviewer i's deviation sum S_i = Σ (rating − μ̂_g) over their co-rated
 * rows splits by application: S_i = Σ_X s_iX, n_i = Σ_X n_iX. The offset used in the report of application X
 * leaves X's own rows out: offset_i(−X) = (S_i − s_iX) / (n_i − n_iX + k) ({@link offsetWithout}). This is the
 * one-step leave-one-application-out estimate: it removes X's rows from i's own sums and keeps the other
 * interviewers' effects (each moved by at most one application's worth of evidence) fixed.
 *
 * A bias shared by a fixed panel (the same interviewers always together) cannot be told apart from the
 * candidates' quality by any model of this kind: their common shift is left at the ridge's choice (≈ 0).
 */
import { compareCodeUnits } from './canonical';
import { assertId, assertRating, CalibrationInputError, describeValue, isRating } from './errors';
import { isRatingScaleKind, ratingScale, toFourPoint } from './scales';
import type { LeniencyRating } from './types';

export const DEFAULT_RATER_EFFECTS_K = 5;

/** Relative residual at which the conjugate-gradient solve stops. */
export const RATER_EFFECTS_TOLERANCE = 1e-13;

export interface RaterEffectsOptions {
  /** Ridge pseudo-count k > 0 (default 5): the shrinkage of an interviewer with n co-rated ratings is ≈ n/(n+k). */
  k?: number;
}

export interface RaterEffect {
  /** Rater effect in 4-point rating points: + lenient, − harsh. = deviationSum / (n + k). */
  offset: number;
  /** Co-rated ratings behind the effect. */
  n: number;
  /** Σ (rating − μ̂) over those ratings. */
  deviationSum: number;
}

/** One interviewer's share of their deviation sum coming from one application. */
export interface RaterContribution {
  interviewerId: string;
  applicationId: string;
  deviationSum: number;
  n: number;
}

export interface RaterEffects {
  k: number;
  /** Keys in sorted order. */
  interviewers: Record<string, RaterEffect>;
  /** Sorted by interviewerId, then applicationId; only pairs with n > 0. */
  contributions: RaterContribution[];
  iterations: number;
}

/** The normal equations (L + kI) b = h in sparse form; `a < b` index `ids`. */
export interface RaterEffectSystem {
  ids: string[];
  /** Co-rated rows per interviewer. */
  n: number[];
  diag: number[];
  rhs: number[];
  pairs: Array<{ a: number; b: number; value: number }>;
}

/**
 * Offset of an interviewer for the report of one application, without that application's own ratings:
 * (S − s_X) / (n − n_X + k); 0 when nothing is left. Inputs as stored (4-point points).
 */
export function offsetWithout(
  total: { deviationSum: number; n: number },
  own: { deviationSum: number; n: number } | null | undefined,
  k: number,
): number {
  const n = total.n - (own?.n ?? 0);
  if (n <= 0) return 0;
  const value = (total.deviationSum - (own?.deviationSum ?? 0)) / (n + k);
  return value === 0 ? 0 : value;
}

/** Builds the system group by group: one (application, dimension) group with each interviewer's row sum and count. */
export function createRaterEffectSystem(): {
  addGroup(ids: readonly string[], sums: readonly number[], counts: readonly number[]): void;
  system(): RaterEffectSystem;
} {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const n: number[] = [];
  const diag: number[] = [];
  const rhs: number[] = [];
  const off = new Map<number, number>();
  const idx = (id: string) => {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.length;
      index.set(id, i);
      ids.push(id);
      n.push(0);
      diag.push(0);
      rhs.push(0);
    }
    return i;
  };
  return {
    addGroup(groupIds, sums, counts) {
      const g = groupIds.map(idx);
      if (g.length < 2) return;
      let m = 0;
      let total = 0;
      for (let j = 0; j < g.length; j++) {
        m += counts[j];
        total += sums[j];
      }
      for (let j = 0; j < g.length; j++) {
        const cj = counts[j];
        n[g[j]] += cj;
        diag[g[j]] += cj - (cj * cj) / m;
        rhs[g[j]] += sums[j] - (cj * total) / m;
        for (let l = j + 1; l < g.length; l++) {
          const a = Math.min(g[j], g[l]);
          const b = Math.max(g[j], g[l]);
          const key = a * 4194304 + b;
          off.set(key, (off.get(key) ?? 0) - (cj * counts[l]) / m);
        }
      }
    },
    system() {
      const pairs = [...off].map(([key, value]) => ({ a: Math.floor(key / 4194304), b: key % 4194304, value }));
      return { ids: [...ids], n: [...n], diag: [...diag], rhs: [...rhs], pairs };
    },
  };
}

/** Solves (L + kI) b = h by Jacobi-preconditioned conjugate gradients; b aligned with `system.ids`. */
export function solveRaterEffects(system: RaterEffectSystem, k: number): { effects: number[]; iterations: number } {
  checkK(k);
  const P = system.ids.length;
  const { diag, rhs, pairs } = system;
  const A = (x: number[], out: number[]) => {
    for (let i = 0; i < P; i++) out[i] = (diag[i] + k) * x[i];
    for (const { a, b, value } of pairs) {
      out[a] += value * x[b];
      out[b] += value * x[a];
    }
  };
  const x = new Array<number>(P).fill(0);
  const r = [...rhs];
  const inv = diag.map((d) => 1 / (d + k));
  const z = r.map((v, i) => v * inv[i]);
  const p = [...z];
  const q = new Array<number>(P).fill(0);
  let rz = dot(r, z);
  const norm0 = Math.sqrt(dot(rhs, rhs));
  let iterations = 0;
  if (norm0 > 0) {
    const maxIterations = 10 * P + 100;
    while (iterations < maxIterations) {
      A(p, q);
      const alpha = rz / dot(p, q);
      for (let i = 0; i < P; i++) {
        x[i] += alpha * p[i];
        r[i] -= alpha * q[i];
      }
      iterations++;
      if (Math.sqrt(dot(r, r)) <= RATER_EFFECTS_TOLERANCE * norm0) break;
      for (let i = 0; i < P; i++) z[i] = r[i] * inv[i];
      const rzNext = dot(r, z);
      const beta = rzNext / rz;
      rz = rzNext;
      for (let i = 0; i < P; i++) p[i] = z[i] + beta * p[i];
    }
  }
  return { effects: x, iterations };
}

interface Group {
  ids: string[];
  sums: number[];
  counts: number[];
}

/**
 * Joint, shrunk rater effects of every interviewer in `history`, and each interviewer's contribution per
 * application (for {@link offsetWithout}). Holds the history's groups in memory (O(rows)); the worker does the
 * same computation in SQL. Throws CalibrationInputError on a malformed row or k ≤ 0.
 */
export function raterEffects(history: Iterable<LeniencyRating>, options: RaterEffectsOptions = {}): RaterEffects {
  const k = options.k ?? DEFAULT_RATER_EFFECTS_K;
  checkK(k);
  const byApplication = new Map<string, Map<string, Group>>();
  let index = 0;
  for (const row of history) {
    const value = checkRow(row, index++);
    let byDimension = byApplication.get(row.applicationId);
    if (byDimension === undefined) byApplication.set(row.applicationId, (byDimension = new Map()));
    let group = byDimension.get(row.dimensionId);
    if (group === undefined) byDimension.set(row.dimensionId, (group = { ids: [], sums: [], counts: [] }));
    let j = group.ids.indexOf(row.interviewerId);
    if (j < 0) {
      j = group.ids.length;
      group.ids.push(row.interviewerId);
      group.sums.push(0);
      group.counts.push(0);
    }
    group.sums[j] += value;
    group.counts[j]++;
  }
  const builder = createRaterEffectSystem();
  for (const byDimension of byApplication.values()) for (const g of byDimension.values()) builder.addGroup(g.ids, g.sums, g.counts);
  const system = builder.system();
  const { effects, iterations } = solveRaterEffects(system, k);
  const at = new Map(system.ids.map((id, i) => [id, i]));

  // Second pass: deviations from μ̂_g = (Σ s − Σ c_j b_j) / m, per interviewer and application.
  const devSum = new Array<number>(system.ids.length).fill(0);
  const contributions: RaterContribution[] = [];
  for (const [applicationId, byDimension] of byApplication) {
    const own = new Map<string, { deviationSum: number; n: number }>();
    for (const g of byDimension.values()) {
      if (g.ids.length < 2) continue;
      let m = 0;
      let adjusted = 0;
      for (let j = 0; j < g.ids.length; j++) {
        m += g.counts[j];
        adjusted += g.sums[j] - g.counts[j] * effects[at.get(g.ids[j]) as number];
      }
      const mu = adjusted / m;
      for (let j = 0; j < g.ids.length; j++) {
        const dev = g.sums[j] - g.counts[j] * mu;
        const c = own.get(g.ids[j]);
        if (c === undefined) own.set(g.ids[j], { deviationSum: dev, n: g.counts[j] });
        else {
          c.deviationSum += dev;
          c.n += g.counts[j];
        }
      }
    }
    for (const [interviewerId, c] of own) {
      devSum[at.get(interviewerId) as number] += c.deviationSum;
      contributions.push({ interviewerId, applicationId, deviationSum: c.deviationSum, n: c.n });
    }
  }
  contributions.sort((a, b) => compareCodeUnits(a.interviewerId, b.interviewerId) || compareCodeUnits(a.applicationId, b.applicationId));
  const order = system.ids.map((_, i) => i).sort((a, b) => compareCodeUnits(system.ids[a], system.ids[b]));
  const interviewers: Record<string, RaterEffect> = {};
  for (const i of order) {
    const n = system.n[i];
    interviewers[system.ids[i]] = { offset: n > 0 ? devSum[i] / (n + k) : 0, n, deviationSum: n > 0 ? devSum[i] : 0 };
  }
  return { k, interviewers, contributions, iterations };
}

/**
 * The same effects from a system built elsewhere (the worker builds it in SQL): solves it and returns the effect
 * of each interviewer id, aligned with `system.ids`.
 */
export function raterEffectsFromSystem(system: RaterEffectSystem, k: number): Map<string, number> {
  const { effects } = solveRaterEffects(system, k);
  return new Map(system.ids.map((id, i) => [id, effects[i]]));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function checkK(k: unknown): asserts k is number {
  if (!(typeof k === 'number' && Number.isFinite(k) && k > 0)) {
    throw new CalibrationInputError('invalid_option', 'options.k', `expected a finite number > 0, got ${describeValue(k)}`);
  }
}

/** Validates a row and returns its rating on the 1–4 range. */
function checkRow(row: LeniencyRating, index: number): number {
  const path = `history[${index}]`;
  if (row === null || typeof row !== 'object') {
    throw new CalibrationInputError('invalid_input', path, `expected an object, got ${describeValue(row)}`);
  }
  assertId(row.interviewerId, `${path}.interviewerId`);
  assertId(row.applicationId, `${path}.applicationId`);
  assertId(row.dimensionId, `${path}.dimensionId`);
  if (row.scale !== undefined && row.scale !== null && !isRatingScaleKind(row.scale)) {
    throw new CalibrationInputError(
      'invalid_scale',
      `${path}.scale`,
      `expected four_point, five_point or three_level, got ${describeValue(row.scale)}`,
    );
  }
  const scale = ratingScale(row.scale);
  if (!isRating(row.rating, scale.min, scale.max)) assertRating(row.rating, `${path}.rating`, scale.min, scale.max);
  return toFourPoint(row.rating, scale);
}
