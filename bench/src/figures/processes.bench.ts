import { BenchContext, cpuLine, FigureResult, log } from '../context';
import { clean, LoadResult } from '../load';
import { measureCpu } from '../processes';
import { startProxiedApis } from '../proxied-apis';
import { ratio } from '../stats';
import { fmtInt, fmtMs, TableRow } from '../table';

/**
 * Figure 6 (issue 17, every core): submissions at 64 clients through HAProxy to one API process, then to two
 * (round-robin, the proxy of the operations issue, started the way the several-processes e2e starts it), beside the
 * database ceiling of the same run (the same facts in one statement). Runs after figure 1, whose scene and fresh
 * interviews it reuses; the second API process listens on BENCH_PORT + 1.
 */
export interface ProcessesRaw {
  clients: number;
  one: LoadResult;
  two: LoadResult;
  minimal: LoadResult;
}

const CLIENTS = 64;

export async function processesFigure(ctx: BenchContext): Promise<FigureResult<ProcessesRaw>> {
  const runners = ctx.submissionRunners;
  if (!runners) throw new Error('the several-processes figure runs after the submission figure');
  const { settings } = ctx;
  const proxies = await startProxiedApis(settings, ctx.apiPid);
  try {
    const pids = proxies.pids;
    const run = async (label: string, baseUrl: string) => {
      await runners.ensure();
      await runners.api(CLIENTS, settings.warmupSeconds, baseUrl);
      const cpu = measureCpu(pids);
      const result = await runners.api(CLIENTS, settings.durationSeconds, baseUrl);
      log(`  ${label}: ${fmtInt(result.rps)} req/s, p50 ${fmtMs(result.p50)}, p99 ${fmtMs(result.p99)}, non-2xx ${result.non2xx}`);
      log(`       ${cpuLine(cpu(), ['API 1', 'API 2'])}`);
      return result;
    };
    log(`several processes: submissions @${CLIENTS} through HAProxy to 1, then 2 API processes`);
    const one = await run('1 API process behind HAProxy', proxies.one);
    const two = await run('2 API processes behind HAProxy', proxies.two);
    await runners.ensure();
    await runners.minimal(CLIENTS, settings.warmupSeconds);
    const minimal = await runners.minimal(CLIENTS, settings.durationSeconds);
    log(`  ceiling: ${fmtInt(minimal.rps)} tx/s`);
    const rows: TableRow[] = [];
    for (const [n, load] of [
      [1, one],
      [2, two],
    ] as const) {
      rows.push({
        figure: `6. submission @${CLIENTS} clients, ${n} API process${n > 1 ? 'es' : ''} behind HAProxy`,
        value: `${fmtInt(load.rps)} req/s, p50 ${fmtMs(load.p50)} / p99 ${fmtMs(load.p99)}${clean(load) ? '' : ` (${load.non2xx} non-2xx, ${load.errors} errors)`}`,
        ceiling: `the same facts, 1 statement (plain pg): ${fmtInt(minimal.rps)} tx/s`,
        ratio: ratio(load.rps, minimal.rps),
      });
    }
    return { raw: { clients: CLIENTS, one, two, minimal }, rows };
  } finally {
    await proxies.stop();
  }
}
