import { Pool } from 'pg';
import { BenchContext, cpuLine, FigureResult, log } from '../context';
import { clean, closedLoop, httpLoad, LoadResult } from '../load';
import { CpuUsage, measureCpu } from '../processes';
import { submissionBody } from '../scene';
import { analyze, SeededInterview, seedInterviews } from '../seed';
import { ratio } from '../stats';
import { fmtInt, fmtMs, TableRow } from '../table';
import { submitMinimal } from './pg-minimal-submission';
import { submitWithPlainPg } from './pg-submission';

/**
 * Figure 1 — scorecard submission (and amendment) throughput and latency at 16 and 64 concurrent clients, beside
 *   (a) the database's ceiling (issue 17): the least work that stores the same facts — one statement, one
 *       transaction: the scorecard row, its rating rows, the outbox row and the audit row (pg-minimal-submission.ts)
 *       — from a plain `pg` client at the same concurrency, with a pool as large as the API's (DATABASE_POOL_SIZE, 20);
 *   (a') for reference, labelled "replay": the API's own statements of before issue 17 replayed with plain `pg`
 *       (pg-submission.ts) — the old design measured against itself, not a ceiling;
 *   (b) the framework's ceiling: GET /health of the same API process at the same concurrency.
 * Amendments (POST …/scorecard/amend with a reason and new ratings) go to scorecards the submission run stored.
 * Every request submits a different scorecard (a fresh interview and its interviewer's token), so nothing is a
 * no-op replay. The worker is not running during this figure, for the API and the pg script alike (the outbox rows
 * pile up and are discarded afterwards): the figure measures the write path, not the report jobs it triggers.
 */

export interface SubmissionRun {
  clients: number;
  api: LoadResult;
  amend: LoadResult;
  /** The ceiling: the same facts in one statement. */
  minimal: LoadResult & { firstError?: string };
  /** The old design's statements replayed (labelled reference, not a ceiling). */
  pg: LoadResult & { firstError?: string };
  health: LoadResult;
  /** Cores used during each run (API process, load generator, machine). */
  cpu: { api: CpuUsage; amend: CpuUsage; minimal: CpuUsage; pg: CpuUsage; health: CpuUsage };
  /** Scorecards the API really amended during its amendment run (revision 2, checked in the database). */
  amendStored: number;
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
    await analyze(this.ctx.pool);
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

  const apiRun = (clients: number, seconds: number, baseUrl = ctx.api.baseUrl) => submissionLoad(ctx, queue, baseUrl, clients, seconds);

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

  const minimalRun = async (clients: number, seconds: number) => {
    const pool = new Pool({
      connectionString: settings.databaseUrl,
      max: Math.min(clients, poolSize),
      application_name: 'hireloop-bench-pg-minimal',
    });
    try {
      return await closedLoop(clients, seconds, async () => {
        const interview = queue.take();
        if (!interview) throw new Error('ran out of seeded interviews');
        await submitMinimal(pool, scene.snapshot, {
          organizationId: scene.admin.organizationId,
          interviewerId: interview.interviewerId,
          interviewerUserId: '',
          interviewId: interview.id,
          roundId: interview.roundId,
          applicationId: interview.applicationId,
          roleId: scene.roleId,
          loopVersionId: scene.loopVersionId,
          seed: seq++,
        });
      });
    } finally {
      await pool.end();
    }
  };

