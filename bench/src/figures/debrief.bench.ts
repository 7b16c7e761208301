import { BenchContext, cpuLine, FigureResult, log } from '../context';
import type { AutocannonRequest } from 'autocannon';
import { DebriefBody } from '../http';
import { clean, httpLoad, LoadResult } from '../load';
import { CpuUsage, measureCpu, sleep } from '../processes';
import { submissionBody } from '../scene';
import { analyze, seedInterviews } from '../seed';
import { ratio } from '../stats';
import { fmtInt, fmtMs, TableRow } from '../table';

/**
 * Figure 5 — debrief read: GET /v1/applications/:id/debrief of an application with 8 submitted scorecards (made
 * through the API) and its current report, read by the role's hiring manager from 16 concurrent clients. The
 * ceiling is GET /health of the same process at the same concurrency (the framework's floor latency).
 */

export interface ReadRun {
  what: 'debrief' | 'kit' | 'mine';
  clients: number;
  load: LoadResult;
  cpu: CpuUsage;
}

export interface DebriefRaw {
  /** Issue 17: the debrief, the kit and GET /v1/me/interviews at 64 clients, beside /health at 64. */
  reads64: ReadRun[];
  health64: LoadResult;
  applicationId: string;
  scorecards: number;
  clients: number;
  load: LoadResult;
  health: LoadResult;
  responseBytes: number;
  cpu: CpuUsage;
}

const SCORECARDS = 8;
const CLIENTS = 16;
const READ_CLIENTS = 64;

