import type { FieldError } from '../common/app-error';
import type { SnapshotDimension, SnapshotRound } from '../roles/loop-snapshot';
import { RatingScale, ratingScaleOf } from '../roles/rating-scale';
import { LEVEL_ASSESSMENTS, LevelAssessment, RECOMMENDATIONS, Recommendation, ScorecardRating } from './rating';
import { ScorecardContent, ScorecardSignal, SIGNAL_KINDS, SignalKind } from './scorecard-content';

/** One entry of `ratings` as sent: a rating with evidence, or `notAssessed` with a reason. */
export interface RatingInput {
  dimensionId: string;
  rating?: number | null;
  evidence?: string | null;
  notAssessed?: boolean | null;
  notAssessedReason?: string | null;
}

export interface SignalInput {
  dimensionId: string;
  kind: string;
  text: string;
}

/** A scorecard as sent by the interviewer (draft, submission or amendment). */
export interface ScorecardInput {
  ratings?: RatingInput[] | null;
  recommendation?: string | null;
  signals?: SignalInput[] | null;
  redFlags?: string[] | null;
  levelAssessment?: string | null;
  privateNote?: string | null;
}

/** What the scorecard is checked against: the interview's loop version and the organization's settings. */
export interface ScorecardRules {
  loopVersionNumber: number;
  /** Every dimension of the loop version. */
  dimensions: Pick<SnapshotDimension, 'id' | 'name' | 'signals'>[];
  /** The interview's round in that version. */
  round: Pick<SnapshotRound, 'id' | 'name' | 'focusDimensionIds'>;
  /** Minimum characters of (trimmed) evidence per rated dimension. */
  minEvidenceLength: number;
  /** The loop version's rating scale; default the 4-point scale (versions from before scales). */
  scale?: Pick<RatingScale, 'kind' | 'min' | 'max'>;
}

/**
 * `draft`: types, dimension membership, duplicates and contradictions (rating and notAssessed together) are checked;
 * completeness, required texts and minimum lengths are not. `submit`: everything.
 */
export type ScorecardValidationMode = 'draft' | 'submit';

export const NOT_ASSESSED_REASON_MIN_LENGTH = 5;

export type ScorecardValidationResult = { ok: true; content: ScorecardContent } | { ok: false; errors: FieldError[] };

/**
 * Validates a scorecard against its round in the interview's loop version and returns the normalized content.
 *
 * Rules (see the e2e and unit tables for examples):
 * - every `ratings[i].dimensionId` must be a focus dimension of the round in this loop version; once each;
 * - a rated entry has an integer rating on the loop version's scale (1–4 by default, 1–5, 1–3) and evidence of at least `minEvidenceLength` characters (trimmed, and
 *   never empty); a `notAssessed` entry has no rating, no evidence and a reason of at least 5 characters;
 * - on submit, every focus dimension has an entry, and `recommendation` is present;
 * - signals are listed signals of a focus dimension (matched case-insensitively, stored in the listed spelling);
 * - red flags are listed red flags of the round's focus dimensions (same matching). Free-text red flags are not
 *   accepted: they keep red flags comparable across interviewers and free of personal data; anything else belongs
 *   in the evidence or the private note.
 */
