import type { RatingScale, Rubric, ScaleLevel } from '../api/types';

/**
 * The rating scales a role can use, with the level labels the API sends as `scaleLevels` (mirrored here so that the
 * picker can show the labels of a scale before it is saved, and so that roles read before the API had scales keep
 * their four points).
 */
export const SCALE_LEVELS: Record<RatingScale, ScaleLevel[]> = {
  four_point: [
    { value: 1, key: 'strong_against', label: 'Strong evidence against' },
    { value: 2, key: 'against', label: 'Some evidence against' },
    { value: 3, key: 'for', label: 'Evidence for' },
    { value: 4, key: 'strong_for', label: 'Strong evidence for' },
  ],
  five_point: [
    { value: 1, key: 'far_below', label: 'Far below the bar' },
    { value: 2, key: 'below', label: 'Below the bar' },
    { value: 3, key: 'meets', label: 'Meets the bar' },
    { value: 4, key: 'above', label: 'Above the bar' },
    { value: 5, key: 'far_above', label: 'Far above the bar' },
  ],
  three_level: [
    { value: 1, key: 'below', label: 'Below' },
    { value: 2, key: 'meets', label: 'Meets' },
    { value: 3, key: 'exceeds', label: 'Exceeds' },
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

/** Rubric anchors are keyed by the level's value ('1' … '5'), whatever the level's own key. */
export function anchorKey(level: ScaleLevel): string {
  return String(level.value);
}

/**
 * The level a dimension must reach to "meet" the bar under `everyDimensionMeets`: the level keyed "meets" (5 points,
 * 3 levels), else the lowest level of the upper half ("Evidence for" on 4 points).
 */
export function meetsLevelOf(levels: ScaleLevel[]): ScaleLevel | null {
  if (levels.length === 0) return null;
  const named = levels.find((l) => /^meets?$/i.test(l.key) || /^meets$/i.test(l.label));
  if (named) return named;
  return levels[Math.floor(levels.length / 2)];
}

/**
 * The rubric to send (the API replaces it whole): the anchors written for the scale's levels (trimmed; an empty one
 * is left out — the API then names each missing level of the role's scale, and a level of a scale only picked, not
 * saved yet, may still be empty), plus the non-empty anchors of other levels the dimension already had — the API
 * keeps them for a later change of scale, so a save must not drop them.
 */
export function rubricForLevels(levels: ScaleLevel[], rubric: Partial<Rubric> | null | undefined, saved?: Partial<Rubric> | null): Rubric {
  const out: Rubric = {};
  const inScale = new Set(levels.map(anchorKey));
  for (const [k, v] of Object.entries(saved ?? {})) if (!inScale.has(k) && typeof v === 'string' && v.trim()) out[k] = v.trim();
  for (const l of levels) {
    const text = (rubric?.[anchorKey(l)] ?? '').trim();
    if (text) out[anchorKey(l)] = text;
  }
  return out;
}

/** Levels whose anchor is still empty: the API requires one for each level of the scale. */
export function missingAnchors(levels: ScaleLevel[], rubric: Partial<Rubric> | null | undefined): ScaleLevel[] {
  return levels.filter((l) => !(rubric?.[anchorKey(l)] ?? '').trim());
}

/** Before a switch of scale: which dimensions still lack an anchor for a level of the new scale (the API refuses the switch until none does). */
export function dimensionsMissingAnchors(
  dimensions: { name: string; rubric?: Partial<Rubric> | null }[],
  levels: ScaleLevel[],
): { name: string; levels: ScaleLevel[] }[] {
  return dimensions.map((d) => ({ name: d.name, levels: missingAnchors(levels, d.rubric) })).filter((x) => x.levels.length > 0);
}

/** "Bar (1–4)": a policy threshold is stated on the role's scale. */
export function thresholdHint(levels: ScaleLevel[]): string {
  const [lo, hi] = rangeOf(levels);
  return `${lo}–${hi}`;
}
