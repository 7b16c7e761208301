import { describe, expect, it } from 'vitest';
import { firstPage, nextPage, previousPage, showingText } from './paging';

describe('showingText', () => {
  it.each([
    [0, 20, 20, 1010, 'candidates', 'Showing 1–20 of 1,010 candidates'],
    [50, 20, 10, 1010, 'candidates', 'Showing 1,001–1,010 of 1,010 candidates'],
    [1, 25, 3, undefined, 'roles', 'Showing 26–28 roles'],
    [0, 20, 0, 0, 'roles', 'No roles found'],
    [2, 20, 0, 40, 'roles', 'No more roles'],
  ])('page %i of size %i with %i shown of %s', (page, size, shown, total, noun, text) => {
    expect(showingText(page, size, shown, total, noun)).toBe(text);
  });
});

describe('page cursors', () => {
  it('goes forward with the cursors the API gave and back to the pages seen', () => {
    let s = firstPage();
    s = nextPage(s, 'c1');
    s = nextPage(s, 'c2');
    expect(s).toEqual({ cursors: [undefined, 'c1', 'c2'], index: 2 });
    s = previousPage(s);
    expect(s.cursors[s.index]).toBe('c1');
    // Forward again from page 1 replaces what came after it.
    s = nextPage(s, 'c2b');
    expect(s).toEqual({ cursors: [undefined, 'c1', 'c2b'], index: 2 });
    expect(nextPage(s, null)).toBe(s);
    expect(previousPage(firstPage())).toEqual(firstPage());
  });
});
