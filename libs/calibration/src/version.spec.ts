import { ALGORITHM_VERSION, isNewerAlgorithm, isOlderAlgorithm } from './version';

describe('isOlderAlgorithm', () => {
  it.each([
    ['hireloop-calibration/2.0.0', 'hireloop-calibration/2.1.0', true],
    ['hireloop-calibration/1.9.9', 'hireloop-calibration/2.0.0', true],
    ['hireloop-calibration/2.1.0', 'hireloop-calibration/2.1.1', true],
    // Numeric, not text, order: 10 > 9.
    ['hireloop-calibration/2.9.0', 'hireloop-calibration/2.10.0', true],
    ['hireloop-calibration/2.10.0', 'hireloop-calibration/2.9.0', false],
    ['hireloop-calibration/2.1.0', 'hireloop-calibration/2.1.0', false],
    ['hireloop-calibration/3.0.0', 'hireloop-calibration/2.1.0', false],
    // Not ours or malformed: recompute.
    ['test', 'hireloop-calibration/2.1.0', true],
    ['hireloop-calibration/2.1', 'hireloop-calibration/2.1.0', true],
  ])('%s older than %s: %s', (stored, current, expected) => {
    expect(isOlderAlgorithm(stored, current)).toBe(expected);
  });

  it("compares with this library's version by default, which is well formed", () => {
    expect(isOlderAlgorithm(ALGORITHM_VERSION)).toBe(false);
    expect(isOlderAlgorithm('hireloop-calibration/0.0.1')).toBe(true);
  });

  it('refuses a malformed current version', () => {
    expect(() => isOlderAlgorithm('hireloop-calibration/1.0.0', 'latest')).toThrow('not an algorithm version');
  });
});

describe('isNewerAlgorithm', () => {
  it.each([
    ['hireloop-calibration/2.2.0', 'hireloop-calibration/2.1.0', true],
    ['hireloop-calibration/2.10.0', 'hireloop-calibration/2.9.0', true],
    ['hireloop-calibration/2.1.0', 'hireloop-calibration/2.1.0', false],
    ['hireloop-calibration/2.0.0', 'hireloop-calibration/2.1.0', false],
    // Either of another form (a fixture, a seed): never newer, and no error (it is compared for every stored report).
    ['fixture', 'hireloop-calibration/2.1.0', false],
    ['hireloop-calibration/3.0.0', 'seed', false],
  ])('%s newer than %s: %s', (stored, current, expected) => {
    expect(isNewerAlgorithm(stored, current)).toBe(expected);
  });
});
