import type { Debrief, Recommendation, ReportReason, ScaleLevel } from '../api/types';
import { formatFigure, formatFigures, formatPercentages } from './figures';
import { RECOMMENDATION_LABELS } from './labels';
import { labelOf, meetsLevelOf } from './ratingScale';

/**
 * The report's reasons as plain sentences, rendered from their codes and figures: people's and dimensions' names,
 * never ids or codes; figures with two decimals (more only where a figure would print equal to its threshold).
 */
export interface ReasonContext {
  interviewerName: (memberId: string) => string | undefined;
  dimensionName: (dimensionId: string) => string | undefined;
  /** The role's rating scale (for "the lowest level" and the "meets" level). */
  levels: ScaleLevel[];
  /** The policy corrects for leniency: means are "after the leniency correction". */
  adjusted: boolean;
  /** Every scorecard's author and recommendation, to name the two sides of a split panel. */
  recommendations: { interviewerId: string; recommendation: Recommendation }[];
  /** Who raised each red flag. */
  redFlagRaisers: Record<string, string[]>;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const STEP: Record<Recommendation, number> = { strong_no: 0, no: 1, yes: 2, strong_yes: 3 };

export function reasonContextOf(d: Debrief, levels: ScaleLevel[]): ReasonContext {
  const names = new Map<string, string>();
  const add = (id: string | undefined, name: string | undefined) => {
    if (id && name && !names.has(id)) names.set(id, name);
  };
  for (const [id, name] of Object.entries(d.interviewerNames ?? {})) add(id, name);
  for (const sc of d.scorecards ?? []) add(sc.interviewer?.id, sc.interviewer?.name);
  for (const a of d.awaitingFeedback ?? []) add(a.interviewer?.id, a.interviewer?.name);
  for (const f of d.redFlags ?? []) add(f.interviewer?.id, f.interviewer?.name);
  for (const x of d.disagreements ?? []) for (const r of x.ratings) add(r.interviewer?.id, r.interviewer?.name);
  const dimensions = new Map<string, string>();
  for (const dim of d.report?.dimensions ?? []) dimensions.set(dim.dimensionId, dim.name);
  for (const sc of d.scorecards ?? [])
    for (const r of sc.ratings) if (r.dimensionName && !dimensions.has(r.dimensionId)) dimensions.set(r.dimensionId, r.dimensionName);
  const redFlagRaisers: Record<string, string[]> = {};
  for (const f of d.report?.redFlags ?? []) redFlagRaisers[f.flag] = [...f.raisedBy];
  for (const f of d.redFlags ?? []) {
    const list = (redFlagRaisers[f.flag] ??= []);
    if (!list.includes(f.interviewer.id)) list.push(f.interviewer.id);
  }
  return {
    interviewerName: (id) => names.get(id),
    dimensionName: (id) => dimensions.get(id),
    levels,
    adjusted: d.report?.policy?.adjustForLeniency ?? true,
    recommendations: (d.scorecards ?? [])
      .filter((sc) => sc.recommendation)
      .map((sc) => ({ interviewerId: sc.interviewer.id, recommendation: sc.recommendation })),
    redFlagRaisers,
  };
}

/** "Alice", "Alice and Bob", "Alice, Bob and Carol". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function fig(r: ReportReason, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const v = r.figures?.[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return undefined;
}

function recLabel(rec: Recommendation | string): string {
  return RECOMMENDATION_LABELS[rec as Recommendation] ?? rec;
}

function peopleOf(ids: string[], ctx: ReasonContext): string {
  const unique = [...new Set(ids)];
  const known = unique.map((id) => ctx.interviewerName(id)).filter((n): n is string => Boolean(n));
  const unknown = unique.length - known.length;
  if (unknown > 0) known.push(unknown === 1 ? (known.length ? 'one more interviewer' : 'an interviewer') : `${unknown} more interviewers`);
  return joinNames(known);
}

function dimensionOf(r: ReportReason, ctx: ReasonContext): string {
  return (r.dimensionId && ctx.dimensionName(r.dimensionId)) || 'a dimension';
}

/**
 * The engine's own sentence with every id replaced by a name (or "an interviewer") and every recommendation code by
 * its label: the fallback for a code this app does not know yet, or a reason without the figures it needs.
 */
export function sanitizeMessage(message: string, ctx: ReasonContext): string {
  return message
    .replace(UUID, (id) => ctx.interviewerName(id) ?? ctx.dimensionName(id) ?? 'an interviewer')
    .replace(/\b(strong_yes|strong_no)\b/g, (code) => `“${recLabel(code)}”`)
    .replace(/\b(recommends?) (yes|no)\b/g, (_all, v: string, code: string) => `${v} “${recLabel(code)}”`);
}

/** The split panel's two sides: from the reason when the engine names them, else from the scorecards (same rule). */
export function splitSides(
  r: ReportReason,
  ctx: ReasonContext,
): { high: { recommendation: Recommendation; ids: string[] }; low: { recommendation: Recommendation; ids: string[] } } | null {
  if (r.high && r.low)
    return {
      high: { recommendation: r.high.recommendation, ids: r.high.interviewerIds },
      low: { recommendation: r.low.recommendation, ids: r.low.interviewerIds },
    };
  const named = r.interviewerIds?.length ? new Set(r.interviewerIds) : null;
  const cards = named ? ctx.recommendations.filter((x) => named.has(x.interviewerId)) : ctx.recommendations;
  let hi = -1;
  let lo = 4;
  for (const x of cards) {
    const step = STEP[x.recommendation];
    if (step >= 2 && step > hi) hi = step;
    if (step <= 1 && step < lo) lo = step;
  }
  if (hi < 0 || lo > 3 || hi - lo < 2) return null;
  const recs = Object.keys(STEP) as Recommendation[];
  const who = (step: number) => [...new Set(cards.filter((x) => STEP[x.recommendation] === step).map((x) => x.interviewerId))];
  return { high: { recommendation: recs[hi], ids: who(hi) }, low: { recommendation: recs[lo], ids: who(lo) } };
}

const verb = (ids: string[], one: string, many: string) => (new Set(ids).size === 1 ? one : many);

export function reasonSentence(r: ReportReason, ctx: ReasonContext): string {
  const fallback = () => sanitizeMessage(r.message ?? '', ctx);
  const level = fig(r, 'level', 'intervalLevel');
  const range = `${level !== undefined ? Math.round(level * 100) : 90}% range`;
  switch (r.code) {
    case 'insufficient_evidence': {
      const interviewers = fig(r, 'interviewers');
      const count = interviewers ?? fig(r, 'scorecards', 'scorecardCount', 'submitted');
      const needed = fig(r, 'minInterviewers', 'required', 'minimum');
      if (count !== undefined && needed !== undefined) {
        const what = interviewers !== undefined ? ['interviewer has', 'interviewers have'] : ['scorecard has', 'scorecards have'];
        const got =
          count === 0
            ? interviewers !== undefined
              ? 'No interviewer has submitted a scorecard yet'
              : 'No scorecards have been submitted yet'
            : `Only ${count} ${count === 1 ? what[0] : what[1]} ${interviewers !== undefined ? 'submitted a scorecard' : 'been submitted'}`;
        return `${got}; this role needs at least ${needed} before recommending.`;
      }
      const coverage = fig(r, 'coverage');
      const minCoverage = fig(r, 'minCoverage');
      if (coverage !== undefined && minCoverage !== undefined) {
        const share = (x: number) => (x > 1 ? x / 100 : x);
        const [got, need] = formatPercentages(share(coverage), share(minCoverage));
        return `Ratings cover ${got} of the loop's weight; at least ${need} is needed.`;
      }
      if (/no score/i.test(r.message ?? '')) return 'No weighted dimension has been rated yet, so there is no score.';
      return fallback();
    }
    case 'dimension_unassessed': {
      const share = fig(r, 'weightShare');
      const weight = share !== undefined && share > 0 ? ` carrying ${formatPercentages(share)[0]} of the loop's weight` : '';
      return `Nobody has rated ${dimensionOf(r, ctx)}, a required dimension${weight}, so the report cannot recommend hiring yet.`;
    }
    case 'low_rating': {
      const rating = fig(r, 'rating', 'value', 'lowest') ?? ctx.levels[0]?.value;
      const who = r.interviewerId ? peopleOf([r.interviewerId], ctx) : r.interviewerIds?.length ? peopleOf(r.interviewerIds, ctx) : 'An interviewer';
      const dim = dimensionOf(r, ctx);
      const label = labelOf(ctx.levels, rating);
      return `${capitalize(who)} rated ${dim} ${rating ?? ''}${label && label !== String(rating) ? ` (“${label}”)` : ''}, the lowest level; hiring cannot be recommended until another interviewer has rated ${dim}.`;
    }
    case 'below_floor': {
      const mean = fig(r, 'mean', 'adjustedMean');
      const floor = fig(r, 'floor');
      if (mean === undefined || floor === undefined) return fallback();
      const [m, f] = formatFigures(mean, floor);
      const raters = fig(r, 'raters', 'count');
      return `${capitalize(dimensionOf(r, ctx))} averages ${m}${ctx.adjusted ? ' after the leniency correction' : ''}${raters !== undefined ? ` across ${raters} interviewers` : ''}, below the floor of ${f}.`;
    }
    case 'below_meets': {
      const mean = fig(r, 'mean', 'adjustedMean');
      const meetsLevel = meetsLevelOf(ctx.levels);
      const meets = fig(r, 'meets', 'threshold', 'level') ?? meetsLevel?.value;
      if (mean === undefined || meets === undefined) return fallback();
      const [m, t] = formatFigures(mean, meets);
      const label = labelOf(ctx.levels, meets);
      return `${capitalize(dimensionOf(r, ctx))} averages ${m}, below the ${label && label !== String(meets) ? `“${label}” level` : 'level'} of ${t}; this role hires only when every required dimension meets the bar.`;
    }
    case 'below_bar': {
      const bar = fig(r, 'bar');
      const high = fig(r, 'intervalHigh', 'high');
      const score = fig(r, 'score');
      if (bar === undefined) return fallback();
      if (high !== undefined) {
        const [h, b] = formatFigures(high, bar);
        return `Even the top of the ${range} for the score (${h}) is below the bar of ${b}.`;
      }
      if (score === undefined) return fallback();
      const [s, b] = formatFigures(score, bar);
      return `The weighted score ${s} is below the bar of ${b}.`;
    }
    case 'uncertain': {
      const low = fig(r, 'intervalLow', 'low');
      const bar = fig(r, 'bar');
      const margin = fig(r, 'margin');
      if (low === undefined || bar === undefined || margin === undefined) return fallback();
      const [l, , b] = formatFigures(low, fig(r, 'threshold') ?? bar - margin, bar);
      return `The ${range} for the score reaches down to ${l}, more than ${formatFigure(margin)} below the bar of ${b}.`;
    }
    case 'meets_bar': {
      const score = fig(r, 'score');
      const bar = fig(r, 'bar');
      if (score === undefined || bar === undefined) return fallback();
      const [s, b] = formatFigures(score, bar);
      const low = fig(r, 'intervalLow', 'low');
      const margin = fig(r, 'margin');
      const tail =
        low !== undefined && margin !== undefined
          ? `, and the ${range} starts at ${formatFigures(low, fig(r, 'threshold') ?? bar - margin)[0]}, no more than ${formatFigure(margin)} below the bar`
          : '';
      return `The weighted score ${s} meets the bar of ${b}${tail}.`;
    }
    case 'red_flag': {
      const flag = r.flag ?? '';
      const ids = r.interviewerIds?.length ? r.interviewerIds : r.interviewerId ? [r.interviewerId] : (ctx.redFlagRaisers[flag] ?? []);
      if (ids.length === 0) return `The red flag “${flag}” was raised.`;
      return `${capitalize(peopleOf(ids, ctx))} raised the red flag “${flag}”.`;
    }
    case 'split_panel': {
      const sides = splitSides(r, ctx);
      if (!sides) return r.message ? fallback() : 'The panel is split between hiring and not hiring.';
      const { high, low } = sides;
      return `The panel is split: ${peopleOf(high.ids, ctx)} ${verb(high.ids, 'recommends', 'recommend')} “${recLabel(high.recommendation)}” while ${peopleOf(low.ids, ctx)} ${verb(low.ids, 'recommends', 'recommend')} “${recLabel(low.recommendation)}”.`;
    }
    default:
      return fallback();
  }
}

function capitalize(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}
