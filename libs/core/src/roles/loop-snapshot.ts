import type { RatingScaleKind } from './rating-scale';

export const ROUND_KINDS = ['screen', 'technical', 'system_design', 'case', 'coding', 'behavioral', 'bar_raiser', 'other'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

/**
 * Rubric anchors keyed by level value ('1', '2', …): what each level of the role's scale looks like. Anchors are
 * required for the scale's levels only ('1'–'4' on the 4-point scale, '1'–'5' on the 5-point one, '1'–'3' on the
 * 3-level one); a stored rubric may keep anchors of other levels (from an earlier scale), snapshots do not.
 */
export type Rubric = { [level: string]: string };

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
  /** Default true (snapshots from before the flag existed). */
  required?: boolean;
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
  /** The role's rating scale when the version was made; absent in snapshots older than scales = four_point. */
  ratingScale?: RatingScaleKind;
  dimensions: SnapshotDimension[];
  rounds: SnapshotRound[];
}
