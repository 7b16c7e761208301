/**
 * `npm run bench` (through bench/run.sh): resets the benchmark database, starts the API and the worker as child
 * processes against the real PostgreSQL and Redis, seeds, measures every figure of bench/README.md, stops them,
 * prints one table and writes bench/results/latest.json.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { resetDatabase } from '../../test/support/database';
import { BenchContext, FigureResult, log } from './context';
import { aggregationFigure } from './figures/aggregation.bench';
import { buildReportFigure } from './figures/build-report.bench';
import { calibrationFigure } from './figures/calibration.bench';
import { debriefFigure } from './figures/debrief.bench';
import { freshnessFigure } from './figures/freshness.bench';
import { rlsFigure } from './figures/rls.bench';
import { processesFigure } from './figures/processes.bench';
import { readProcessesFigure } from './figures/read-processes.bench';
import { submissionFigure } from './figures/submission.bench';
import { ApiClient } from './http';
import { flushQueues, killAllChildren, ManagedProcess, startApi, startWorker } from './processes';
import { createScene } from './scene';
import { analyze } from './seed';
import { readSettings, wants } from './settings';
import { fmtInt, formatTable, TableRow } from './table';

const INTERVIEWERS = 64;
const FIGURE_NUMBER: Record<string, string> = {
  'build-report': '0. ',
  submission: '1. ',
  freshness: '2. ',
  aggregation: '3. ',
  calibration: '4. ',
  debrief: '5. ',
  rls: '6. ',
  processes: '7. ',
};

async function main(): Promise<number> {
  const settings = readSettings();
  const deadline = setTimeout(() => {
    process.stderr.write(`[bench] the run exceeded BENCH_DEADLINE_S=${settings.deadlineSeconds}; stopping\n`);
    killAllChildren();
    process.exit(3);
  }, settings.deadlineSeconds * 1000);

  const startedAt = new Date();
  const rows: TableRow[] = [];
  const raw: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  let api: ManagedProcess | undefined;
  let worker: ManagedProcess | undefined;
  const pool = new Pool({ connectionString: settings.databaseUrl, max: 6, application_name: 'hireloop-bench' });
  const ctx: BenchContext = { settings, api: ApiClient.local(settings.port), pool, healthRuns: new Map() };

  /** Runs one figure; a failure is recorded (row and latest.json) and the next figures still run. */
  const figure = async <T>(name: string, run: () => Promise<FigureResult<T>>) => {
    try {
      const result = await run();
      raw[name] = result.raw;
      rows.push(...result.rows);
    } catch (error) {
      const message = (error as Error)?.stack ?? String(error);
      errors[name] = message;
      log(`${name} FAILED: ${message}`);
      rows.push({ figure: `${FIGURE_NUMBER[name] ?? ''}${name}`, value: `FAILED: ${(error as Error)?.message ?? error}`.slice(0, 160), met: false });
    }
  };

  let pgVersion = '';
  let stopAnalyzing = () => undefined as void;
  try {
    log(`resetting ${settings.databaseUrl.replace(/\/\/[^@]*@/, '//')} and the ${settings.queuePrefix}:* queues`);
    await resetDatabase(settings.databaseUrl);
    await flushQueues(settings.redisUrl, settings.queuePrefix);
    pgVersion = (await pool.query(`SHOW server_version`)).rows[0].server_version;
    stopAnalyzing = await analyzeWhileAutovacuumIsOff(pool);

    if (wants(settings, 'build-report')) await figure('build-report', () => buildReportFigure(ctx));

    const needsApi = ['submission', 'freshness', 'debrief', 'rls'].some((f) => wants(settings, f as never));
    if (needsApi) {
      log(`starting the API on 127.0.0.1:${settings.port}`);
      api = await startApi(settings);
      ctx.apiPid = api.pid;
      log(`scene: an organization, a hiring manager and ${INTERVIEWERS} interviewers (invites), a Senior Applied Scientist role from its template`);
      ctx.scene = await createScene(ctx.api, pool, INTERVIEWERS);
    }
    if (wants(settings, 'submission')) await figure('submission', () => submissionFigure(ctx));
    if (wants(settings, 'processes') && wants(settings, 'submission')) await figure('processes', () => processesFigure(ctx));
    if (wants(settings, 'rls')) await figure('rls', () => rlsFigure(ctx));
    // The submission figure's outbox rows (tens of thousands of report requests) are not part of any later figure.
    await pool.query(`UPDATE outbox_messages SET published_at = now() WHERE published_at IS NULL`);
    // Nor are the interviews it seeded and never used (it seeds for 2,500 submissions/s): left in place they would be
    // well over a thousand overdue interviews per interviewer in "awaiting feedback" of GET /v1/me/interviews.
    if (ctx.scene) {
      const { rowCount } = await pool.query(
        `DELETE FROM interviews i WHERE i.organization_id = $1 AND NOT EXISTS (SELECT 1 FROM scorecards s WHERE s.interview_id = i.id)`,
        [ctx.scene.admin.organizationId],
      );
      log(`removed ${fmtInt(rowCount ?? 0)} seeded interviews the submission figures did not use`);
      await analyze(pool);
    }

    log('starting the worker');
    worker = await startWorker(settings);
    ctx.workerPid = worker.pid;
    if (wants(settings, 'freshness')) await figure('freshness', () => freshnessFigure(ctx));
    if (wants(settings, 'debrief')) await figure('debrief', () => debriefFigure(ctx));
    if (wants(settings, 'read-processes') && wants(settings, 'debrief')) await figure('read-processes', () => readProcessesFigure(ctx));
    if (api) {
      await api.stop();
      api = undefined;
    }
    if (wants(settings, 'aggregation')) {
      // Every core: more worker processes share the queue for this figure only (BENCH_AGGREGATION_WORKERS).
      const extra: ManagedProcess[] = [];
      try {
        for (let i = 1; i < settings.aggregationWorkers; i++) extra.push(await startWorker(settings, `worker-${i + 1}`));
        ctx.extraWorkerPids = extra.map((w) => w.pid);
        await figure('aggregation', () => aggregationFigure(ctx));
      } finally {
        ctx.extraWorkerPids = [];
        await Promise.all(extra.map((w) => w.stop().catch(() => undefined)));
      }
    }
    if (wants(settings, 'calibration')) {
      await figure('calibration', () =>
        calibrationFigure(ctx, async () => {
          await worker?.stop();
          worker = await startWorker(settings);
          ctx.workerPid = worker.pid;
          return worker;
        }),
      );
    }
  } finally {
    stopAnalyzing();
    await worker?.stop().catch(() => undefined);
    await api?.stop().catch(() => undefined);
    await pool.end().catch(() => undefined);
    killAllChildren();
    clearTimeout(deadline);
  }

  // In the order of the issue (figures run in another order: those needing the API first).
  const order = (row: TableRow) => Number(/^(\d+)\./.exec(row.figure)?.[1] ?? 99);
  const sorted = [...rows].sort((a, b) => order(a) - order(b));
  const table = formatTable(sorted);
  const result = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      loadAverage: os.loadavg(),
      node: process.version,
      postgres: pgVersion,
    },
    settings: { ...settings, only: settings.only ? [...settings.only] : null },
    rows: sorted,
    table,
    figures: raw,
    errors,
  };
  mkdirSync(settings.resultsDir, { recursive: true });
  const file = path.join(settings.resultsDir, 'latest.json');
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(
    `\nhireloop benchmarks — ${result.finishedAt}, ${result.machine.cpus} CPUs, node ${process.version}, PostgreSQL ${pgVersion}, ${result.seconds} s\n\n`,
  );
  process.stdout.write(`${table}\n\n`);
  log(`written ${path.relative(process.cwd(), file)}`);
  return Object.keys(errors).length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`[bench] failed: ${error?.stack ?? error}\n`);
    killAllChildren();
    process.exit(1);
  },
);

