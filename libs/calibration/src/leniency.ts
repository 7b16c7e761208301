import { compareCodeUnits } from './canonical';
import { assertId, assertRating, CalibrationInputError, describeValue, isRating } from './errors';
import { round } from './stats';
import type { LeniencyOffset, LeniencyOptions, LeniencyRating } from './types';

/** Default shrinkage pseudo-count of {@link leniencyOffsets}. */
export const DEFAULT_LENIENCY_K = 5;

/** Offsets are rounded to 6 decimals, which makes them independent of row order in practice. */
export const LENIENCY_DECIMALS = 6;

/**
 * Leniency offset of every interviewer found in `history`.
 *
 * For interviewer i, over the n ratings of i where at least one *other* interviewer rated the same
 * application and dimension:
 *
 *   offset_i = n / (n + k) × mean over those ratings of (rating − mean of the co-panelists' ratings
 *              on that application and dimension)
 *
 * Positive = rates higher than colleagues who saw the same candidate (lenient); negative = harsher.
 * Being relative to co-panelists, a strong candidate pool does not look like leniency. The factor
 * n/(n+k) shrinks offsets built on little evidence towards 0; an interviewer with no co-rated rating
 * gets `{ offset: 0, n: 0 }`. If one interviewer has several rows for the same application and
 * dimension, each counts as a rating and the co-panelist mean excludes all of them.
 *
 * O(N) time in the number of rows (one Map per application, a short list per dimension). For very large
 * histories streamed from a database use {@link createLeniencyAccumulator}, which holds one group at a time.
 *
 * The result has one key per interviewer, in sorted order. Throws {@link CalibrationInputError} on a row
 * with an empty id or a rating that is not an integer 1..4, or an invalid `k`.
 */
export function leniencyOffsets(history: Iterable<LeniencyRating>, options: LeniencyOptions = {}): Record<string, LeniencyOffset> {
  const k = checkK(options);
  const totals = new Totals();
  const byApplication = new Map<string, Map<string, Group>>();
  let index = 0;
  for (const row of history) {
    checkRow(row, index++);
    let byDimension = byApplication.get(row.applicationId);
    if (byDimension === undefined) {
      byDimension = new Map<string, Group>();
      byApplication.set(row.applicationId, byDimension);
    }
    let group = byDimension.get(row.dimensionId);
    if (group === undefined) {
      group = new Group();
      byDimension.set(row.dimensionId, group);
    }
    group.add(row.interviewerId, row.rating);
  }
  for (const byDimension of byApplication.values()) {
    for (const group of byDimension.values()) group.closeInto(totals);
  }
  return totals.result(k);
}

/** Streaming form of {@link leniencyOffsets}. */
export interface LeniencyAccumulator {
  /**
   * Adds one row. Rows MUST arrive sorted by applicationId, then dimensionId, ascending in UTF-16 code-unit
   * order (SQL: `ORDER BY application_id, dimension_id` on uuid columns, or `COLLATE "C"` on text columns);
   * the order of rows inside one (application, dimension) group does not matter. A row that sorts before
   * the current group throws {@link CalibrationInputError} (`unsorted_history`).
   */
  add(row: LeniencyRating): void;
  /** Offsets for everything added so far. Does not close the current group: adding may continue. */
  result(options?: LeniencyOptions): Record<string, LeniencyOffset>;
  /** Rows added so far. */
  readonly rows: number;
}

/**
 * Streaming leniency: memory is proportional to the number of interviewers plus the size of one
 * (application, dimension) group, not to the number of rows. Gives the same offsets as
 * {@link leniencyOffsets} over the same rows.
 */
export function createLeniencyAccumulator(): LeniencyAccumulator {
  const totals = new Totals();
  let group: Group | null = null;
  let currentApp = '';
  let currentDim = '';
  let rows = 0;
  return {
    add(row: LeniencyRating): void {
      checkRow(row, rows);
      const app = row.applicationId;
      const dim = row.dimensionId;
      if (group === null || app !== currentApp || dim !== currentDim) {
        if (group !== null) {
          const order = compareCodeUnits(app, currentApp) || compareCodeUnits(dim, currentDim);
          if (order < 0) {
            throw new CalibrationInputError(
              'unsorted_history',
              `history[${rows}]`,
              `rows must be sorted by applicationId, then dimensionId; (${JSON.stringify(app)}, ${JSON.stringify(dim)}) came after (${JSON.stringify(currentApp)}, ${JSON.stringify(currentDim)})`,
            );
          }
          group.closeInto(totals);
        }
        group = new Group();
        currentApp = app;
        currentDim = dim;
      }
      group.add(row.interviewerId, row.rating);
      rows++;
    },
    result(options: LeniencyOptions = {}): Record<string, LeniencyOffset> {
      const k = checkK(options);
      if (group === null) return totals.result(k);
      const snapshot = totals.clone();
      group.closeInto(snapshot);
      return snapshot.result(k);
    },
    get rows() {
      return rows;
    },
  };
}

