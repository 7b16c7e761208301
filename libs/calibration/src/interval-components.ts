/**
 * Pieces of the score interval's variance-component model (interval.ts), kept apart so that each can be checked on
 * a published example: the interviewer sum of squares adjusted for dimensions (a two-way additive model with
 * missing cells, fitted by least squares) and Satterthwaite's effective degrees of freedom.
 */

/** The interviewer sum of squares of a panel, adjusted for the dimensions, and its degrees of freedom. */
export interface InterviewerSumOfSquares {
  /** R(b | μ): the reduction in the residual sum of squares when interviewer effects are added to dimension means. */
  sumOfSquares: number;
  /** Its degrees of freedom: rank(X, Z) − rank(X), i.e. interviewers on replicated dimensions − connected groups. */
  degreesOfFreedom: number;
}

/**
 * Interviewer sum of squares adjusted for dimensions, R(b | μ), in the additive model y_id = μ_d + b_i + e_id fitted
 * to the cells that are present (Searle, Linear Models, 1971, §7.2 "the 2-way classification, no interaction, with
 * unequal numbers": the reduction due to b after μ; Henderson's Method 3 uses it to estimate the variance of b).
 *
 * With one value per (dimension, interviewer) cell, absorbing the dimension means leaves the reduced normal equations
 * C b = h with C = Σ_d (diag(z_d) − z_d z_d' / c_d) and h_i = Σ_{d rated by i} (y_id − ȳ_d), z_d the indicator of the
 * c_d interviewers of dimension d; R(b | μ) = h' C⁻ h for any generalised inverse (h lies in the range of C) and its
 * degrees of freedom are rank(C). Only dimensions rated by at least two interviewers carry information (a single
 * value is absorbed by its own mean). E[R(b | μ)] = rank(C) · σ² + (N − D) · η² for interviewer effects of variance η²
 * and errors of variance σ², N − D = Σ_d (c_d − 1) (the trace of C).
 *
 * `values[d]` and `raters[d]` are aligned (interviewer indices 0 … size − 1); dimensions with `use[d]` false are left
 * out. Solved by symmetric Gaussian elimination with diagonal pivoting; a pivot below 1e-9 of the largest diagonal
 * entry counts as 0 (a dependent interviewer, e.g. the last one of a connected group).
 */
export function interviewerSumOfSquares(
  values: ReadonlyArray<readonly number[]>,
  raters: ReadonlyArray<readonly number[]>,
  use: (d: number) => boolean,
): InterviewerSumOfSquares {
  let size = 0;
  for (let d = 0; d < values.length; d++) {
    if (!use(d) || values[d].length < 2) continue;
    for (const id of raters[d]) if (id + 1 > size) size = id + 1;
  }
  if (size === 0) return { sumOfSquares: 0, degreesOfFreedom: 0 };
  const { c, h, done } = zeroedScratch(size);
  for (let d = 0; d < values.length; d++) {
    const v = values[d];
    const n = v.length;
    if (!use(d) || n < 2) continue;
    const who = raters[d];
    let sum = 0;
    for (let i = 0; i < n; i++) sum += v[i];
    const mean = sum / n;
    for (let i = 0; i < n; i++) {
      const a = who[i];
      h[a] += v[i] - mean;
      c[a * size + a] += 1;
      for (let j = 0; j < n; j++) c[a * size + who[j]] -= 1 / n;
    }
  }
  let largest = 0;
  for (let i = 0; i < size; i++) if (c[i * size + i] > largest) largest = c[i * size + i];
  const tolerance = 1e-9 * largest;

  let rank = 0;
  let quadratic = 0;
  for (let step = 0; step < size; step++) {
    let p = -1;
    let best = tolerance;
    for (let i = 0; i < size; i++) {
      if (done[i] === 0 && c[i * size + i] > best) {
        best = c[i * size + i];
        p = i;
      }
    }
    if (p < 0) break;
    done[p] = 1;
    rank++;
    const pivot = c[p * size + p];
    quadratic += (h[p] * h[p]) / pivot;
    for (let i = 0; i < size; i++) {
      if (done[i] === 1) continue;
      const f = c[i * size + p] / pivot;
      if (f === 0) continue;
      for (let j = 0; j < size; j++) if (done[j] === 0) c[i * size + j] -= f * c[p * size + j];
      h[i] -= f * h[p];
    }
  }
  return { sumOfSquares: Math.max(0, quadratic), degreesOfFreedom: rank };
}

// Working arrays kept between calls: this runs for every report (twice), and allocating them took two thirds of its
// time (20,000 calls: 42–58 ms with new arrays, 14–20 ms reused).
// Safe because the function is synchronous and fills only what it uses.
let scratch = { c: new Float64Array(64), h: new Float64Array(8), done: new Uint8Array(8) };

function zeroedScratch(size: number): { c: Float64Array; h: Float64Array; done: Uint8Array } {
  if (scratch.h.length < size) scratch = { c: new Float64Array(size * size), h: new Float64Array(size), done: new Uint8Array(size) };
  scratch.c.fill(0, 0, size * size);
  scratch.h.fill(0, 0, size);
  scratch.done.fill(0, 0, size);
  return scratch;
}

/**
 * Satterthwaite's effective degrees of freedom of a sum of independent variance estimates, each with its own degrees
 * of freedom (Satterthwaite, F. E. (1946), "An approximate distribution of estimates of variance components",
 * Biometrics Bulletin 2, 110–114; the Welch–Satterthwaite formula of the GUM, JCGM 100:2008, G.4.1):
 *
 *   ν = (Σ_j V_j)² / Σ_j (V_j² / ν_j)
 *
 * Terms of value 0 add nothing. NaN when every term is 0.
 */
export function satterthwaiteDegreesOfFreedom(terms: ReadonlyArray<{ value: number; degreesOfFreedom: number }>): number {
  let total = 0;
  let denominator = 0;
  for (const { value, degreesOfFreedom } of terms) {
    if (value === 0) continue;
    total += value;
    denominator += (value * value) / degreesOfFreedom;
  }
  return denominator > 0 ? (total * total) / denominator : NaN;
}
