/**
 * Positions of dimensions and rounds are 1-based and dense (1..n). Moving or inserting an item renumbers its
 * siblings; a requested position outside 1..n is clamped (asking for 99 means "last").
 */

function clamp(position: number, max: number): number {
  return Math.min(Math.max(Math.trunc(position), 1), max);
}

/** The order after moving `id` to `position`. */
export function moveTo(orderedIds: string[], id: string, position: number): string[] {
  const rest = orderedIds.filter((other) => other !== id);
  const index = clamp(position, rest.length + 1) - 1;
  return [...rest.slice(0, index), id, ...rest.slice(index)];
}

/** The order after inserting a new `id` at `position`, or at the end when no position is given. */
export function insertAt(orderedIds: string[], id: string, position?: number): string[] {
  return position === undefined ? [...orderedIds.filter((other) => other !== id), id] : moveTo(orderedIds, id, position);
}