export async function debriefFigure(ctx: BenchContext): Promise<FigureResult<DebriefRaw>> {
  const { settings, scene, api, pool } = ctx;
  if (!scene) throw new Error('the debrief figure needs the scene');
  const interviews = await seedInterviews(pool, {
    organizationId: scene.admin.organizationId,
    roleId: scene.roleId,
    loopVersionId: scene.loopVersionId,
    roundIds: scene.snapshot.rounds.map((r) => r.id),
    interviewerIds: scene.interviewers.map((i) => i.memberId),
    applications: 1,
    interviewsPerApplication: SCORECARDS,
  });
  const applicationId = interviews[0].applicationId;
  const byMember = new Map(scene.interviewers.map((i) => [i.memberId, i]));
  for (const [i, interview] of interviews.entries()) {
    const round = scene.snapshot.rounds.find((r) => r.id === interview.roundId)!;
    await api.post(
      `/v1/interviews/${interview.id}/scorecard/submit`,
      submissionBody(scene.snapshot, round, i),
      byMember.get(interview.interviewerId)!.token,
    );
  }
  const path = `/v1/applications/${applicationId}/debrief`;
  const deadline = Date.now() + 30_000;
  let debrief: DebriefBody;
  for (;;) {
    debrief = await api.get<DebriefBody>(path, scene.hiringManager.token);
    if (debrief.status === 'current' && debrief.report?.scorecardCount === SCORECARDS) break;
    if (Date.now() > deadline) throw new Error(`the debrief of ${applicationId} did not become current: ${debrief.status}`);
    await sleep(50);
  }
  if (debrief.scorecards?.length !== SCORECARDS)
    throw new Error(`the debrief lists ${debrief.scorecards?.length} scorecards, expected ${SCORECARDS}`);
  const responseBytes = Buffer.byteLength(JSON.stringify(debrief));
  await analyze(pool);

  const headers = { authorization: `Bearer ${scene.hiringManager.token}` };
  log(
    `debrief: ${SCORECARDS} scorecards, ${fmtInt(responseBytes)} bytes; warm-up ${settings.warmupSeconds}s, run ${settings.durationSeconds}s at ${CLIENTS} clients`,
  );
  await httpLoad({ url: `${api.baseUrl}${path}`, connections: CLIENTS, durationSeconds: settings.warmupSeconds, headers });
  const cpu = measureCpu(ctx.apiPid ? [ctx.apiPid] : []);
  const load = await httpLoad({ url: `${api.baseUrl}${path}`, connections: CLIENTS, durationSeconds: settings.durationSeconds, headers });
  const cpuUsed = cpu();
  log(`  debrief: ${fmtInt(load.rps)} req/s, p50 ${fmtMs(load.p50)}, p99 ${fmtMs(load.p99)}, non-2xx ${load.non2xx}`);
  log(`       ${cpuLine(cpuUsed, ['API'])}`);
  // Issue 17: each read at 64 clients. The kit and "my interviews" rotate over the application's interviewers.
  const readers = interviews.map((i) => ({ interviewId: i.id, token: byMember.get(i.interviewerId)!.token }));
  let turn = 0;
  const rotate = (pathOf: (r: (typeof readers)[number]) => string) => (req: AutocannonRequest) => {
    const reader = readers[turn++ % readers.length];
    return { ...req, path: pathOf(reader), headers: { authorization: `Bearer ${reader.token}` } };
  };
  const reads = (baseUrl: string) =>
    [
      { what: 'debrief', options: { url: `${baseUrl}${path}`, headers } },
      {
        what: 'kit',
        options: {
          url: `${baseUrl}/v1/interviews/${readers[0].interviewId}/kit`,
          setupRequest: rotate((r) => `/v1/interviews/${r.interviewId}/kit`),
        },
      },
      { what: 'mine', options: { url: `${baseUrl}/v1/me/interviews?limit=20`, setupRequest: rotate(() => '/v1/me/interviews?limit=20') } },
    ] as const;
  ctx.reads = reads;
  const reads64: ReadRun[] = [];
  for (const { what, options } of reads(api.baseUrl)) {
    await httpLoad({ ...options, connections: READ_CLIENTS, durationSeconds: settings.warmupSeconds });
    const cpu64 = measureCpu(ctx.apiPid ? [ctx.apiPid] : []);
    const run = await httpLoad({ ...options, connections: READ_CLIENTS, durationSeconds: settings.durationSeconds });
    reads64.push({ what, clients: READ_CLIENTS, load: run, cpu: cpu64() });
    log(`  ${what} @${READ_CLIENTS}: ${fmtInt(run.rps)} req/s, p50 ${fmtMs(run.p50)}, p99 ${fmtMs(run.p99)}, non-2xx ${run.non2xx}`);
  }
  let health64 = ctx.healthRuns.get(READ_CLIENTS);
  if (!health64) {
    await httpLoad({ url: `${api.baseUrl}/health`, connections: READ_CLIENTS, durationSeconds: 1 });
    health64 = await httpLoad({ url: `${api.baseUrl}/health`, connections: READ_CLIENTS, durationSeconds: settings.durationSeconds });
    ctx.healthRuns.set(READ_CLIENTS, health64);
  }

  let health = ctx.healthRuns.get(CLIENTS);
  if (!health) {
    await httpLoad({ url: `${api.baseUrl}/health`, connections: CLIENTS, durationSeconds: 1 });
    health = await httpLoad({ url: `${api.baseUrl}/health`, connections: CLIENTS, durationSeconds: settings.durationSeconds });
    ctx.healthRuns.set(CLIENTS, health);
  }
  const valid = clean(load);
  const flag = valid ? '' : ` (${load.non2xx} non-2xx, ${load.errors} errors)`;
  const rows: TableRow[] = [
    {
      figure: `5. debrief read, ${SCORECARDS} scorecards @${CLIENTS} clients: p50 / p99`,
      value: `${fmtMs(load.p50)} / ${fmtMs(load.p99)}${flag}`,
      ceiling: `GET /health: ${fmtMs(health.p50)} / ${fmtMs(health.p99)}`,
      target: 'p99 < 50 ms',
      met: valid && load.p99 < 50,
    },
    {
      figure: `5. debrief read @${CLIENTS} clients: throughput`,
      value: `${fmtInt(load.rps)} req/s`,
      ceiling: `GET /health: ${fmtInt(health.rps)} req/s`,
      ratio: ratio(load.rps, health.rps),
    },
  ];
  const names = { debrief: 'debrief (8 scorecards)', kit: 'interview kit', mine: 'GET /v1/me/interviews' };
  for (const run of reads64) {
    const ok = clean(run.load);
    rows.push({
      figure: `5. ${names[run.what]} @${READ_CLIENTS} clients: p50 / p99, req/s`,
      value: `${fmtMs(run.load.p50)} / ${fmtMs(run.load.p99)}, ${fmtInt(run.load.rps)} req/s${ok ? '' : ` (${run.load.non2xx} non-2xx, ${run.load.errors} errors)`}`,
      ceiling: `GET /health: ${fmtMs(health64.p50)} / ${fmtMs(health64.p99)}, ${fmtInt(health64.rps)} req/s`,
      ratio: ratio(run.load.rps, health64.rps),
      target: 'p99 < 50 ms',
      met: ok && run.load.p99 < 50,
    });
  }
  return { raw: { reads64, health64, applicationId, scorecards: SCORECARDS, clients: CLIENTS, load, health, responseBytes, cpu: cpuUsed }, rows };
}
