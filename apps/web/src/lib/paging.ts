/** "Showing 21–40 of 1,010" for a page of a server-side list; `total` undefined when the API did not count. */
export function showingText(pageIndex: number, pageSize: number, shown: number, total: number | undefined, noun: string): string {
  if (shown === 0) return total === 0 || total === undefined ? `No ${noun} found` : `No more ${noun}`;
  const first = pageIndex * pageSize + 1;
  const last = pageIndex * pageSize + shown;
  const n = (x: number) => x.toLocaleString('en-US');
  return total === undefined ? `Showing ${n(first)}–${n(last)} ${noun}` : `Showing ${n(first)}–${n(last)} of ${n(total)} ${noun}`;
}

/**
 * Cursor pages with a way back: the API only knows "next", so the cursors of the pages seen so far are kept.
 * `cursors[i]` opens page i (undefined for the first).
 */
export interface PageCursors {
  cursors: (string | undefined)[];
  index: number;
}

export const firstPage = (): PageCursors => ({ cursors: [undefined], index: 0 });

export function nextPage(state: PageCursors, nextCursor: string | null | undefined): PageCursors {
  if (!nextCursor) return state;
  const cursors = state.cursors.slice(0, state.index + 1);
  cursors.push(nextCursor);
  return { cursors, index: state.index + 1 };
}

export function previousPage(state: PageCursors): PageCursors {
  return state.index === 0 ? state : { cursors: state.cursors, index: state.index - 1 };
}
