import { Pool } from 'pg';
import { BenchContext, cpuLine, FigureResult, log } from '../context';
import { clean, closedLoop, httpLoad, LoadResult } from '../load';
import { CpuUsage, measureCpu } from '../processes';
import { submissionBody } from '../scene';
import { SeededInterview, seedInterviews } from '../seed';
import { ratio } from '../stats';
import { fmtInt, fmtMs, TableRow } from '../table';
import { submitWithPlainPg } from './pg-submission';

/**
 * Figure 1 — scorecard submission throughput and latency at 16 and 64 concurrent clients, beside
 *   (a) the database's ceiling: a plain `pg` script doing the same transaction (pg-submission.ts), with the same
 *       number of concurrent clients sharing a pool as large as the API's (DATABASE_POOL_SIZE, 20);
 *   (b) the framework's ceiling: GET /health of the same API process at the same concurrency.
 * Every request submits a different scorecard (a fresh interview and its interviewer's token), so nothing is a
 * no-op replay. The worker is not running during this figure, for the API and the pg script alike (the outbox rows
 * pile up and are discarded afterwards): the figure measures the write path, not the report jobs it triggers.
 */

export interface SubmissionRun {
  clients: number;
  api: LoadResult;
  pg: LoadResult & { firstError?: string };
  health: LoadResult;
  /** Cores used during each run (API process, load generator, machine). */
  cpu: { api: CpuUsage; pg: CpuUsage; health: CpuUsage };
  /** Scorecards the API really stored as submitted during its run (checked in the database). */
  apiStored: number;
}

export interface SubmissionRaw {
  runs: SubmissionRun[];
  poolSize: number;
  interviewsSeeded: number;
}

/** Interviews not submitted yet, handed out one per request; topped up with SQL between runs. */
export class InterviewQueue {
  private items: SeededInterview[] = [];
  private next = 0;
  exhausted = 0;
  seeded = 0;

  constructor(private readonly ctx: BenchContext) {}

  async ensure(count: number): Promise<void> {
    const missing = count - (this.items.length - this.next);
    if (missing <= 0) return;
    const scene = this.ctx.scene!;
    const applications = Math.ceil(missing / 5);
    const rows = await seedInterviews(this.ctx.pool, {
      organizationId: scene.admin.organizationId,
      roleId: scene.roleId,
      loopVersionId: scene.loopVersionId,
      roundIds: scene.snapshot.rounds.map((r) => r.id),
      interviewerIds: scene.interviewers.map((i) => i.memberId),
      applications,
      interviewsPerApplication: 5,
    });
    this.items = this.items.slice(this.next).concat(rows);
    this.next = 0;
    this.seeded += rows.length;
  }

  take(): SeededInterview | undefined {
    const item = this.items[this.next];
    if (item) this.next++;
    else this.exhausted++;
    return item;
  }
}