export function validateScorecard(input: ScorecardInput, rules: ScorecardRules, mode: ScorecardValidationMode): ScorecardValidationResult {
  const errors: FieldError[] = [];
  const submit = mode === 'submit';
  const version = rules.loopVersionNumber;
  const dimensionsById = new Map(rules.dimensions.map((d) => [d.id, d]));
  const focus = rules.round.focusDimensionIds.filter((id) => dimensionsById.has(id));
  const focusSet = new Set(focus);
  const scale = rules.scale ?? ratingScaleOf('four_point');
  const range = `a level from ${scale.min} to ${scale.max} (the ${scale.kind.replace(/_/g, '-')} scale of loop version ${version})`;

  // --- ratings ------------------------------------------------------------------------------------------------
  const ratings = input.ratings ?? [];
  const seen = new Map<string, number>();
  const normalized: ScorecardRating[] = [];
  ratings.forEach((entry, i) => {
    const at = `ratings.${i}`;
    const dimensionId = entry?.dimensionId;
    let dimensionOk = false;
    if (typeof dimensionId !== 'string' || dimensionId === '') {
      errors.push({ field: `${at}.dimensionId`, message: 'Choose the dimension this entry rates.', code: 'required' });
    } else if (!dimensionsById.has(dimensionId)) {
      errors.push({
        field: `${at}.dimensionId`,
        message: `Choose one of the role's dimensions (${dimensionId} is not one of loop version ${version}).`,
        code: 'unknown_dimension',
      });
    } else if (!focusSet.has(dimensionId)) {
      const name = dimensionsById.get(dimensionId)!.name;
      errors.push({
        field: `${at}.dimensionId`,
        message: `"${name}" is not a focus of this round in loop version ${version}; rate only the round's focus dimensions.`,
        code: 'not_focus_dimension',
      });
    } else if (seen.has(dimensionId)) {
      errors.push({
        field: `${at}.dimensionId`,
        message: `"${dimensionsById.get(dimensionId)!.name}" is rated twice; keep one entry for it.`,
        code: 'duplicate_dimension',
      });
    } else {
      seen.set(dimensionId, i);
      dimensionOk = true;
    }

    // The dimension's name for messages a person reads ("the dimension" when the id is not one of the role's).
    const label =
      typeof dimensionId === 'string' && dimensionsById.has(dimensionId) ? `"${dimensionsById.get(dimensionId)!.name}"` : 'this dimension';
    const notAssessed = entry?.notAssessed === true;
    const rating = entry?.rating ?? null;
    const evidence = trimmedOrNull(entry?.evidence);
    const reason = trimmedOrNull(entry?.notAssessedReason);
    const itemErrors = errors.length;

    if (notAssessed) {
      if (rating !== null)
        errors.push({
          field: `${at}.rating`,
          message: `Leave out the rating of ${label}, or do not mark it not assessed.`,
          code: 'rating_with_not_assessed',
        });
      if (evidence !== null) {
        errors.push({
          field: `${at}.evidence`,
          message: `${label} is marked not assessed: leave out the evidence and say why it was not assessed instead.`,
          code: 'evidence_with_not_assessed',
        });
      }
      if (submit && (reason === null || reason.length < NOT_ASSESSED_REASON_MIN_LENGTH)) {
        errors.push({
          field: `${at}.notAssessedReason`,
          message: `Say why ${label} was not assessed (at least ${NOT_ASSESSED_REASON_MIN_LENGTH} characters).`,
          code: reason === null ? 'reason_required' : 'reason_too_short',
        });
      }
    } else {
      if (rating === null) {
        if (submit)
          errors.push({
            field: `${at}.rating`,
            message: `Choose a rating for ${label} (${scale.min} to ${scale.max}), or mark it not assessed and say why.`,
            code: 'rating_required',
          });
      } else if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < scale.min || rating > scale.max) {
        errors.push({ field: `${at}.rating`, message: `Choose a rating for ${label}: ${range}.`, code: 'invalid_rating' });
      }
      if (reason !== null) {
        errors.push({
          field: `${at}.notAssessedReason`,
          message: `A reason for not assessing ${label} is given only when it is marked not assessed.`,
          code: 'reason_without_not_assessed',
        });
      }
      if (submit) {
        if (evidence === null) {
          errors.push({
            field: `${at}.evidence`,
            message: `Write the evidence for ${label}: what the candidate said or did (at least ${rules.minEvidenceLength} characters).`,
            code: 'evidence_required',
          });
        } else if (evidence.length < rules.minEvidenceLength) {
          errors.push({
            field: `${at}.evidence`,
            message: `The evidence for ${label} needs at least ${rules.minEvidenceLength} characters (it has ${evidence.length}).`,
            code: 'evidence_too_short',
          });
        }
      }
    }

    if (dimensionOk && errors.length === itemErrors) {
      normalized.push({
        dimensionId: dimensionId!,
        rating: notAssessed ? null : (rating as ScorecardRating['rating']),
        evidence: notAssessed ? null : evidence,
        notAssessed,
        notAssessedReason: notAssessed ? reason : null,
      });
    }
  });

  if (submit) {
    for (const id of focus) {
      if (!seen.has(id)) {
        const name = dimensionsById.get(id)!.name;
        errors.push({ field: 'ratings', message: `Rate "${name}" with evidence, or mark it not assessed and say why.`, code: 'missing_dimension' });
      }
    }
  }

  // --- recommendation and level -------------------------------------------------------------------------------
  const recommendation = input.recommendation ?? null;
  if (recommendation === null) {
    if (submit)
      errors.push({
        field: 'recommendation',
        message: 'Choose your recommendation: strong no hire, no hire, hire or strong hire.',
        code: 'required',
      });
  } else if (!(RECOMMENDATIONS as readonly string[]).includes(recommendation)) {
    errors.push({
      field: 'recommendation',
      message: 'Choose a recommendation: strong no hire, no hire, hire or strong hire.',
      code: 'invalid_recommendation',
    });
  }
  const levelAssessment = input.levelAssessment ?? null;
  if (levelAssessment !== null && !(LEVEL_ASSESSMENTS as readonly string[]).includes(levelAssessment)) {
    errors.push({
      field: 'levelAssessment',
      message: `Level assessment: choose ${LEVEL_ASSESSMENTS.map((l) => l.replace(/_/g, ' ')).join(', ')}.`,
      code: 'invalid_level_assessment',
    });
  }

  // --- signals --------------------------------------------------------------------------------------------------
  const signals: ScorecardSignal[] = [];
  const seenSignals = new Map<string, number>();
  (input.signals ?? []).forEach((signal, i) => {
    const at = `signals.${i}`;
    const dimension = typeof signal?.dimensionId === 'string' ? dimensionsById.get(signal.dimensionId) : undefined;
    if (!dimension || !focusSet.has(dimension.id)) {
      errors.push({
        field: `${at}.dimensionId`,
        message: `Signals: tick signals of this round's focus dimensions only (${String(signal?.dimensionId)} is not one in loop version ${version}).`,
        code: 'not_focus_dimension',
      });
      return;
    }
    if (!(SIGNAL_KINDS as readonly string[]).includes(signal.kind)) {
      errors.push({ field: `${at}.kind`, message: `Signals: a signal is ${SIGNAL_KINDS.join(' or ')}.`, code: 'invalid_kind' });
      return;
    }
    const kind = signal.kind as SignalKind;
    const listed = findListed(kind === 'strong' ? dimension.signals.strong : dimension.signals.weak, signal.text);
    if (listed === undefined) {
      errors.push({
        field: `${at}.text`,
        message: `"${String(signal.text)}" is not a listed ${kind} signal of "${dimension.name}"`,
        code: 'unknown_signal',
      });
      return;
    }
    const key = `${dimension.id}\u0000${kind}\u0000${listed}`;
    if (seenSignals.has(key)) {
      errors.push({ field: `${at}.text`, message: `"${listed}" is ticked twice; tick it once.`, code: 'duplicate_signal' });
      return;
    }
    seenSignals.set(key, i);
    signals.push({ dimensionId: dimension.id, kind, text: listed });
  });

  // --- red flags ------------------------------------------------------------------------------------------------
  const listedRedFlags = focus.flatMap((id) => dimensionsById.get(id)!.signals.redFlags);
  const redFlags: string[] = [];
  const seenRedFlags = new Map<string, number>();
  (input.redFlags ?? []).forEach((flag, i) => {
    const listed = findListed(listedRedFlags, flag);
    if (listed === undefined) {
      errors.push({
        field: `redFlags.${i}`,
        message: `"${String(flag)}" is not a listed red flag of this round's focus dimensions`,
        code: 'unknown_red_flag',
      });
      return;
    }
    if (seenRedFlags.has(listed)) {
      errors.push({ field: `redFlags.${i}`, message: `"${listed}" is flagged twice; flag it once.`, code: 'duplicate_red_flag' });
      return;
    }
    seenRedFlags.set(listed, i);
    redFlags.push(listed);
  });

  if (errors.length > 0) return { ok: false, errors };

  const order = new Map(focus.map((id, i) => [id, i]));
  normalized.sort((a, b) => order.get(a.dimensionId)! - order.get(b.dimensionId)!);
  return {
    ok: true,
    content: {
      ratings: normalized,
      recommendation: recommendation as Recommendation | null,
      signals,
      redFlags,
      levelAssessment: levelAssessment as LevelAssessment | null,
      privateNote: trimmedOrNull(input.privateNote),
    },
  };
}

function trimmedOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** The listed text that `text` names (trimmed, case-insensitive), or undefined. */
function findListed(listed: string[], text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const wanted = text.trim().toLocaleLowerCase();
  if (wanted === '') return undefined;
  return listed.find((l) => l.trim().toLocaleLowerCase() === wanted);
}
