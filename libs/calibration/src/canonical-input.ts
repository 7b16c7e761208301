/**
 * The canonical text of a report input, and its hash (`inputsHash`).
 */
import { sha256Hex, type CanonicalValue } from './canonical';
import { normalizeInput, type NormalizedInput } from './normalize';
import type { CalibrationReport, ReportInput } from './types';
import { ALGORITHM_VERSION } from './version';

/** Version of the canonical layout below; part of the hashed text. 2: scale, required, scorecardId, offsets apart. */
export const CANONICAL_FORMAT = 2;

/**
 * The canonical structure that is hashed (its canonicalJson text):
 *
 *   {
 *     "dimensions": [[id, name, weight, required], …]                sorted by id,
 *     "format": 2,
 *     "offsets": [[interviewerId, offset, n], …]                      one per panel interviewer, sorted by id;
 *                                                                     offset 0 and n null when none was supplied,
 *     "policy": { adjustForLeniency, bar, everyDimensionMeets, floor, margin, minCoverage, minInterviewers },
 *     "scale": "four_point" | "five_point" | "three_level",
 *     "scorecards": [[interviewerId, scorecardId | null,              sorted by interviewerId, then scorecardId
 *                     recommendation,                                 (null first); one rating per loop
 *                     [rating | null, …],                             dimension, aligned with "dimensions"
 *                     [[dimensionId, rating], …],                     (null = not rated); then ratings of
 *                     [redFlag, …]], …]                               dimensions not in the loop, sorted by id;
 *   }                                                                 flags trimmed, unique, sorted
 */
function canonicalInputOf(norm: NormalizedInput): CanonicalValue {
  const p = norm.policy;
  return {
    dimensions: norm.dimensions.map((d) => [d.id, d.name, d.weight, d.required]),
    format: CANONICAL_FORMAT,
    offsets: norm.offsets.map((o) => [o.interviewerId, o.offset, o.n]),
    policy: {
      adjustForLeniency: p.adjustForLeniency,
      bar: p.bar,
      everyDimensionMeets: p.everyDimensionMeets,
      floor: p.floor,
      margin: p.margin,
      minCoverage: p.minCoverage,
      minInterviewers: p.minInterviewers,
    },
    scale: norm.scale.kind,
    scorecards: norm.scorecards.map((c) => [
      c.interviewerId,
      c.scorecardId,
      c.recommendation,
      c.ratings.map((r) => (r === 0 ? null : r)),
      c.unknown.map((u) => [u.dimensionId, u.rating]),
      c.redFlags,
    ]),
  };
}

/**
 * Writes exactly `canonicalJson(canonicalInputOf(norm))` (a unit test checks this) without building the
 * intermediate structure: strings are quoted by JSON.stringify, numbers are finite (validated) and
 * printed by String (-0 was normalised to 0 by normalizeInput).
 */
function canonicalText(norm: NormalizedInput): string {
  const q = JSON.stringify;
  const p = norm.policy;
  let out = '{"dimensions":[';
  const dims = norm.dimensions;
  for (let i = 0; i < dims.length; i++) {
    const d = dims[i];
    out += `${i ? ',' : ''}[${q(d.id)},${q(d.name)},${d.weight},${d.required}]`;
  }
  out += `],"format":${CANONICAL_FORMAT},"offsets":[`;
  for (let i = 0; i < norm.offsets.length; i++) {
    const o = norm.offsets[i];
    out += `${i ? ',' : ''}[${q(o.interviewerId)},${o.offset},${o.n === null ? 'null' : o.n}]`;
  }
  out +=
    `],"policy":{"adjustForLeniency":${p.adjustForLeniency},"bar":${p.bar},"everyDimensionMeets":${p.everyDimensionMeets},"floor":${p.floor}` +
    `,"margin":${p.margin},"minCoverage":${p.minCoverage},"minInterviewers":${p.minInterviewers}},"scale":"${norm.scale.kind}","scorecards":[`;
  const cards = norm.scorecards;
  for (let i = 0; i < cards.length; i++) {
    const c = cards[i];
    out += `${i ? ',' : ''}[${q(c.interviewerId)},${c.scorecardId === null ? 'null' : q(c.scorecardId)},"${c.recommendation}",[`;
    for (let j = 0; j < c.ratings.length; j++) out += `${j ? ',' : ''}${c.ratings[j] === 0 ? 'null' : c.ratings[j]}`;
    out += '],[';
    for (let j = 0; j < c.unknown.length; j++) {
      const u = c.unknown[j];
      out += `${j ? ',' : ''}[${q(u.dimensionId)},${u.rating}]`;
    }
    out += '],[';
    for (let j = 0; j < c.redFlags.length; j++) out += `${j ? ',' : ''}${q(c.redFlags[j])}`;
    out += ']]';
  }
  return `${out}]}`;
}

export function hashNormalized(norm: NormalizedInput): string {
  return sha256Hex(canonicalText(norm));
}

/**
 * sha256 (hex) of the canonicalised input (layout: see canonicalInputOf; text: {@link canonicalInputText}).
 * Independent of the order of any input array and of offsets for interviewers not on the panel. Throws
 * CalibrationInputError on malformed input, like buildReport.
 */
export function computeInputsHash(input: ReportInput): string {
  return hashNormalized(normalizeInput(input));
}

/** True when `report` was produced by this algorithm version from exactly this (canonicalised) input. */
export function isReportCurrent(report: Pick<CalibrationReport, 'algorithmVersion' | 'inputsHash'>, input: ReportInput): boolean {
  return report.algorithmVersion === ALGORITHM_VERSION && report.inputsHash === computeInputsHash(input);
}

/** Canonical JSON text of an input: what {@link computeInputsHash} hashes. */
export function canonicalInputText(input: ReportInput): string {
  return canonicalText(normalizeInput(input));
}

/** @internal for tests: the canonical structure of an input, to compare with {@link canonicalInputText}. */
export function canonicalInputStructure(input: ReportInput): CanonicalValue {
  return canonicalInputOf(normalizeInput(input));
}
