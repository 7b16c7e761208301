import type { InterviewerOutcomeValidity, Interval, LogRank, SurvivalPoint, ValidityCell, ValidityReportStatus } from '../api/quality-of-hire-types';
import { NOT_ENOUGH_DATA } from './distribution';

/** A correlation with two decimals and a true minus sign; "—" when there is none. */
export function formatR(r: number | null | undefined): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return '—';
  const s = Math.abs(r).toFixed(2);
  return r < 0 && s !== '0.00' ? `−${s}` : s;
}

export function formatInterval(interval: Interval | null | undefined): string {
  return interval ? `${formatR(interval.low)} to ${formatR(interval.high)}` : '—';
}

/** "not enough data yet (n = 12 of 30)": how far a figure is from being estimated. */
export function notEnoughData(n: number, minN: number): string {
  return `${NOT_ENOUGH_DATA.toLowerCase()} (n = ${n} of ${minN})`;
}

export const VERDICT_WORDS: Record<NonNullable<ValidityCell['verdict']>, string> = {
  predictive: 'predicts the outcome',
  not_predictive: 'no evidence that it predicts the outcome',
};

/** One predictor–outcome cell in words: the figure only once it is estimated, the reason otherwise. */
export function cellWords(cell: ValidityCell, minN: number): string {
  if (cell.status === 'not_enough_data') return capitalize(notEnoughData(cell.n, minN));
  if (cell.status === 'undefined' || cell.pearson === null) return `Cannot be estimated: the values do not vary (n = ${cell.n})`;
  const parts = [`r = ${formatR(cell.pearson)}`];
  if (cell.interval) parts.push(`90 % interval ${formatInterval(cell.interval)}`);
  let text = parts.join(', ');
  if (cell.corrected !== null) {
    text += `; corrected for range restriction ${formatR(cell.corrected)}${cell.correctedInterval ? ` (${formatInterval(cell.correctedInterval)})` : ''}`;
  }
  text += ` (n = ${cell.n})`;
  return cell.verdict ? `${text} — ${VERDICT_WORDS[cell.verdict]}` : text;
}

/** The log-rank test's p in words (no "significant" jargon). */
export function logRankWords(logRank: LogRank | null | undefined): string {
  if (!logRank) return `${NOT_ENOUGH_DATA} to compare the two groups' retention.`;
  const p = formatP(logRank.pValue);
  return logRank.pValue < 0.05
    ? `The two groups stay for clearly different lengths of time (log-rank ${p}): more than chance would explain.`
    : `No clear difference between the two groups' retention (log-rank ${p}): chance alone could explain what difference there is.`;
}

export function formatP(p: number): string {
  if (!Number.isFinite(p)) return 'p = —';
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

/** The report is still being computed: poll it. */
export function isPending(status: ValidityReportStatus | null | undefined): boolean {
  return status === 'queued' || status === 'running';
}

export const STATUS_WORDS: Record<ValidityReportStatus, string> = {
  queued: 'Queued',
  running: 'Computing…',
  done: 'Done',
  failed: 'Failed',
};

/**
 * A Kaplan–Meier curve as an SVG path of steps: flat at each survival value until the next event day, then a
 * vertical drop. Starts at day 0, survival 1 (everyone is there at the start) and ends at the last day shown.
 */
export function stepPath(curve: SurvivalPoint[], x: (day: number) => number, y: (survival: number) => number, lastDay?: number): string {
  const points = [...curve].sort((a, b) => a.day - b.day);
  let d = `M${round(x(0))},${round(y(1))}`;
  let current = 1;
  let at = 0;
  for (const p of points) {
    if (p.day > at) d += `H${round(x(p.day))}`;
    at = Math.max(at, p.day);
    if (p.survival !== current) {
      d += `V${round(y(p.survival))}`;
      current = p.survival;
    }
  }
  const end = Math.max(lastDay ?? 0, points.length ? points[points.length - 1].day : 0);
  if (end > at) d += `H${round(x(end))}`;
  return d;
}

/** The survival at `day` read off a step curve (1 before the first event). */
export function survivalAt(curve: SurvivalPoint[], day: number): SurvivalPoint | null {
  let found: SurvivalPoint | null = null;
  for (const p of [...curve].sort((a, b) => a.day - b.day)) {
    if (p.day <= day) found = p;
    else break;
  }
  return found ?? (curve.length ? { day: 0, survival: 1, low: 1, high: 1 } : null);
}

/** The interviewer's correlation with outcomes in words, shrunk toward the organization's figure. */
export function outcomeValidityWords(v: InterviewerOutcomeValidity, minN: number): string {
  if (v.status === 'no_report') return 'No validity report yet: it is computed nightly, or at once from the Quality of hire page.';
  if (v.status === 'not_enough_data' || v.shrunk === null)
    return `${capitalize(notEnoughData(v.n, v.minN ?? minN))} to relate these ratings to outcomes after hire.`;
  const org = v.organizationR === null ? '' : `; the organization's figure is ${formatR(v.organizationR)}`;
  const interval = v.interval ? ` (90 % interval ${formatInterval(v.interval)})` : '';
  return `Correlation of the leniency-adjusted ratings with outcomes: ${formatR(v.shrunk)}${interval}, shrunk toward the organization's figure from ${formatR(v.r)} on ${v.n} hire${v.n === 1 ? '' : 's'}${org}.`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
