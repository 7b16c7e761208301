import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/**
 * Summarises a V8 CPU profile (node --cpu-prof, e.g. BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR"): self time
 * by package (node_modules/<name>, node internals, our code by folder, garbage collection, idle) and the top
 * functions. A profile of the whole API process mixes every figure it served (a submission run, then `/health` at
 * thousands of requests per second): `--from`/`--to` keep the samples of one stretch, in seconds since the profile
 * started (the bench log's timestamps, less the API's start). Usage:
 *   node dist/bench/src/cpu-profile-summary.js FILE.cpuprofile [top] [--from SECONDS] [--to SECONDS]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
export interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export function groupOf(url: string, fn: string): string {
  if (fn === '(garbage collector)') return '(gc)';
  if (fn === '(idle)' || fn === '(program)' || fn === '(root)') return fn;
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return `npm:${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (url.startsWith('node:')) return 'node:internal';
  const m = /\/(apps|libs)\/([^/]+)\/src\/([^/]+)/.exec(url);
  if (m) return `${m[1]}/${m[2]}/${m[3].replace(/\.js$/, '')}`;
  return url;
}

/** Seconds since the profile started; a sample is kept when its time is in [fromS, toS). */
export interface SampleWindow {
  fromS?: number;
  toS?: number;
}

export function summarise(profile: Profile, top = 25, window: SampleWindow = {}): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const fromUs = (window.fromS ?? 0) * 1e6;
  const toUs = (window.toS ?? Infinity) * 1e6;
  let elapsedUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    elapsedUs += delta;
    if (elapsedUs < fromUs || elapsedUs >= toUs) continue;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + delta);
  }
  const total = [...self.values()].reduce((s, v) => s + v, 0);
  const groups = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const g = groupOf(node.callFrame.url, node.callFrame.functionName);
    groups.set(g, (groups.get(g) ?? 0) + us);
    const f = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '')}:${node.callFrame.lineNumber + 1}`;
    fns.set(f, (fns.get(f) ?? 0) + us);
  }
  const busy = total - (groups.get('(idle)') ?? 0);
  const pct = (us: number, of: number) => `${((100 * us) / of).toFixed(1)} %`;
  const lines = [
    `profile ${(total / 1e6).toFixed(1)} s, busy (not idle) ${(busy / 1e6).toFixed(1)} s`,
    '',
    'self time by package / folder (share of busy time):',
  ];
  for (const [g, us] of [...groups]
    .filter(([g]) => g !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    lines.push(`  ${pct(us, busy).padStart(7)}  ${g}`);
  lines.push('', 'top functions by self time:');
  for (const [f, us] of [...fns]
    .filter(([f]) => !f.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    lines.push(`  ${pct(us, busy).padStart(7)}  ${f}`);
  return lines.join('\n');
}

if (require.main === module) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' } },
  });
  const [file, top] = positionals;
  if (!file) throw new Error('usage: cpu-profile-summary FILE.cpuprofile [top] [--from SECONDS] [--to SECONDS]');
  const seconds = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number of seconds ≥ 0, got ${value}`);
    return n;
  };
  const window = { fromS: seconds('from', values.from), toS: seconds('to', values.to) };
  console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(top ?? 25), window));
}
