/** The results table: one row per figure, printed as Markdown so it can be pasted into bench/README.md as is. */

export interface TableRow {
  /** What is measured, e.g. "submission @64 clients: req/s". */
  figure: string;
  /** The measured value, formatted, e.g. "412 req/s". */
  value: string;
  /** The natural ceiling measured in the same run, formatted with what it is, or empty when there is none. */
  ceiling?: string;
  /** value / ceiling as a fraction (0.42), or null/undefined when there is no ceiling. */
  ratio?: number | null;
  /** The target, formatted, e.g. "≥ 50 % of pg" or "p99 < 100 ms"; empty when there is none. */
  target?: string;
  /** Whether the target is met; null/undefined when there is no target or the figure could not be measured. */
  met?: boolean | null;
}

export const TABLE_HEADER = ['figure', 'value', 'ceiling (measured)', 'ratio', 'target', 'met?'] as const;

/** "yes", "NO" or "–". */
export function metLabel(met: boolean | null | undefined): string {
  return met === true ? 'yes' : met === false ? 'NO' : '–';
}

/** A ratio as a percentage with two significant figures at most ("42 %", "3.1 %", "0.52 %"), or "–". */
export function ratioLabel(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
  const pct = ratio * 100;
  const digits = pct >= 10 ? 0 : pct >= 1 ? 1 : 2;
  return `${pct.toFixed(digits)} %`;
}

/** A Markdown table with padded columns; `|` inside cells is escaped. */
export function formatTable(rows: readonly TableRow[]): string {
  const cells = rows.map((r) => [r.figure, r.value, r.ceiling || '–', ratioLabel(r.ratio), r.target || '–', metLabel(r.met)].map(escapeCell));
  const header = TABLE_HEADER.map(escapeCell);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: readonly string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

function escapeCell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** 12345.6 → "12,346"; NaN → "n/a". */
export function fmtInt(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
}

/** Milliseconds with a sensible precision: 0.84 → "0.84 ms", 12.3 → "12.3 ms", 1234 → "1,234 ms". */
export function fmtMs(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value < 1) return `${value.toFixed(2)} ms`;
  if (value < 100) return `${value.toFixed(1)} ms`;
  return `${fmtInt(value)} ms`;
}

/** Seconds: 1.234 → "1.23 s", 42.1 → "42.1 s". */
export function fmtSeconds(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value < 10 ? `${value.toFixed(2)} s` : `${value.toFixed(1)} s`;
}
