import { readFileSync } from 'node:fs';

/**
 * The soak's memory criterion, as pure functions over samples (no I/O but `readProcessMemory`).
 *
 * Samples are taken every few seconds from the start of the load (t = 0) to its end (t = duration). The first
 * `warmupSeconds` are not judged (JIT, pools, caches and the heap settle). Over the rest:
 *   - the first window is [warmup, warmup + window) and the last window is (duration − window, duration];
 *   - each window's value is the mean of its samples (at least 2 samples each, else the run is not judged: fail);
 *   - change = (last mean − first mean) / first mean, and the process passes when |change| ≤ tolerance (0.10).
 * The least-squares slope over every post-warm-up sample (MB per minute) is reported beside it, to tell a steady
 * climb from noise; it is not part of the criterion.
 */

export interface MemorySample {
  /** Seconds since the load started. */
  t: number;
  /** Resident set size, MB. */
  rssMb: number;
}

export interface MemoryWindow {
  from: number;
  to: number;
  samples: number;
  meanMb: number;
}

export interface MemoryVerdict {
  warmupSeconds: number;
  windowSeconds: number;
  tolerance: number;
  first: MemoryWindow;
  last: MemoryWindow;
  /** (last − first) / first; NaN when a window has fewer than 2 samples. */
  change: number;
  /** Least-squares slope of RSS over the post-warm-up samples, MB/min. */
  slopeMbPerMinute: number;
  /** Highest sampled RSS after the warm-up, MB. */
  maxMb: number;
  passed: boolean;
}

export interface MemoryCriterion {
  warmupSeconds: number;
  durationSeconds: number;
  /** Length of the first and last windows, s. */
  windowSeconds: number;
  /** Allowed |change| (0.10 = 10 %). */
  tolerance: number;
}

/** The default window: a fifth of the judged span, at least 10 s and at most 60 s. */
export function defaultWindowSeconds(durationSeconds: number, warmupSeconds: number): number {
  return Math.min(60, Math.max(10, Math.round((durationSeconds - warmupSeconds) / 5)));
}

function windowOf(samples: readonly MemorySample[], from: number, to: number, include: (t: number) => boolean): MemoryWindow {
  const inside = samples.filter((s) => include(s.t));
  const meanMb = inside.length === 0 ? Number.NaN : inside.reduce((sum, s) => sum + s.rssMb, 0) / inside.length;
  return { from, to, samples: inside.length, meanMb };
}

/** Least-squares slope of y over x (per unit of x); NaN for fewer than 2 distinct x. */
export function slope(points: ReadonlyArray<{ x: number; y: number }>): number {
  if (points.length < 2) return Number.NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const my = points.reduce((s, p) => s + p.y, 0) / points.length;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

export function memoryVerdict(samples: readonly MemorySample[], c: MemoryCriterion): MemoryVerdict {
  const valid = samples.filter((s) => Number.isFinite(s.rssMb) && s.rssMb > 0);
  const firstTo = c.warmupSeconds + c.windowSeconds;
  const lastFrom = c.durationSeconds - c.windowSeconds;
  const first = windowOf(valid, c.warmupSeconds, firstTo, (t) => t >= c.warmupSeconds && t < firstTo);
  const last = windowOf(valid, lastFrom, c.durationSeconds, (t) => t > lastFrom && t <= c.durationSeconds);
  const judged = valid.filter((s) => s.t >= c.warmupSeconds && s.t <= c.durationSeconds);
  const measurable = first.samples >= 2 && last.samples >= 2 && first.meanMb > 0;
  const change = measurable ? (last.meanMb - first.meanMb) / first.meanMb : Number.NaN;
  return {
    warmupSeconds: c.warmupSeconds,
    windowSeconds: c.windowSeconds,
    tolerance: c.tolerance,
    first,
    last,
    change,
    slopeMbPerMinute: slope(judged.map((s) => ({ x: s.t / 60, y: s.rssMb }))),
    maxMb: judged.length === 0 ? Number.NaN : Math.max(...judged.map((s) => s.rssMb)),
    passed: measurable && Math.abs(change) <= c.tolerance,
  };
}

/** VmRSS, RssAnon (heap, stacks and malloc arenas: the part a leak grows) and VmHWM of a process, in MB. */
export interface ProcessMemory {
  rssMb: number;
  anonMb: number;
  hwmMb: number;
}

export function readProcessMemory(pid: number): ProcessMemory | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const mb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) / 1024;
    return { rssMb: mb('VmRSS'), anonMb: mb('RssAnon'), hwmMb: mb('VmHWM') };
  } catch {
    return null;
  }
}
