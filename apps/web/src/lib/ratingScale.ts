import type { RatingScale, Rubric, ScaleLevel } from '../api/types';

/**
 * The rating scales a role can use, with the level labels the API sends as `scaleLevels` (mirrored here so that the
 * picker can show the labels of a scale before it is saved, and so that roles read before the API had scales keep
 * their four points).
 */
export const SCALE_LEVELS: Record<RatingScale, ScaleLevel[]> = {
  four_point: [
    { value: 1, key: '1', label: 'Strong evidence against' },
    { value: 2, key: '2', label: 'Some evidence against' },
    { value: 3, key: '3', label: 'Evidence for' },
    { value: 4, key: '4', label: 'Strong evidence for' },
  ],
  five_point: [
    { value: 1, key: '1', label: 'Far below the bar' },
    { value: 2, key: '2', label: 'Below the bar' },
    { value: 3, key: '3', label: 'At the bar' },
    { value: 4, key: '4', label: 'Above the bar' },
    { value: 5, key: '5', label: 'Far above the bar' },
  ],
  three_level: [
    { value: 1, key: '1', label: 'Below' },
    { value: 2, key: '2', label: 'Meets' },
    { value: 3, key: '3', label: 'Exceeds' },
  ],
};

export const SCALE_NAMES: Record<RatingScale, string> = {
  four_point: '4 points',
  five_point: '5 points',
  three_level: '3 levels (below / meets / exceeds)',
};

export const DEFAULT_SCALE: RatingScale = 'four_point';

export function isRatingScale(x: unknown): x is RatingScale {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(SCALE_LEVELS, x);
}

/** The levels of a role (or kit): the API's own when it sends them, else the known levels of its scale, else 4 points. */
export function levelsOf(x: { ratingScale?: string | null; scaleLevels?: ScaleLevel[] | null } | null | undefined): ScaleLevel[] {
  if (x?.scaleLevels && x.scaleLevels.length > 0) return [...x.scaleLevels].sort((a, b) => a.value - b.value);
  return SCALE_LEVELS[isRatingScale(x?.ratingScale) ? x.ratingScale : DEFAULT_SCALE];
}

/** "1 Strong evidence against · 2 Some evidence against · …": a scale at a glance, for the picker. */
export function describeScale(levels: ScaleLevel[]): string {
  return levels.map((l) => `${l.value} ${l.label}`).join(' · ');
}

export function labelOf(levels: ScaleLevel[], value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return levels.find((l) => l.value === value)?.label ?? String(value);
}

/** Lowest and highest value of a scale (the domain of its charts). */
export function rangeOf(levels: ScaleLevel[]): [number, number] {
  if (levels.length === 0) return [1, 4];
  return [levels[0].value, levels[levels.length - 1].value];
}

/**
 * The level a dimension must reach to "meet" the bar under `everyDimensionMeets`: the level keyed or labelled "meets"
 * (three levels), else the lowest level of the upper half ("Evidence for" on 4 points, "At the bar" on 5).
 */
export function meetsLevelOf(levels: ScaleLevel[]): ScaleLevel | null {
  if (levels.length === 0) return null;
  const named = levels.find((l) => /^meets?$/i.test(l.key) || /^meets$/i.test(l.label));
  if (named) return named;
  return levels[Math.floor(levels.length / 2)];
}

/**
 * The rubric to send for a scale: exactly its levels' anchors (trimmed; missing ones as ''), dropping anchors of
 * levels the scale does not have — after a switch from 5 points to 3 levels, the old '4' and '5' must not be sent.
 */
export function rubricForLevels(levels: ScaleLevel[], rubric: Partial<Rubric> | null | undefined): Rubric {
  const out: Rubric = {};
  for (const l of levels) out[l.key] = (rubric?.[l.key] ?? '').trim();
  return out;
}

/** Levels whose anchor is still empty: the API requires one for each level of the scale. */
export function missingAnchors(levels: ScaleLevel[], rubric: Partial<Rubric> | null | undefined): ScaleLevel[] {
  return levels.filter((l) => !(rubric?.[l.key] ?? '').trim());
}

/** "Bar (1–4)": a policy threshold is stated on the role's scale. */
export function thresholdHint(levels: ScaleLevel[]): string {
  const [lo, hi] = rangeOf(levels);
  return `${lo}–${hi}`;
}
