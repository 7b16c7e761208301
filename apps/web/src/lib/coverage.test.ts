import { describe, expect, it } from 'vitest';
import { cellKey, computeCoverage, coverageLabel, toggleFocus } from './coverage';

const dims = [
  { id: 'd1', name: 'Modeling' },
  { id: 'd2', name: 'Coding' },
  { id: 'd3', name: 'Communication' },
];

describe('computeCoverage', () => {
  const model = computeCoverage(dims, [
    { id: 'r1', name: 'Screen', focusDimensionIds: ['d1', 'd2'] },
    { id: 'r2', name: 'Onsite', focusDimensionIds: ['d1', 'unknown'] },
    { id: 'r3', name: 'Lunch', focusDimensionIds: [] },
  ]);

  it('says which dimension nobody assesses and which only one round does', () => {
    expect(model.dimensions.map((d) => [d.name, d.state, d.count])).toEqual([
      ['Modeling', 'covered', 2],
      ['Coding', 'single', 1],
      ['Communication', 'uncovered', 0],
    ]);
    expect(model.uncovered.map((d) => d.dimensionId)).toEqual(['d3']);
    expect(model.single.map((d) => d.dimensionId)).toEqual(['d2']);
  });

  it('ignores focus ids that are not dimensions and flags rounds without focus', () => {
    expect(model.rounds.map((r) => [r.name, r.count, r.empty])).toEqual([
      ['Screen', 2, false],
      ['Onsite', 1, false],
      ['Lunch', 0, true],
    ]);
    expect(model.cells.has(cellKey('d1', 'r2'))).toBe(true);
    expect(model.cells.has(cellKey('unknown', 'r2'))).toBe(false);
  });

  it('labels coverage in words', () => {
    expect(model.dimensions.map(coverageLabel)).toEqual(['Assessed in 2 rounds', 'Assessed in one round only', 'Not assessed by any round']);
  });

  it('counts a duplicated focus id once', () => {
    const m = computeCoverage(dims.slice(0, 1), [{ id: 'r', name: 'R', focusDimensionIds: ['d1', 'd1'] }]);
    expect(m.dimensions[0].count).toBe(1);
  });
});

describe('toggleFocus', () => {
  it('adds a dimension at the end, or removes it keeping the order', () => {
    expect(toggleFocus(['a', 'b'], 'c')).toEqual(['a', 'b', 'c']);
    expect(toggleFocus(['a', 'b', 'c'], 'b')).toEqual(['a', 'c']);
    expect(toggleFocus([], 'a')).toEqual(['a']);
  });
});
