/**
 * The loop builder's coverage grid: dimensions × rounds, each cell "this round focuses on this dimension".
 * A dimension nobody assesses blocks opening; one assessed in a single round is a warning (good practice is ≥ 2).
 */
export const RECOMMENDED_ROUNDS_PER_DIMENSION = 2;

export interface CoverageDimension {
  id: string;
  name: string;
}

export interface CoverageRound {
  id: string;
  name: string;
  focusDimensionIds: string[];
}

export type DimensionCoverageState = 'uncovered' | 'single' | 'covered';

export interface DimensionCoverage {
  dimensionId: string;
  name: string;
  roundIds: string[];
  count: number;
  state: DimensionCoverageState;
}

export interface RoundCoverage {
  roundId: string;
  name: string;
  count: number;
  /** A round without a focus dimension blocks opening. */
  empty: boolean;
}

export interface CoverageGridModel {
  dimensions: DimensionCoverage[];
  rounds: RoundCoverage[];
  /** `${dimensionId}:${roundId}` → focused */
  cells: Set<string>;
  uncovered: DimensionCoverage[];
  single: DimensionCoverage[];
}

export const cellKey = (dimensionId: string, roundId: string) => `${dimensionId}:${roundId}`;

export function computeCoverage(dimensions: CoverageDimension[], rounds: CoverageRound[]): CoverageGridModel {
  const dimensionIds = new Set(dimensions.map((d) => d.id));
  const cells = new Set<string>();
  const roundsByDimension = new Map<string, string[]>();
  const roundRows: RoundCoverage[] = [];
  for (const round of rounds) {
    let count = 0;
    for (const id of new Set(round.focusDimensionIds)) {
      if (!dimensionIds.has(id)) continue;
      count++;
      cells.add(cellKey(id, round.id));
      roundsByDimension.set(id, [...(roundsByDimension.get(id) ?? []), round.id]);
    }
    roundRows.push({ roundId: round.id, name: round.name, count, empty: count === 0 });
  }
  const dims: DimensionCoverage[] = dimensions.map((d) => {
    const roundIds = roundsByDimension.get(d.id) ?? [];
    const count = roundIds.length;
    const state: DimensionCoverageState = count === 0 ? 'uncovered' : count < RECOMMENDED_ROUNDS_PER_DIMENSION ? 'single' : 'covered';
    return { dimensionId: d.id, name: d.name, roundIds, count, state };
  });
  return {
    dimensions: dims,
    rounds: roundRows,
    cells,
    uncovered: dims.filter((d) => d.state === 'uncovered'),
    single: dims.filter((d) => d.state === 'single'),
  };
}

/** The round's new focus list after clicking a cell: adds the dimension, or removes it; keeps the order. */
export function toggleFocus(focusDimensionIds: string[], dimensionId: string): string[] {
  return focusDimensionIds.includes(dimensionId) ? focusDimensionIds.filter((id) => id !== dimensionId) : [...focusDimensionIds, dimensionId];
}

export function coverageLabel(d: DimensionCoverage): string {
  if (d.state === 'uncovered') return 'Not assessed by any round';
  if (d.state === 'single') return 'Assessed in one round only';
  return `Assessed in ${d.count} rounds`;
}