/** `clients` concurrent clients submitting fresh scorecards to the API at `baseUrl` for `seconds`. */
export function submissionLoad(ctx: BenchContext, queue: InterviewQueue, baseUrl: string, clients: number, seconds: number): Promise<LoadResult> {
  const scene = ctx.scene!;
  const byMember = new Map(scene.interviewers.map((i) => [i.memberId, i]));
  const roundById = new Map(scene.snapshot.rounds.map((r) => [r.id, r]));
  return httpLoad({
    url: `${baseUrl}/v1/interviews/00000000-0000-0000-0000-000000000000/scorecard/submit`,
    connections: clients,
    durationSeconds: seconds,
    method: 'POST',
    setupRequest: (req) => {
      const interview = queue.take();
      if (!interview) return { ...req, path: '/v1/interviews/00000000-0000-0000-0000-000000000000/scorecard/submit' };
      const actor = byMember.get(interview.interviewerId)!;
      return {
        ...req,
        method: 'POST',
        path: `/v1/interviews/${interview.id}/scorecard/submit`,
        headers: { authorization: `Bearer ${actor.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(submissionBody(scene.snapshot, roundById.get(interview.roundId)!, submissionSeq++)),
      };
    },
  });
}
let submissionSeq = 1_000_000_000;

export async function submissionFigure(ctx: BenchContext): Promise<FigureResult<SubmissionRaw>> {
  const { settings, scene } = ctx;
  if (!scene) throw new Error('the submission figure needs the scene');
  // As many connections as the API's pool (DATABASE_POOL_SIZE, default 20): the same concurrency reaches PostgreSQL.
  const poolSize = Number(process.env.DATABASE_POOL_SIZE || 20);
  const byMember = new Map(scene.interviewers.map((i) => [i.memberId, i]));
  const roundById = new Map(scene.snapshot.rounds.map((r) => [r.id, r]));
  const queue = new InterviewQueue(ctx);
  // Enough fresh interviews for a run at up to 2,500 submissions/s; checked after each run.
  const perRun = 2500 * (settings.durationSeconds + settings.warmupSeconds);
  let seq = 0;

  const apiRun = (clients: number, seconds: number) => submissionLoad(ctx, queue, ctx.api.baseUrl, clients, seconds);

  const pgRun = async (clients: number, seconds: number) => {
    const pool = new Pool({ connectionString: settings.databaseUrl, max: Math.min(clients, poolSize), application_name: 'hireloop-bench-pg' });
    try {
      return await closedLoop(clients, seconds, async () => {
        const interview = queue.take();
        if (!interview) throw new Error('ran out of seeded interviews');
        const actor = byMember.get(interview.interviewerId)!;
        await submitWithPlainPg(pool, scene.snapshot, {
          organizationId: scene.admin.organizationId,
          interviewerId: actor.memberId,
          interviewerUserId: actor.userId,
          interviewId: interview.id,
          roundId: interview.roundId,
          seed: seq++,
        });
      });
    } finally {
      await pool.end();
    }
  };

  const healthRun = (clients: number, seconds: number) => httpLoad({ url: `${ctx.api.baseUrl}/health`, connections: clients, durationSeconds: seconds });

  const submitted = async () => Number((await ctx.pool.query(`SELECT count(*) AS n FROM scorecards WHERE status = 'submitted'`)).rows[0].n);

  const pids = ctx.apiPid ? [ctx.apiPid] : [];
  const runs: SubmissionRun[] = [];
  for (const clients of settings.submissionClients) {
    await queue.ensure(perRun);
    log(`submission @${clients}: API warm-up ${settings.warmupSeconds}s, run ${settings.durationSeconds}s`);
    await apiRun(clients, settings.warmupSeconds);
    const before = await submitted();
    let cpu = measureCpu(pids);
    const api = await apiRun(clients, settings.durationSeconds);
    const apiCpu = cpu();
    const apiStored = (await submitted()) - before;
    log(`  API: ${fmtInt(api.rps)} req/s, p50 ${fmtMs(api.p50)}, p99 ${fmtMs(api.p99)}, stored ${apiStored}, non-2xx ${api.non2xx}, errors ${api.errors}`);
    log(`       ${cpuLine(apiCpu, ['API'])}`);

    await queue.ensure(perRun);
    log(`submission @${clients}: plain-pg warm-up and run`);
    await pgRun(clients, settings.warmupSeconds);
    cpu = measureCpu(pids);
    const pg = await pgRun(clients, settings.durationSeconds);
    const pgCpu = cpu();
    log(`  pg: ${fmtInt(pg.rps)} tx/s, p50 ${fmtMs(pg.p50)}, p99 ${fmtMs(pg.p99)}, errors ${pg.errors}${pg.firstError ? ` (${pg.firstError})` : ''}`);
    log(`       ${cpuLine(pgCpu, ['API'])}`);

    log(`submission @${clients}: GET /health warm-up and run`);
    await healthRun(clients, 1);
    cpu = measureCpu(pids);
    const health = await healthRun(clients, settings.durationSeconds);
    const healthCpu = cpu();
    ctx.healthRuns.set(clients, health);
    log(`  /health: ${fmtInt(health.rps)} req/s, p50 ${fmtMs(health.p50)}, p99 ${fmtMs(health.p99)}`);
    log(`       ${cpuLine(healthCpu, ['API'])}`);
    runs.push({ clients, api, pg, health, apiStored, cpu: { api: apiCpu, pg: pgCpu, health: healthCpu } });
  }
  if (queue.exhausted > 0) throw new Error(`ran out of seeded interviews ${queue.exhausted} times; raise the per-run estimate`);

  const rows: TableRow[] = [];
  for (const run of runs) {
    const { api, pg, health, clients } = run;
    const valid = clean(api) && run.apiStored >= api.ok;
    const flag = valid ? '' : ` (${api.non2xx} non-2xx, ${api.errors} errors, ${run.apiStored} stored)`;
    const isTarget = clients === 64;
    const dbRatio = ratio(api.rps, pg.rps);
    rows.push({
      figure: `1. submission @${clients} clients: throughput vs database`,
      value: `${fmtInt(api.rps)} req/s${flag}`,
      ceiling: `plain pg, same tx: ${fmtInt(pg.rps)} tx/s`,
      ratio: dbRatio,
      target: isTarget ? '≥ 50 % of plain pg' : '',
      met: isTarget ? valid && dbRatio !== null && dbRatio >= 0.5 : null,
    });
    rows.push({
      figure: `1. submission @${clients} clients: throughput vs framework`,
      value: `${fmtInt(api.rps)} req/s`,
      ceiling: `GET /health: ${fmtInt(health.rps)} req/s`,
      ratio: ratio(api.rps, health.rps),
    });
    rows.push({
      figure: `1. submission @${clients} clients: latency p50 / p99`,
      value: `${fmtMs(api.p50)} / ${fmtMs(api.p99)}`,
      ceiling: `plain pg: ${fmtMs(pg.p50)} / ${fmtMs(pg.p99)}; /health: ${fmtMs(health.p50)} / ${fmtMs(health.p99)}`,
      target: isTarget ? 'p99 < 100 ms' : '',
      met: isTarget ? valid && api.p99 < 100 : null,
    });
  }
  return { raw: { runs, poolSize, interviewsSeeded: queue.seeded }, rows };
}
