import { BenchContext, cpuLine, FigureResult, log } from '../context';
import { clean, httpLoad, LoadResult } from '../load';
import { measureCpu } from '../processes';
import { startProxiedApis } from '../proxied-apis';
import { ratio } from '../stats';
import { fmtInt, fmtMs, TableRow } from '../table';

/**
 * Figure 7 (issue 17, items 3 and 4): the reads of figure 5 at 64 clients through HAProxy to one API process, then to
 * two (round-robin, as figure 6), each beside GET /health through the same proxy: whether a second process on this
 * machine brings the reads' p99 under 50 ms. Runs after figure 5, on its data; the second process listens on
 * BENCH_PORT + 1.
 */
export interface ReadProcessesRaw {
  clients: number;
  runs: { processes: 1 | 2; what: string; load: LoadResult }[];
}

const CLIENTS = 64;

export async function readProcessesFigure(ctx: BenchContext): Promise<FigureResult<ReadProcessesRaw>> {
  const reads = ctx.reads;
  if (!reads) throw new Error('the reads-through-several-processes figure runs after the debrief figure');
  const { settings } = ctx;
  const proxies = await startProxiedApis(settings, ctx.apiPid);
  try {
    const pids = proxies.pids;
    const runs: ReadProcessesRaw['runs'] = [];
    log(`reads through several processes: @${CLIENTS} through HAProxy to 1, then 2 API processes`);
    for (const [processes, url] of [
      [1, proxies.one],
      [2, proxies.two],
    ] as const) {
      const loads = [...reads(url), { what: 'health' as const, options: { url: `${url}/health` } }];
      for (const { what, options } of loads) {
        await httpLoad({ ...options, connections: CLIENTS, durationSeconds: settings.warmupSeconds });
        const cpu = measureCpu(pids);
        const load = await httpLoad({ ...options, connections: CLIENTS, durationSeconds: settings.durationSeconds });
        runs.push({ processes, what, load });
        log(`  ${what}, ${processes} process(es): ${fmtInt(load.rps)} req/s, p50 ${fmtMs(load.p50)}, p99 ${fmtMs(load.p99)}, non-2xx ${load.non2xx}`);
        log(`       ${cpuLine(cpu(), ['API 1', 'API 2'])}`);
      }
    }
    const names: Record<string, string> = { debrief: 'debrief (8 scorecards)', kit: 'interview kit', mine: 'GET /v1/me/interviews' };
    const rows: TableRow[] = runs
      .filter((r) => r.what !== 'health')
      .map((r) => {
        const health = runs.find((h) => h.what === 'health' && h.processes === r.processes)!.load;
        const ok = clean(r.load);
        return {
          figure: `7. ${names[r.what]} @${CLIENTS} clients, ${r.processes} API process${r.processes > 1 ? 'es' : ''} behind HAProxy: p50 / p99, req/s`,
          value: `${fmtMs(r.load.p50)} / ${fmtMs(r.load.p99)}, ${fmtInt(r.load.rps)} req/s${ok ? '' : ` (${r.load.non2xx} non-2xx, ${r.load.errors} errors)`}`,
          ceiling: `GET /health, same proxy: ${fmtMs(health.p50)} / ${fmtMs(health.p99)}, ${fmtInt(health.rps)} req/s`,
          ratio: ratio(r.load.rps, health.rps),
          target: 'p99 < 50 ms',
          met: ok && r.load.p99 < 50,
        };
      });
    return { raw: { clients: CLIENTS, runs }, rows };
  } finally {
    await proxies.stop();
  }
}