/**
 * With the server's autovacuum off (as on this machine), tables grown by a figure keep the statistics of when they
 * were empty, and the API's prepared statements keep the plans made from them (an ANALYZE invalidates them; nothing
 * else does). Production runs autovacuum, so the benchmark stands in for its analyses with autovacuum's own rule:
 * every 10 s, each table changed by more than 50 rows + 10 % of its size since its last analysis is analysed.
 */
async function analyzeWhileAutovacuumIsOff(pool: Pool): Promise<() => void> {
  const { autovacuum } = (await pool.query(`SHOW autovacuum`)).rows[0] as { autovacuum: string };
  if (autovacuum === 'on') return () => undefined;
  log('the server runs with autovacuum off: the benchmark analyses changed tables as autovacuum would, every 10 s');
  let running = false;
  const analyzeChanged = async () => {
    const { rows } = await pool.query<{ name: string }>(
      `SELECT quote_ident(relname) AS name FROM pg_stat_user_tables
        WHERE schemaname = 'public' AND n_mod_since_analyze > 50 + 0.1 * greatest(n_live_tup, 0)`,
    );
    for (const { name } of rows) await pool.query(`ANALYZE ${name}`);
  };
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void analyzeChanged()
      .catch(() => undefined)
      .finally(() => (running = false));
  }, 10_000);
  timer.unref();
  return () => clearInterval(timer);
}
