import type { Rating } from '../scorecards/rating';

export const ROUND_KINDS = ['screen', 'technical', 'system_design', 'case', 'coding', 'behavioral', 'bar_raiser', 'other'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

/** Rubric anchors: what a rating of 1 (strong no) to 4 (strong yes, exceeds the bar) looks like. */
export type Rubric = Record<`${Rating}`, string>;

export interface SignalLists {
  strong: string[];
  weak: string[];
  redFlags: string[];
}

export interface SnapshotDimension {
  id: string;
  name: string;
  description: string;
  /** Percent; the weights of an opened loop sum to 100. */
  weight: number;
  rubric: Rubric;
  signals: SignalLists;
  position: number;
}

export interface SnapshotQuestion {
  id: string;
  prompt: string;
  pointsOfAssessment: string[];
  pitfalls: string[];
  followUps: string[];
  tags: string[];
}

export interface SnapshotRound {
  id: string;
  name: string;
  kind: RoundKind;
  durationMinutes: number;
  position: number;
  focusDimensionIds: string[];
  questions: SnapshotQuestion[];
}

/**
 * A loop version: the role's dimensions, rounds and questions as they were when scorecards were made against them.
 * Stored whole in `loop_versions.snapshot`, never edited once a scorecard points at it.
 */
export interface LoopSnapshot {
  dimensions: SnapshotDimension[];
  rounds: SnapshotRound[];
}
