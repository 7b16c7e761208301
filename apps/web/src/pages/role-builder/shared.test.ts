import { describe, expect, it } from 'vitest';
import { linesToList, listToLines, moveItem } from './shared';

describe('the question editor helpers', () => {
  it('reads one entry a line: trimmed, blank lines and repeats dropped, order kept', () => {
    expect(linesToList('  Keeps price history \n\nNames the queries\nKeeps price history\n')).toEqual(['Keeps price history', 'Names the queries']);
    expect(linesToList('')).toEqual([]);
    expect(listToLines(['a', 'b'])).toBe('a\nb');
    expect(listToLines(undefined)).toBe('');
  });

  it.each([
    { list: ['a', 'b', 'c'], index: 1, delta: -1, expected: ['b', 'a', 'c'] },
    { list: ['a', 'b', 'c'], index: 1, delta: 1, expected: ['a', 'c', 'b'] },
    { list: ['a', 'b', 'c'], index: 0, delta: 2, expected: ['b', 'c', 'a'] },
    { list: ['a', 'b', 'c'], index: 0, delta: -1, expected: ['a', 'b', 'c'] },
    { list: ['a', 'b', 'c'], index: 2, delta: 1, expected: ['a', 'b', 'c'] },
    { list: [], index: 0, delta: 1, expected: [] },
  ])('moves $index by $delta in $list → $expected', ({ list, index, delta, expected }) => {
    const before = [...list];
    expect(moveItem(list, index, delta)).toEqual(expected);
    expect(list).toEqual(before);
  });
});
