import { describe, expect, it } from 'vitest';
import { colourFor, dodge, linearScale } from './scale';

describe('linearScale', () => {
  const x = linearScale([1, 4], [100, 400]);
  it('maps the rating scale onto pixels and clamps', () => {
    expect(x(1)).toBe(100);
    expect(x(2.5)).toBe(250);
    expect(x(4)).toBe(400);
    expect(x(0)).toBe(100);
    expect(x(5)).toBe(400);
    expect(linearScale([0, 1], [0, 10], false)(2)).toBe(20);
  });
  it('makes round ticks', () => {
    expect(x.ticks(3)).toEqual([1, 2, 3, 4]);
    expect(linearScale([0, 1], [0, 1]).ticks(4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});

describe('dodge', () => {
  it('spreads equal values so every dot stays visible', () => {
    expect(dodge([3, 3, 2, 3, 3], (v) => v)).toEqual([0, 1, 0, -1, 2]);
  });
  it('cycles colours', () => {
    expect(colourFor(0)).toBe(colourFor(8));
    expect(colourFor(-1)).toBe(colourFor(7));
  });
});
