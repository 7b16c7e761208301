/** Tiny linear scales for the inline-SVG charts (no chart library). */
export interface LinearScale {
  (value: number): number;
  domain: [number, number];
  range: [number, number];
  ticks(count?: number): number[];
}

export function linearScale(domain: [number, number], range: [number, number], clamp = true): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const scale = ((value: number) => {
    const t = (value - d0) / span;
    const c = clamp ? Math.min(1, Math.max(0, t)) : t;
    return r0 + c * (r1 - r0);
  }) as LinearScale;
  scale.domain = domain;
  scale.range = range;
  scale.ticks = (count = 4) => {
    const step = niceStep((d1 - d0) / Math.max(1, count));
    const out: number[] = [];
    const start = Math.ceil(d0 / step) * step;
    for (let v = start; v <= d1 + step * 1e-9; v += step) out.push(Number(v.toFixed(10)));
    return out;
  };
  return scale;
}

function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * Spreads dots that share a value vertically so that two interviewers who both gave a 3 are both visible.
 * Returns an offset index per item: 0, 1, -1, 2, -2, …
 */
export function dodge<T>(items: T[], valueOf: (item: T) => number, precision = 0.05): number[] {
  const seen = new Map<number, number>();
  return items.map((item) => {
    const key = Math.round(valueOf(item) / precision);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n === 0 ? 0 : n % 2 === 1 ? (n + 1) / 2 : -n / 2;
  });
}

/** Fixed palette for interviewers (distinguishable, colour-blind friendly order). */
export const INTERVIEWER_COLOURS = ['#1f77b4', '#d95f02', '#7570b3', '#1b9e77', '#e7298a', '#66a61e', '#a6761d', '#444444'];

export function colourFor(index: number): string {
  return INTERVIEWER_COLOURS[((index % INTERVIEWER_COLOURS.length) + INTERVIEWER_COLOURS.length) % INTERVIEWER_COLOURS.length];
}
