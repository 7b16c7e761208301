/**
 * Version of every formula and constant that can change a report's figures (interval method,
 * prior, tie tolerance, rounding, canonical-hash layout). Bump it whenever any of them changes, so a
 * stored report can be told apart from a recomputation under different rules.
 */
export const ALGORITHM_VERSION = 'hireloop-calibration/2.2.0';

const VERSION_PATTERN = /^hireloop-calibration\/(\d+)\.(\d+)\.(\d+)$/;

/**
 * Whether a stored report's algorithm version is older than `current` (by default this library's), so that the report
 * should be computed again. A version of another form (not ours, or malformed) counts as older: recomputing is always
 * safe. A newer version is not older: during a rolling deploy a process still on the old library must not replace
 * the reports of the new one.
 */
export function isOlderAlgorithm(stored: string, current: string = ALGORITHM_VERSION): boolean {
  const storedParts = VERSION_PATTERN.exec(stored);
  const currentParts = VERSION_PATTERN.exec(current);
  if (!currentParts) throw new Error(`not an algorithm version: ${current}`);
  if (!storedParts) return true;
  for (let i = 1; i <= 3; i++) {
    const difference = Number(storedParts[i]) - Number(currentParts[i]);
    if (difference !== 0) return difference < 0;
  }
  return false;
}

/**
 * Whether `stored` is a well-formed version newer than `current` (false when either is of another form): a process
 * on `current` must then leave that report alone.
 */
export function isNewerAlgorithm(stored: string, current: string = ALGORITHM_VERSION): boolean {
  return VERSION_PATTERN.test(stored) && VERSION_PATTERN.test(current) && isOlderAlgorithm(current, stored);
}
