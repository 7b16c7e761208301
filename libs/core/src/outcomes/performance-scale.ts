/** An organization's performance-rating scale: integer levels min..max, each with a label. */
export interface PerformanceScale {
  min: number;
  max: number;
  labels: Record<string, string>;
}

export const DEFAULT_PERFORMANCE_SCALE: PerformanceScale = {
  min: 1,
  max: 5,
  labels: {
    '1': 'Far below expectations',
    '2': 'Below expectations',
    '3': 'Meets expectations',
    '4': 'Exceeds expectations',
    '5': 'Far exceeds expectations',
  },
};

/** Field-level problems with a proposed scale (empty = valid). */
export function scaleProblems(scale: PerformanceScale): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!Number.isInteger(scale.min) || scale.min < 0) problems.push({ field: 'min', message: 'min must be an integer ≥ 0' });
  if (!Number.isInteger(scale.max) || scale.max <= scale.min) problems.push({ field: 'max', message: 'max must be an integer greater than min' });
  else if (scale.max - scale.min > 10) problems.push({ field: 'max', message: 'a scale has at most 11 levels' });
  if (problems.length) return problems;
  for (let level = scale.min; level <= scale.max; level++) {
    const label = scale.labels?.[String(level)];
    if (typeof label !== 'string' || label.trim() === '' || label.length > 100)
      problems.push({ field: `labels.${level}`, message: `level ${level} needs a label of 1–100 characters` });
  }
  for (const key of Object.keys(scale.labels ?? {})) {
    const level = Number(key);
    if (!Number.isInteger(level) || level < scale.min || level > scale.max)
      problems.push({ field: `labels.${key}`, message: `${key} is not a level of the scale ${scale.min}–${scale.max}` });
  }
  return problems;
}

export function isOnScale(scale: PerformanceScale, rating: unknown): rating is number {
  return typeof rating === 'number' && Number.isInteger(rating) && rating >= scale.min && rating <= scale.max;
}
