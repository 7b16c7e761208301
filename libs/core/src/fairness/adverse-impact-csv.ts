import type { AdverseImpactReportDto } from './fairness.service';

/** The tables an auditor can export; `impact` is the default (the original export, its columns unchanged). */
export const CSV_TABLES = ['impact', 'dimensions', 'interviewers', 'all'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

type Row = Record<string, unknown>;

const IMPACT_COLUMNS = [
  'stage',
  'categories',
  'group',
  'total',
  'selected',
  'selection_rate',
  'impact_ratio',
  'four_fifths_flag',
  'fisher_p',
  'z',
  'z_test_p',
  'adverse_impact',
  'suppressed',
];
const DIMENSION_COLUMNS = ['dimension', 'categories', 'group', 'n', 'n_others', 'cohens_d', 'ci90_low', 'ci90_high', 'suppressed'];
const INTERVIEWER_COLUMNS = [
  'interviewer_id',
  'interviewer',
  'categories',
  'group',
  'n',
  'n_others',
  'gap',
  'ci90_low',
  'ci90_high',
  'flagged',
  'suppressed',
];
/** `all`: one file, a `table` column first, then every column of the three tables once (blank where a table has none). */
const ALL_COLUMNS = [
  'table',
  ...new Set([...IMPACT_COLUMNS, ...DIMENSION_COLUMNS, ...INTERVIEWER_COLUMNS].filter((c) => c !== 'suppressed')),
  'suppressed',
];

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(Number(value.toPrecision(10))) : String(value);
  // Quote when needed; a leading formula character is neutralised (spreadsheet injection).
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value !== 'number' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function impactRows(report: AdverseImpactReportDto): Row[] {
  return report.stages.flatMap((a) => {
    const categories = a.categories.join(' x ');
    return [
      ...a.groups.map((g) => ({
        stage: a.stage,
        categories,
        group: g.group,
        total: g.total,
        selected: g.selected,
        selection_rate: g.selectionRate,
        impact_ratio: g.impactRatio,
        four_fifths_flag: g.fourFifthsFlag,
        fisher_p: g.fisherP,
        z: g.z,
        z_test_p: g.zTestP,
        adverse_impact: g.adverseImpact,
        suppressed: g.suppressed,
      })),
      { stage: a.stage, categories, group: 'unknown', total: a.unknown.total, selected: a.unknown.selected },
    ];
  });
}

function dimensionRows(report: AdverseImpactReportDto): Row[] {
  return report.dimensions.map((d) => ({
    dimension: d.dimension,
    categories: d.category,
    group: d.group,
    n: d.n,
    n_others: d.nOthers,
    cohens_d: d.d,
    ci90_low: d.low,
    ci90_high: d.high,
    suppressed: d.suppressed,
  }));
}

function interviewerRows(report: AdverseImpactReportDto): Row[] {
  return report.interviewers.map((g) => ({
    interviewer_id: g.interviewerId,
    interviewer: report.interviewerNames[g.interviewerId] ?? null,
    categories: g.category,
    group: g.group,
    n: g.n,
    n_others: g.nOthers,
    gap: g.gap,
    ci90_low: g.low,
    ci90_high: g.high,
    flagged: g.flagged,
    suppressed: g.suppressed,
  }));
}

const toCsv = (columns: string[], rows: Row[]) =>
  [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n';

/**
 * The adverse-impact report as CSV for an auditor. `impact` (the default): one row per stage, analysis and group,
 * then its unknown count. `dimensions`: Cohen's d per dimension and group with its 90 % interval. `interviewers`:
 * each interviewer's mean-rating gap per group with its 90 % interval. `all`: the three in one file with a `table`
 * column. A suppressed cell (too few people to report) keeps `suppressed` = true and blank statistics.
 */
export function adverseImpactCsv(report: AdverseImpactReportDto, table: CsvTable = 'impact'): string {
  switch (table) {
    case 'impact':
      return toCsv(IMPACT_COLUMNS, impactRows(report));
    case 'dimensions':
      return toCsv(DIMENSION_COLUMNS, dimensionRows(report));
    case 'interviewers':
      return toCsv(INTERVIEWER_COLUMNS, interviewerRows(report));
    case 'all':
      return toCsv(ALL_COLUMNS, [
        ...impactRows(report).map((r) => ({ table: 'impact', ...r })),
        ...dimensionRows(report).map((r) => ({ table: 'dimensions', ...r })),
        ...interviewerRows(report).map((r) => ({ table: 'interviewers', ...r })),
      ]);
  }
}
