import type { HabitFigure, ImpactAnalysis } from '../api/types';

export const STAGE_LABELS: Record<ImpactAnalysis['stage'], string> = {
  interviewed: 'Interviewed (of applicants)',
  report_hire: 'Report recommends hire (of the interviewed)',
  decision_hire: 'Hired (of the interviewed)',
};

/** A group key ("female × asian") in words, part by part. */
export function groupLabel(group: string, labels: Record<string, string>): string {
  return group
    .split(' × ')
    .map((part) => labels[part] ?? part)
    .join(' × ');
}

export function categoriesLabel(categories: string[], labels: Record<string, string>): string {
  return categories.map((c) => labels[c] ?? c).join(' × ');
}

/** A share as a whole percent with one decimal when below 10 %. */
export function percent(value: number | null): string {
  if (value === null) return '—';
  const p = value * 100;
  return `${p < 10 && p > 0 ? p.toFixed(1) : Math.round(p)} %`;
}

/** A p-value the way an auditor reads it: three significant digits, "< 0.001" below that. */
export function formatP(p: number | null): string {
  if (p === null) return '—';
  if (p < 0.001) return '< 0.001';
  return p.toPrecision(3).replace(/\.?0+$/, '') || '0';
}

export interface ImpactRow {
  key: string;
  label: string;
  total: number;
  selected: number;
  rate: string;
  ratio: string;
  fisher: string;
  zTest: string;
  /** Withheld: fewer than 5 people. */
  suppressed: boolean;
  reference: boolean;
  fourFifths: boolean;
  adverseImpact: boolean;
  /** For the bar chart: 0–1, null when suppressed. */
  rateValue: number | null;
}

/** The rows of one analysis, reference group first, then by rate (suppressed last), and the unknown row apart. */
export function impactRows(analysis: ImpactAnalysis, labels: Record<string, string>): ImpactRow[] {
  const rows = analysis.groups.map((g): ImpactRow => ({
    key: g.group,
    label: groupLabel(g.group, labels),
    total: g.total,
    selected: g.selected,
    rate: g.suppressed ? 'suppressed' : percent(g.selectionRate),
    ratio: g.suppressed ? '—' : g.impactRatio === null ? '—' : g.impactRatio.toFixed(2),
    fisher: formatP(g.fisherP),
    zTest: formatP(g.zTestP),
    suppressed: g.suppressed,
    reference: g.group === analysis.referenceGroup,
    fourFifths: g.fourFifthsFlag,
    adverseImpact: g.adverseImpact,
    rateValue: g.suppressed ? null : g.selectionRate,
  }));
  const order = (r: ImpactRow) => (r.reference ? -2 : r.suppressed ? 2 : -(r.rateValue ?? 0));
  return rows.sort((a, b) => order(a) - order(b) || a.label.localeCompare(b.label));
}

/** One sentence about a halo or straight-lining figure. */
export function habitWords(figure: HabitFigure, scorecards: number, minScorecards: number): string {
  if (figure.value === null) return 'Not enough scorecards with two or more ratings yet.';
  if (figure.organizationPercentile95 === null) return 'Too few other interviewers to compare with yet.';
  const bar = figure.organizationPercentile95.toFixed(2);
  if (figure.flagged) return `Above the organization's 95th percentile (${bar}).`;
  if (scorecards < minScorecards && figure.value > figure.organizationPercentile95) {
    return `Above the organization's 95th percentile (${bar}), but on fewer than ${minScorecards} scorecards: not flagged yet.`;
  }
  return `Within the organization's range (95th percentile ${bar}).`;
}