/** Ratings of one (application, dimension): per-interviewer sums and counts, kept in short parallel arrays. */
class Group {
  private readonly ids: string[] = [];
  private readonly sums: number[] = [];
  private readonly counts: number[] = [];
  private total = 0;
  private count = 0;

  add(interviewerId: string, rating: number): void {
    let j = this.ids.indexOf(interviewerId);
    if (j < 0) {
      j = this.ids.length;
      this.ids.push(interviewerId);
      this.sums.push(0);
      this.counts.push(0);
    }
    this.sums[j] += rating;
    this.counts[j]++;
    this.total += rating;
    this.count++;
  }

  /**
   * For interviewer j with ratings summing to S_j over c_j rows, co-panelists' mean m = (S − S_j)/(C − c_j),
   * and Σ (rating − m) over j's rows = S_j − c_j·m. Interviewers alone on the group still get registered (n 0).
   */
  closeInto(totals: Totals): void {
    for (let j = 0; j < this.ids.length; j++) {
      const others = this.count - this.counts[j];
      if (others > 0) {
        const coMean = (this.total - this.sums[j]) / others;
        totals.add(this.ids[j], this.counts[j], this.sums[j] - this.counts[j] * coMean);
      } else {
        totals.add(this.ids[j], 0, 0);
      }
    }
  }
}

/** Per-interviewer n and Σ(rating − co-panelist mean). */
class Totals {
  constructor(private readonly map = new Map<string, { n: number; diff: number }>()) {}

  add(interviewerId: string, n: number, diff: number): void {
    const t = this.map.get(interviewerId);
    if (t === undefined) this.map.set(interviewerId, { n, diff });
    else {
      t.n += n;
      t.diff += diff;
    }
  }

  clone(): Totals {
    const copy = new Map<string, { n: number; diff: number }>();
    for (const [id, t] of this.map) copy.set(id, { n: t.n, diff: t.diff });
    return new Totals(copy);
  }

  /** offset = n/(n+k) × (diff/n) = diff/(n+k). */
  result(k: number): Record<string, LeniencyOffset> {
    const ids = [...this.map.keys()].sort(compareCodeUnits);
    return Object.fromEntries(
      ids.map((id) => {
        const { n, diff } = this.map.get(id) as { n: number; diff: number };
        return [id, { offset: n > 0 ? round(diff / (n + k), LENIENCY_DECIMALS) : 0, n }];
      }),
    );
  }
}

function checkK(options: LeniencyOptions): number {
  const k = options.k ?? DEFAULT_LENIENCY_K;
  if (!(typeof k === 'number' && Number.isFinite(k) && k >= 0)) {
    throw new CalibrationInputError('invalid_option', 'options.k', `expected a finite number ≥ 0, got ${describeValue(k)}`);
  }
  return k;
}

function checkRow(row: LeniencyRating, index: number): void {
  // Fast path first: this runs once per historical rating (up to millions); paths are built only on failure.
  if (
    row !== null &&
    typeof row === 'object' &&
    typeof row.interviewerId === 'string' &&
    row.interviewerId.length > 0 &&
    typeof row.applicationId === 'string' &&
    row.applicationId.length > 0 &&
    typeof row.dimensionId === 'string' &&
    row.dimensionId.length > 0 &&
    isRating(row.rating)
  ) {
    return;
  }
  const path = `history[${index}]`;
  if (row === null || typeof row !== 'object') {
    throw new CalibrationInputError('invalid_input', path, `expected an object, got ${describeValue(row)}`);
  }
  assertId(row.interviewerId, `${path}.interviewerId`);
  assertId(row.applicationId, `${path}.applicationId`);
  assertId(row.dimensionId, `${path}.dimensionId`);
  assertRating(row.rating, `${path}.rating`);
}
