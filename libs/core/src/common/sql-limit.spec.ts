import { sqlLimit } from './sql-limit';

describe('sqlLimit', () => {
  it('writes a whole number within the bounds as it is', () => {
    expect(sqlLimit(1)).toBe('1');
    expect(sqlLimit(51)).toBe('51');
    expect(sqlLimit(10_000)).toBe('10000');
    expect(sqlLimit(200, 200)).toBe('200');
  });

  it('refuses anything else: nothing but digits ever reaches the SQL text', () => {
    for (const bad of [
      0,
      -1,
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      10_001,
      '5; DROP TABLE users' as unknown as number,
      '20' as unknown as number,
    ])
      expect(() => sqlLimit(bad)).toThrow(RangeError);
    expect(() => sqlLimit(201, 200)).toThrow(RangeError);
  });
});
