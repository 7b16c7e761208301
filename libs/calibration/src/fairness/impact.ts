/**
 * Adverse-impact analysis of a selection step (Uniform Guidelines on Employee Selection Procedures, 29 CFR 1607.4(D);
 * New York City Local Law 144 bias audits): selection rate per group, impact ratio against the group with the
 * highest rate, the four-fifths flag, and Fisher's exact and the two-proportion z-test against that group.
 * Groups smaller than the suppression minimum are counted but not rated or compared.
 */
import { fisherExactTwoSided, twoProportionZTest } from './tests';

/** The four-fifths rule: an impact ratio below 0.8 is generally regarded as evidence of adverse impact. */
export const FOUR_FIFTHS = 0.8;
/** Conventional significance level of the tests. */
export const SIGNIFICANCE_LEVEL = 0.05;
/** Groups with fewer people than this are suppressed (too few to publish a rate without re-identifying people). */
export const MIN_GROUP_SIZE = 5;
/** The key of people whose category is unknown or declined (for an intersection: any part of it). */
export const UNKNOWN_GROUP = 'unknown';

/** One person at a step: the category values (null = unknown or declined) and whether they passed it. */
export interface SelectionRecord {
  categories: Readonly<Record<string, string | null | undefined>>;
  selected: boolean;
}

export interface GroupImpact {
  /** The category value, or values joined by " × " for an intersection. */
  group: string;
  total: number;
  selected: number;
  /** Under MIN_GROUP_SIZE people: rate, ratio and tests withheld. */
  suppressed: boolean;
  selectionRate: number | null;
  /** Rate over the highest-rate (unsuppressed) group's rate; 1 for that group itself. */
  impactRatio: number | null;
  /** impactRatio < 0.8. */
  fourFifthsFlag: boolean;
  /** Fisher's exact test (two-sided) of this group against the highest-rate group; null for that group. */
  fisherP: number | null;
  /** Two-proportion z-test against the highest-rate group. */
  z: number | null;
  zTestP: number | null;
  /** Both the four-fifths flag and Fisher's p < 0.05: a practically and statistically significant shortfall. */
  adverseImpact: boolean;
}

export interface ImpactAnalysis {
  /** The category keys analysed (one, or several for an intersection). */
  categories: string[];
  /** The highest-rate unsuppressed group (the comparison group), or null when no group is large enough. */
  referenceGroup: string | null;
  groups: GroupImpact[];
  /** People with an unknown or declined category, counted apart (never a comparison group). */
  unknown: { total: number; selected: number };
}

/** Key of a record's group over `categories`, or null when any of them is unknown. */
export function groupKey(record: SelectionRecord, categories: readonly string[]): string | null {
  const parts: string[] = [];
  for (const c of categories) {
    const v = record.categories[c];
    if (v === null || v === undefined || v === '') return null;
    parts.push(v);
  }
  return parts.join(' × ');
}

/**
 * Impact analysis of `records` by one category (`['sex']`) or an intersection (`['sex', 'raceEthnicity']`).
 * Groups come out sorted by key; ties for the highest rate take the larger group, then the first key.
 */
export function adverseImpact(records: readonly SelectionRecord[], categories: readonly string[], minGroupSize = MIN_GROUP_SIZE): ImpactAnalysis {
  if (categories.length === 0) throw new RangeError('adverseImpact needs at least one category');
  const counts = new Map<string, { total: number; selected: number }>();
  const unknown = { total: 0, selected: 0 };
  for (const r of records) {
    const key = groupKey(r, categories);
    const bucket = key === null ? unknown : (counts.get(key) ?? counts.set(key, { total: 0, selected: 0 }).get(key)!);
    bucket.total += 1;
    if (r.selected) bucket.selected += 1;
  }
  const keys = [...counts.keys()].sort();
  let reference: string | null = null;
  for (const key of keys) {
    const c = counts.get(key)!;
    if (c.total < minGroupSize) continue;
    if (reference === null) {
      reference = key;
      continue;
    }
    const best = counts.get(reference)!;
    const rate = c.selected / c.total;
    const bestRate = best.selected / best.total;
    if (rate > bestRate || (rate === bestRate && c.total > best.total)) reference = key;
  }
  const ref = reference === null ? null : counts.get(reference)!;
  const refRate = ref === null ? null : ref.selected / ref.total;
  const groups = keys.map((key): GroupImpact => {
    const c = counts.get(key)!;
    const suppressed = c.total < minGroupSize;
    if (suppressed || ref === null || refRate === null) {
      return {
        group: key,
        total: c.total,
        selected: c.selected,
        suppressed,
        selectionRate: suppressed ? null : c.selected / c.total,
        impactRatio: null,
        fourFifthsFlag: false,
        fisherP: null,
        z: null,
        zTestP: null,
        adverseImpact: false,
      };
    }
    const rate = c.selected / c.total;
    // A reference group that selected nobody gives every group the same zero rate: no shortfall to measure.
    const impactRatio = refRate === 0 ? null : rate / refRate;
    const isReference = key === reference;
    const table = { a: c.selected, b: c.total - c.selected, c: ref.selected, d: ref.total - ref.selected };
    const fisherP = isReference ? null : fisherExactTwoSided(table);
    const zTest = isReference ? null : twoProportionZTest(table);
    // In whole numbers (rate_g / rate_ref < 4/5 ⇔ 5 · sel_g · n_ref < 4 · sel_ref · n_g): 48/100 against 60/100 is
    // exactly 4/5, which floating point would put a hair below.
    const fourFifthsFlag = impactRatio !== null && 5 * c.selected * ref.total < 4 * ref.selected * c.total;
    return {
      group: key,
      total: c.total,
      selected: c.selected,
      suppressed: false,
      selectionRate: rate,
      impactRatio,
      fourFifthsFlag,
      fisherP,
      z: zTest?.z ?? null,
      zTestP: zTest?.p ?? null,
      adverseImpact: fourFifthsFlag && fisherP !== null && fisherP < SIGNIFICANCE_LEVEL,
    };
  });
  return { categories: [...categories], referenceGroup: reference, groups, unknown };
}
