import { insertAt, moveTo } from './ordering';

describe('moveTo', () => {
  it.each<[string[], string, number, string[]]>([
    [['a', 'b', 'c'], 'c', 1, ['c', 'a', 'b']],
    [['a', 'b', 'c'], 'a', 3, ['b', 'c', 'a']],
    [['a', 'b', 'c'], 'a', 2, ['b', 'a', 'c']],
    [['a', 'b', 'c'], 'b', 2, ['a', 'b', 'c']],
    [['a', 'b', 'c'], 'a', 99, ['b', 'c', 'a']],
    [['a', 'b', 'c'], 'c', 0, ['c', 'a', 'b']],
    [['a', 'b', 'c'], 'b', -5, ['b', 'a', 'c']],
    [['a'], 'a', 4, ['a']],
  ])('%j: move %s to %d → %j', (ids, id, position, expected) => {
    expect(moveTo(ids, id, position)).toEqual(expected);
  });
});

describe('insertAt', () => {
  it.each<[string[], string, number | undefined, string[]]>([
    [[], 'x', undefined, ['x']],
    [['a', 'b'], 'x', undefined, ['a', 'b', 'x']],
    [['a', 'b'], 'x', 1, ['x', 'a', 'b']],
    [['a', 'b'], 'x', 2, ['a', 'x', 'b']],
    [['a', 'b'], 'x', 3, ['a', 'b', 'x']],
    [['a', 'b'], 'x', 50, ['a', 'b', 'x']],
  ])('%j: insert %s at %s → %j', (ids, id, position, expected) => {
    expect(insertAt(ids, id, position)).toEqual(expected);
  });
});