  // Scorecards submitted through the API, amended in turn (round-robin, each one's amendments one after the other:
  // the list is longer than the client count), each amendment with new ratings and a numbered note.
  const amendable = async (limit: number): Promise<{ id: string; roundId: string; interviewerId: string; seed: number; times: number }[]> =>
    (
      await ctx.pool.query(
        `SELECT i.id, i.round_id AS "roundId", s.interviewer_id AS "interviewerId"
           FROM scorecards s JOIN interviews i ON i.id = s.interview_id
          WHERE s.organization_id = $1 AND s.status = 'submitted' AND s.revision = 1
          ORDER BY s.submitted_at LIMIT $2`,
        [scene.admin.organizationId, limit],
      )
    ).rows.map((r: { id: string; roundId: string; interviewerId: string }) => ({ ...r, seed: 0, times: 0 }));
  let amendItems: { id: string; roundId: string; interviewerId: string; seed: number; times: number }[] = [];
  let amendNext = 0;
  const amendRun = (clients: number, seconds: number) =>
    httpLoad({
      url: `${ctx.api.baseUrl}/v1/interviews/00000000-0000-0000-0000-000000000000/scorecard/amend`,
      connections: clients,
      durationSeconds: seconds,
      method: 'POST',
      setupRequest: (req) => {
        const interview = amendItems[amendNext++ % amendItems.length];
        if (!interview) return { ...req, path: '/v1/interviews/00000000-0000-0000-0000-000000000000/scorecard/amend' };
        const actor = byMember.get(interview.interviewerId)!;
        interview.times++;
        const submitted = submissionBody(scene.snapshot, roundById.get(interview.roundId)!, interview.times);
        // The note numbers the amendment: never identical to the state it amends (which would be a 409 no_changes).
        const body = {
          ...submitted,
          privateNote: `${submitted.privateNote} (amendment ${interview.times})`,
          reason: 'Re-read my notes: the evidence supports a different rating.',
        };
        return {
          ...req,
          method: 'POST',
          path: `/v1/interviews/${interview.id}/scorecard/amend`,
          headers: { authorization: `Bearer ${actor.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        };
      },
    });
  const amended = async () => Number((await ctx.pool.query(`SELECT count(*) AS n FROM scorecard_revisions WHERE kind = 'amended'`)).rows[0].n);

  const healthRun = (clients: number, seconds: number) =>
    httpLoad({ url: `${ctx.api.baseUrl}/health`, connections: clients, durationSeconds: seconds });

  const submitted = async () => Number((await ctx.pool.query(`SELECT count(*) AS n FROM scorecards WHERE status = 'submitted'`)).rows[0].n);

  ctx.submissionRunners = { api: apiRun, minimal: minimalRun, ensure: () => queue.ensure(perRun) };
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
    log(
      `  API: ${fmtInt(api.rps)} req/s, p50 ${fmtMs(api.p50)}, p99 ${fmtMs(api.p99)}, stored ${apiStored}, non-2xx ${api.non2xx}, errors ${api.errors}`,
    );
    log(`       ${cpuLine(apiCpu, ['API'])}`);

    amendItems = await amendable(20_000);
    amendNext = 0;
    if (amendItems.length < 2 * clients) throw new Error(`only ${amendItems.length} scorecards to amend at ${clients} clients`);
    log(`submission @${clients}: amendment warm-up and run (${amendItems.length} submitted scorecards to amend)`);
    await amendRun(clients, settings.warmupSeconds);
    const amendBefore = await amended();
    cpu = measureCpu(pids);
    const amend = await amendRun(clients, settings.durationSeconds);
    const amendCpu = cpu();
    const amendStored = (await amended()) - amendBefore;
    log(
      `  amend: ${fmtInt(amend.rps)} req/s, p50 ${fmtMs(amend.p50)}, p99 ${fmtMs(amend.p99)}, stored ${amendStored}, non-2xx ${amend.non2xx}, errors ${amend.errors}`,
    );
    log(`       ${cpuLine(amendCpu, ['API'])}`);

    await queue.ensure(perRun);
    log(`submission @${clients}: ceiling (the same facts in one statement, plain pg) warm-up and run`);
    await minimalRun(clients, settings.warmupSeconds);
    cpu = measureCpu(pids);
    const minimal = await minimalRun(clients, settings.durationSeconds);
    const minimalCpu = cpu();
    log(
      `  ceiling: ${fmtInt(minimal.rps)} tx/s, p50 ${fmtMs(minimal.p50)}, p99 ${fmtMs(minimal.p99)}, errors ${minimal.errors}${minimal.firstError ? ` (${minimal.firstError})` : ''}`,
    );
    log(`       ${cpuLine(minimalCpu, ['API'])}`);

    await queue.ensure(perRun);
    log(`submission @${clients}: replay of the old statements (plain pg) warm-up and run`);
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
    runs.push({
      clients,
      api,
      amend,
      minimal,
      pg,
      health,
      apiStored,
      amendStored,
      cpu: { api: apiCpu, amend: amendCpu, minimal: minimalCpu, pg: pgCpu, health: healthCpu },
    });
  }
  if (queue.exhausted > 0) throw new Error(`ran out of seeded interviews ${queue.exhausted} times; raise the per-run estimate`);

  const rows: TableRow[] = [];
  for (const run of runs) {
    const { api, amend, minimal, pg, health, clients } = run;
    const p99Target = clients === 64 ? 100 : clients === 16 ? 30 : null;
    const ceiling = `the same facts, 1 statement (plain pg): ${fmtInt(minimal.rps)} tx/s`;
    for (const [kind, load, stored] of [
      ['submission', api, run.apiStored],
      ['amendment', amend, run.amendStored],
    ] as const) {
      const valid = clean(load) && stored >= load.ok;
      const flag = valid ? '' : ` (${load.non2xx} non-2xx, ${load.errors} errors, ${stored} stored)`;
      const dbRatio = ratio(load.rps, minimal.rps);
      rows.push({
        figure: `1. ${kind} @${clients} clients: throughput vs database`,
        value: `${fmtInt(load.rps)} req/s${flag}`,
        ceiling,
        ratio: dbRatio,
        target: clients === 64 ? '≥ 20 % of the ceiling' : '',
        met: clients === 64 ? valid && dbRatio !== null && dbRatio >= 0.2 : null,
      });
      rows.push({
        figure: `1. ${kind} @${clients} clients: latency p50 / p99`,
        value: `${fmtMs(load.p50)} / ${fmtMs(load.p99)}`,
        ceiling: `ceiling: ${fmtMs(minimal.p50)} / ${fmtMs(minimal.p99)}; /health: ${fmtMs(health.p50)} / ${fmtMs(health.p99)}`,
        target: p99Target ? `p99 < ${p99Target} ms` : '',
        met: p99Target ? valid && load.p99 < p99Target : null,
      });
    }
    rows.push({
      figure: `1. submission @${clients} clients: vs the old statements replayed`,
      value: `${fmtInt(api.rps)} req/s`,
      ceiling: `replay (plain pg, pre-issue-17 statements): ${fmtInt(pg.rps)} tx/s, p99 ${fmtMs(pg.p99)}`,
      ratio: ratio(api.rps, pg.rps),
    });
    rows.push({
      figure: `1. submission @${clients} clients: throughput vs framework`,
      value: `${fmtInt(api.rps)} req/s`,
      ceiling: `GET /health: ${fmtInt(health.rps)} req/s`,
      ratio: ratio(api.rps, health.rps),
    });
  }
  return { raw: { runs, poolSize, interviewsSeeded: queue.seeded }, rows };
}
