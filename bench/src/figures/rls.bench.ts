import { BenchContext, FigureResult, log } from '../context';
import { LoadResult } from '../load';
import { ManagedProcess, startApi } from '../processes';
import { ratio } from '../stats';
import { fmtInt, fmtMs, TableRow } from '../table';
import { InterviewQueue, submissionLoad } from './submission.bench';

/**
 * The cost of row-level security on the submission path (issue 14, item 6: within 10 %). Two API processes on the same
 * database in the same run: the service's own (`hireloop_app`, RLS enforced) and one whose DATABASE_APP_URL is the
 * owner's superuser connection (RLS bypassed). They take turns, `BENCH_RLS_REPETITIONS` times, so that the load of a
 * shared machine falls on both alike; the figure is the ratio of their summed throughput.
 */
export interface RlsRaw {
  clients: number;
  repetitions: { rls: LoadResult; bypass: LoadResult }[];
}

export async function rlsFigure(ctx: BenchContext): Promise<FigureResult<RlsRaw>> {
  const { settings } = ctx;
  const clients = Number(process.env.BENCH_RLS_CLIENTS || 64);
  const repetitions = Number(process.env.BENCH_RLS_REPETITIONS || 3);
  const bypassPort = settings.port + 1;
  const queue = new InterviewQueue(ctx);
  let bypassApi: ManagedProcess | undefined;
  const runs: RlsRaw['repetitions'] = [];
  try {
    log(`rls: a second API on 127.0.0.1:${bypassPort} connecting as the superuser (row-level security bypassed)`);
    bypassApi = await startApi({ ...settings, port: bypassPort }, { DATABASE_APP_URL: settings.databaseUrl });
    const bypassUrl = `http://127.0.0.1:${bypassPort}`;
    const perRun = 2500 * (settings.durationSeconds + settings.warmupSeconds);
    await queue.ensure(perRun);
    await submissionLoad(ctx, queue, ctx.api.baseUrl, clients, settings.warmupSeconds);
    await submissionLoad(ctx, queue, bypassUrl, clients, settings.warmupSeconds);
    for (let i = 0; i < repetitions; i++) {
      await queue.ensure(2 * perRun);
      // Alternate which goes first, so neither always follows the other's vacuum and checkpoint debt.
      const order = i % 2 === 0 ? (['rls', 'bypass'] as const) : (['bypass', 'rls'] as const);
      const result: Partial<Record<'rls' | 'bypass', LoadResult>> = {};
      for (const which of order)
        result[which] = await submissionLoad(ctx, queue, which === 'rls' ? ctx.api.baseUrl : bypassUrl, clients, settings.durationSeconds);
      runs.push(result as { rls: LoadResult; bypass: LoadResult });
      log(
        `  rls #${i + 1}: hireloop_app ${fmtInt(result.rls!.rps)} req/s (p99 ${fmtMs(result.rls!.p99)}), superuser ${fmtInt(result.bypass!.rps)} req/s (p99 ${fmtMs(result.bypass!.p99)})`,
      );
    }
  } finally {
    await bypassApi?.stop().catch(() => undefined);
  }
  const sum = (which: 'rls' | 'bypass') => runs.reduce((n, r) => n + r[which].rps, 0);
  const perRep = runs
    .map((r) => ratio(r.rls.rps, r.bypass.rps))
    .map((x) => (x === null ? '–' : `${Math.round(x * 100)} %`))
    .join(', ');
  const overall = ratio(sum('rls'), sum('bypass'));
  const rows: TableRow[] = [
    {
      figure: `6. row-level security cost, submission @${clients} clients (${runs.length} alternating runs)`,
      value: `hireloop_app: ${fmtInt(sum('rls') / runs.length)} req/s (each run: ${perRep} of the superuser's)`,
      ceiling: `superuser (RLS bypassed): ${fmtInt(sum('bypass') / runs.length)} req/s`,
      ratio: overall,
      target: '≥ 90 % (within 10 %)',
      met: overall !== null && overall >= 0.9,
    },
  ];
  return { raw: { clients, repetitions: runs }, rows };
}
