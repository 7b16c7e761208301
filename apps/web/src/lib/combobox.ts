/** What a search-as-you-type picker says under its box about the matches it lists (read out by screen readers). */
export function matchesText(state: { searching: boolean; failed: boolean; shown: number; query: string; max: number }): string {
  if (state.searching) return 'Searching…';
  if (state.failed) return 'The search failed; type again to retry.';
  if (state.shown === 0) return state.query ? `No match for “${state.query}”.` : 'Nothing to choose yet.';
  if (state.shown >= state.max) return `The first ${state.max} matches; type more to narrow them.`;
  return `${state.shown} ${state.shown === 1 ? 'match' : 'matches'}.`;
}

/** The option highlighted after an arrow key: wraps around at both ends; none (-1) when there is nothing to highlight. */
export function nextActive(current: number, step: 1 | -1, count: number): number {
  if (count === 0) return -1;
  if (current < 0) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}
