/**
 * Figures a rule turns on, printed with two decimals — and never a failing figure printed equal to its threshold:
 * like the server's formatPair, decimals are added (up to 6) while two different figures would print the same
 * (2.99996 against a bar of 3 prints "2.99996" and "3.00000", not "3.00" and "3.00").
 */
export const FIGURE_DECIMALS = 2;
const MAX_DECIMALS = 6;
/** Figures closer than this count as equal (the engine's TIE_TOLERANCE): no extra decimals for float noise. */
const TIE_TOLERANCE = 1e-9;

export function decimalsFor(values: number[], digits = FIGURE_DECIMALS): number {
  let d = digits;
  const finite = values.filter((v) => Number.isFinite(v));
  const clash = (k: number) => {
    for (let i = 0; i < finite.length; i++) {
      for (let j = i + 1; j < finite.length; j++) {
        if (Math.abs(finite[i] - finite[j]) > TIE_TOLERANCE && finite[i].toFixed(k) === finite[j].toFixed(k)) return true;
      }
    }
    return false;
  };
  while (d < MAX_DECIMALS && clash(d)) d++;
  return d;
}

/** One figure with two decimals ("—" when missing). */
export function formatFigure(value: number | null | undefined, digits = FIGURE_DECIMALS): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toFixed(digits);
}

/** Figures compared with each other, printed with the same number of decimals, enough to tell them apart. */
export function formatFigures(...values: number[]): string[] {
  const d = decimalsFor(values);
  return values.map((v) => formatFigure(v, d));
}

/** A share 0–1 as a percentage, whole unless two different shares would print equal. */
export function formatPercentages(...shares: number[]): string[] {
  const pct = shares.map((s) => s * 100);
  const d = decimalsFor(pct, 0);
  return pct.map((p) => `${p.toFixed(d)}%`);
}
