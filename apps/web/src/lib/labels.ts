import type { MemberRole, Recommendation, RoundKind } from '../api/types';

export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  strong_no: 'Strong no hire',
  no: 'No hire',
  yes: 'Hire',
  strong_yes: 'Strong hire',
};

export const REPORT_RECOMMENDATION_LABELS: Record<string, string> = {
  hire: 'Hire',
  no_hire: 'No hire',
  inconclusive: 'Inconclusive',
};

export const DECISION_LABELS: Record<string, string> = { hire: 'Hire', no_hire: 'No hire' };

export const ROLE_LABELS: Record<MemberRole, string> = {
  admin: 'Admin',
  recruiter: 'Recruiter',
  interviewer: 'Interviewer',
  hiring_manager: 'Hiring manager',
  compliance: 'Compliance',
  people_analytics: 'People analytics',
};

export const ROUND_KIND_LABELS: Record<RoundKind, string> = {
  screen: 'Screen',
  technical: 'Technical',
  system_design: 'System design',
  case: 'Case',
  coding: 'Coding',
  behavioral: 'Behavioral',
  bar_raiser: 'Bar raiser',
  other: 'Other',
};

export const LEVEL_LABELS: Record<string, string> = { below: 'Below the level', at: 'At the level', above: 'Above the level' };

/** "strong_yes" → "Strong yes" for codes without a label. */
export function humanize(code: string | null | undefined): string {
  if (!code) return '';
  const s = code.replace(/[_-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return Number(value.toFixed(digits)).toString();
}

export function formatSigned(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const s = formatNumber(Math.abs(value), digits);
  return value > 0 ? `+${s}` : value < 0 ? `−${s}` : s;
}

/** For <input type="datetime-local">: local time without seconds. */
export function toLocalInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function fromLocalInputValue(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
