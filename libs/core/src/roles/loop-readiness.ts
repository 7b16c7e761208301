import type { FieldError } from '../common/app-error';

/**
 * Whether a role's loop may open, as a pure function of its live configuration.
 * Errors block opening (and block any change to an open role that would bring them back); warnings never block.
 * Field paths name the offending thing: `dimensions.<id>`, `rounds.<id>.focusDimensionIds`, `weightSum`, `hiringManagerId`.
 */

/** Weights are percents; an opened loop's weights sum to 100 within this tolerance. */
export const WEIGHT_SUM_TARGET = 100;
export const WEIGHT_SUM_TOLERANCE = 0.01;
/** Good practice: every dimension is assessed in at least this many rounds. */
export const RECOMMENDED_ROUNDS_PER_DIMENSION = 2;

export interface ReadinessDimension {
  id: string;
  name: string;
  weight: number;
}

export interface ReadinessRound {
  id: string;
  name: string;
  focusDimensionIds: string[];
}

export interface ReadinessInput {
  hiringManagerId: string | null;
  /** False when the hiring manager is set but is no longer an active member holding `hiring_manager`. Default true. */
  hiringManagerEligible?: boolean;
  /** In display order. */
  dimensions: ReadinessDimension[];
  /** In display order. */
  rounds: ReadinessRound[];
}

export interface LoopReadiness {
  canOpen: boolean;
  weightSum: number;
  errors: FieldError[];
  warnings: FieldError[];
}

export const ReadinessCode = {
  HiringManagerMissing: 'hiring_manager_missing',
  HiringManagerIneligible: 'hiring_manager_ineligible',
  NoDimensions: 'no_dimensions',
  WeightSum: 'weights_must_sum_to_100',
  DimensionNotCovered: 'dimension_not_covered',
  NoRounds: 'no_rounds',
  RoundWithoutFocus: 'round_without_focus',
  DimensionSingleRound: 'dimension_in_one_round',
} as const;

/** Sum of percents, exact to the database's 3 decimals (no floating-point noise such as 99.99999999). */
export function sumWeights(weights: number[]): number {
  const milli = weights.reduce((total, w) => total + Math.round(w * 1000), 0);
  return milli / 1000;
}

export function weightsSumToTarget(sum: number): boolean {
  return Math.abs(sum - WEIGHT_SUM_TARGET) <= WEIGHT_SUM_TOLERANCE + 1e-9;
}

/** 85 → "85", 33.333 → "33.333", 99.99 → "99.99". */
export function formatWeight(value: number): string {
  return String(Number(value.toFixed(3)));
}

export function assessLoopReadiness(input: ReadinessInput): LoopReadiness {
  const errors: FieldError[] = [];
  const warnings: FieldError[] = [];
  const weightSum = sumWeights(input.dimensions.map((d) => d.weight));

  if (!input.hiringManagerId) {
    errors.push({
      field: 'hiringManagerId',
      code: ReadinessCode.HiringManagerMissing,
      message: 'The role needs a hiring manager before it can open.',
    });
  } else if (input.hiringManagerEligible === false) {
    errors.push({
      field: 'hiringManagerId',
      code: ReadinessCode.HiringManagerIneligible,
      message: 'The hiring manager is no longer an active member holding the hiring_manager role; choose another.',
    });
  }

  if (input.dimensions.length === 0) {
    errors.push({ field: 'dimensions', code: ReadinessCode.NoDimensions, message: 'The loop needs at least one scorecard dimension.' });
  } else if (!weightsSumToTarget(weightSum)) {
    errors.push({
      field: 'weightSum',
      code: ReadinessCode.WeightSum,
      message: `Dimension weights must sum to ${WEIGHT_SUM_TARGET} (±${WEIGHT_SUM_TOLERANCE}); they currently sum to ${formatWeight(weightSum)}.`,
    });
  }

  const dimensionIds = new Set(input.dimensions.map((d) => d.id));
  const roundsByDimension = new Map<string, ReadinessRound[]>();
  for (const round of input.rounds) {
    for (const id of new Set(round.focusDimensionIds)) {
      if (!dimensionIds.has(id)) continue;
      roundsByDimension.set(id, [...(roundsByDimension.get(id) ?? []), round]);
    }
  }

  if (input.rounds.length === 0) {
    errors.push({ field: 'rounds', code: ReadinessCode.NoRounds, message: 'The loop needs at least one interview round.' });
  }

  for (const dimension of input.dimensions) {
    const rounds = roundsByDimension.get(dimension.id) ?? [];
    if (rounds.length === 0) {
      errors.push({
        field: `dimensions.${dimension.id}`,
        code: ReadinessCode.DimensionNotCovered,
        message: `Dimension "${dimension.name}" is not the focus of any round; make it a focus of at least one round (tick it in the coverage grid).`,
      });
    } else if (rounds.length < RECOMMENDED_ROUNDS_PER_DIMENSION) {
      warnings.push({
        field: `dimensions.${dimension.id}`,
        code: ReadinessCode.DimensionSingleRound,
        message: `Dimension "${dimension.name}" is assessed only in round "${rounds[0].name}"; good practice is to assess each dimension in at least ${RECOMMENDED_ROUNDS_PER_DIMENSION} interviews.`,
      });
    }
  }

  for (const round of input.rounds) {
    if (!round.focusDimensionIds.some((id) => dimensionIds.has(id))) {
      errors.push({
        field: `rounds.${round.id}.focusDimensionIds`,
        code: ReadinessCode.RoundWithoutFocus,
        message: `Round "${round.name}" has no focus dimension; give it at least one.`,
      });
    }
  }

  return { canOpen: errors.length === 0, weightSum, errors, warnings };
}
