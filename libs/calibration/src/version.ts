/**
 * Version of every formula and constant that can change a report's figures (interval method,
 * prior, tie tolerance, rounding, canonical-hash layout). Bump it whenever any of them changes, so a
 * stored report can be told apart from a recomputation under different rules.
 */
export const ALGORITHM_VERSION = 'hireloop-calibration/2.1.0';
