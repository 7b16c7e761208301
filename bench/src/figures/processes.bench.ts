import { startHaproxy } from '@hireloop/testing/haproxy-process';
import { BenchContext, cpuLine, FigureResult, log } from '../context';
import { clean, LoadResult } from '../load';
import { measureCpu, startApi } from '../processes';
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
  const second = await startApi({ ...settings, port: settings.port + 1 });
  const single = await startHaproxy([settings.port]);
  const pair = await startHaproxy([settings.port, settings.port + 1]);
  try {
    // Both proxies answer only once their health checks marked the servers up (as the several-processes e2e waits).
    for (const lb of [single, pair]) {
      const deadline = Date.now() + 60_000;
      while ((await fetch(`${lb.url}/health/ready`).catch(() => null))?.status !== 200) {
        if (Date.now() > deadline) throw new Error(`HAProxy on ${lb.url} found no server up within 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    const pids = [ctx.apiPid, second.pid].filter((p): p is number => p !== undefined);
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
    const one = await run('1 API process behind HAProxy', single.url);
    const two = await run('2 API processes behind HAProxy', pair.url);
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
    await pair.destroy();
    await single.destroy();
    await second.stop();
  }
}
