/**
 * `npm run bench:soak` (through bench/soak.sh): a bounded soak at a moderate, fixed rate on loopback.
 *
 * Resets its own benchmark database and queue prefix, starts the API and the worker as child processes, makes a
 * scene through the API (an organization, a hiring manager, interviewers, a role from its template), then runs the
 * mix of soak-load.ts for SOAK_DURATION_S while sampling the RSS of both processes. After the load it waits for the
 * outbox and the aggregation queue to drain and checks that every accepted scorecard is covered by its application's
 * latest report. Prints a table, writes bench/results/soak.json and exits 1 when a criterion fails:
 *   - memory: for the API and the worker, the mean RSS of the last window within ±10 % of the mean RSS of the first
 *     window after the warm-up (soak-memory.ts defines the windows);
 *   - errors: no 5xx, no request without an answer, no 4xx (every request of the mix is valid);
 *   - drain: no unpublished outbox row and no waiting or active aggregation job within SOAK_DRAIN_TIMEOUT_S;
 *   - coverage: every accepted scorecard is submitted at its last accepted revision, and the latest report of its
 *     application covers that revision.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Pool } from 'pg';
import { QueueName } from '@hireloop/queue/queue-names';
import { redisConnectionFromUrl } from '@hireloop/queue/redis-connection';
import { resetDatabase } from '../../test/support/database';
import { log } from './context';
import { ApiClient } from './http';
import { flushQueues, killAllChildren, ManagedProcess, measureCpu, sleep, startApi, startWorker } from './processes';
import { createScene, Scene } from './scene';
import { readSettings } from './settings';
import { InterviewSupply, RequestSummary, SOAK_OPERATIONS, SoakLoad, summarizeRequests } from './soak-load';
import { defaultWindowSeconds, MemorySample, MemoryVerdict, memoryVerdict, ProcessMemory, readProcessMemory } from './soak-memory';
import { fmtInt, fmtMs, formatTable, TableRow } from './table';

export interface SoakSettings {
  durationSeconds: number;
  warmupSeconds: number;
  /** Requests per second, all operations together. */
  rate: number;
  sampleSeconds: number;
  windowSeconds: number;
  tolerance: number;
  interviewers: number;
  maxInFlight: number;
  drainTimeoutSeconds: number;
  seed: number;
}

function num(env: NodeJS.ProcessEnv, name: string, fallback: number, check: (v: number) => boolean, what: string): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!check(value)) throw new Error(`${name} must be ${what}, got ${JSON.stringify(raw)}`);
  return value;
}

export function readSoakSettings(env: NodeJS.ProcessEnv = process.env): SoakSettings {
  const positiveInt = (v: number) => Number.isInteger(v) && v > 0;
  const durationSeconds = num(env, 'SOAK_DURATION_S', 300, positiveInt, 'a positive integer');
  const warmupSeconds = num(env, 'SOAK_WARMUP_S', 120, positiveInt, 'a positive integer');
  // The processes' tokens live 2 hours (processes.ts): a longer soak would turn into 401s.
  if (durationSeconds > 6600) throw new Error('SOAK_DURATION_S must be at most 6600 (the benchmark tokens expire after 2 hours)');
  const window = num(env, 'SOAK_WINDOW_S', defaultWindowSeconds(durationSeconds, warmupSeconds), positiveInt, 'a positive integer');
  if (warmupSeconds + 2 * window > durationSeconds) {
    throw new Error(`SOAK_WARMUP_S (${warmupSeconds}) + 2 × the window (${window}) must fit in SOAK_DURATION_S (${durationSeconds})`);
  }
  return {
    durationSeconds,
    warmupSeconds,
    rate: num(env, 'SOAK_RATE', 30, (v) => v > 0 && v <= 500, 'a number of requests/s within (0, 500]'),
    sampleSeconds: num(env, 'SOAK_SAMPLE_S', 2, (v) => v >= 0.2 && v <= 60, 'within 0.2–60'),
    windowSeconds: window,
    tolerance: num(env, 'SOAK_MEMORY_TOLERANCE', 0.1, (v) => v > 0 && v < 1, 'a fraction within (0, 1)'),
    interviewers: num(env, 'SOAK_INTERVIEWERS', 16, (v) => positiveInt(v) && v >= 5, 'an integer ≥ 5'),
    maxInFlight: num(env, 'SOAK_MAX_IN_FLIGHT', 64, positiveInt, 'a positive integer'),
    drainTimeoutSeconds: num(env, 'SOAK_DRAIN_TIMEOUT_S', 120, positiveInt, 'a positive integer'),
    seed: num(env, 'SOAK_SEED', 20240501, Number.isInteger, 'an integer'),
  };
}

/** One sample of the timeline: both processes' memory, the requests so far and the backlog. */
interface TimelineSample {
  t: number;
  api: ProcessMemory | null;
  worker: ProcessMemory | null;
  requests: number;
  inFlight: number;
  outboxBacklog: number | null;
  queueBacklog: number | null;
}

interface Backlog {
  /** Outbox rows not yet relayed to BullMQ. */
  outbox: number;
  /** Aggregation jobs waiting, delayed, prioritized or active. */
  queue: number;
  failedJobs: number;
}

interface Coverage {
  accepted: number;
  /** Accepted scorecards stored submitted at their last accepted revision. */
  stored: number;
  /** … and covered at that revision by their application's latest report. */
  covered: number;
  applications: number;
  /** Applications whose latest report covers exactly their submitted revisions. */
  applicationsCurrent: number;
  examples: string[];
}

async function backlog(pool: Pool, queue: Queue): Promise<Backlog> {
  const outbox = Number((await pool.query(`SELECT count(*) AS n FROM outbox_messages WHERE published_at IS NULL`)).rows[0].n);
  const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
  return { outbox, queue: (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0), failedJobs: c.failed ?? 0 };
}

async function coverage(pool: Pool, load: SoakLoad): Promise<Coverage> {
  const accepted = [...load.accepted.values()];
  const ids = accepted.map((a) => a.scorecardId);
  const applications = [...new Set(accepted.map((a) => a.interview.applicationId))];
  const stored = new Map(
    (
      await pool.query<{ id: string; status: string; revision: number }>(`SELECT id, status, revision FROM scorecards WHERE id = ANY($1::uuid[])`, [
        ids,
      ])
    ).rows.map((r) => [r.id, r]),
  );
  const latest = new Map(
    (
      await pool.query<{ applicationId: string; covers: Record<string, number> }>(
        `SELECT DISTINCT ON (application_id) application_id AS "applicationId", covers
           FROM calibration_reports WHERE application_id = ANY($1::uuid[]) ORDER BY application_id, version DESC`,
        [applications],
      )
    ).rows.map((r) => [r.applicationId, r.covers]),
  );
  const submitted = await pool.query<{ applicationId: string; revisions: Record<string, number> }>(
    `SELECT application_id AS "applicationId", jsonb_object_agg(id, revision) AS revisions
       FROM scorecards WHERE application_id = ANY($1::uuid[]) AND status = 'submitted' GROUP BY application_id`,
    [applications],
  );
  const examples: string[] = [];
  let okStored = 0;
  let okCovered = 0;
  for (const a of accepted) {
    const row = stored.get(a.scorecardId);
    const isStored = row?.status === 'submitted' && Number(row.revision) === a.revision;
    const covers = latest.get(a.interview.applicationId);
    const isCovered = isStored && covers !== undefined && Number(covers[a.scorecardId]) === a.revision;
    if (isStored) okStored++;
    if (isCovered) okCovered++;
    if (!isCovered && examples.length < 5) {
      examples.push(
        `scorecard ${a.scorecardId} rev ${a.revision}: stored ${row ? `${row.status} rev ${row.revision}` : 'missing'}, latest report covers ${covers ? (covers[a.scorecardId] ?? 'nothing') : 'no report'}`,
      );
    }
  }
  let applicationsCurrent = 0;
  for (const { applicationId, revisions } of submitted.rows) {
    const covers = latest.get(applicationId) ?? {};
    const keys = Object.keys(revisions);
    if (keys.length === Object.keys(covers).length && keys.every((k) => Number(covers[k]) === Number(revisions[k]))) applicationsCurrent++;
  }
  return { accepted: accepted.length, stored: okStored, covered: okCovered, applications: applications.length, applicationsCurrent, examples };
}

function pct(value: number): string {
  return Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} %` : 'n/a';
}

function memoryRow(name: string, v: MemoryVerdict): TableRow {
  return {
    figure: `soak: ${name} RSS, first → last window after warm-up`,
    value: `${v.first.meanMb.toFixed(1)} → ${v.last.meanMb.toFixed(1)} MB (${pct(v.change)}; slope ${v.slopeMbPerMinute.toFixed(2)} MB/min, max ${v.maxMb.toFixed(1)} MB)`,
    target: `within ±${Math.round(v.tolerance * 100)} %`,
    met: v.passed,
  };
}

async function main(): Promise<number> {
  const settings = readSettings();
  const soak = readSoakSettings();
  const deadlineSeconds = soak.durationSeconds + soak.drainTimeoutSeconds + 600;
  const deadline = setTimeout(() => {
    process.stderr.write(`[soak] the run exceeded ${deadlineSeconds} s; stopping\n`);
    killAllChildren();
    process.exit(3);
  }, deadlineSeconds * 1000);

  // The processes' logs go to bench/results/soak/logs/, apart from those of `npm run bench`.
  const processSettings = { ...settings, resultsDir: path.join(settings.resultsDir, 'soak') };
  const startedAt = new Date();
  const pool = new Pool({ connectionString: settings.databaseUrl, max: 4, application_name: 'hireloop-soak' });
  const queue = new Queue(QueueName.PanelAggregation, { connection: redisConnectionFromUrl(settings.redisUrl), prefix: settings.queuePrefix });
  let api: ManagedProcess | undefined;
  let worker: ManagedProcess | undefined;
  let sampler: NodeJS.Timeout | undefined;
  const timeline: TimelineSample[] = [];

  try {
    log(`soak: resetting ${settings.databaseUrl.replace(/\/\/[^@]*@/, '//')} and the ${settings.queuePrefix}:* keys`);
    await resetDatabase(settings.databaseUrl);
    await flushQueues(settings.redisUrl, settings.queuePrefix);
    const pgVersion = (await pool.query(`SHOW server_version`)).rows[0].server_version as string;

    log(`soak: starting the API on 127.0.0.1:${settings.port} and the worker`);
    api = await startApi(processSettings);
    worker = await startWorker(processSettings);
    const client = ApiClient.local(settings.port);
    log(`soak: scene with ${soak.interviewers} interviewers`);
    const scene: Scene = await createScene(client, pool, soak.interviewers);
    // A minute of submissions per seeding batch (3 in 10 operations are submissions, 5 interviews per application).
    const supply = new InterviewSupply(pool, scene, Math.max(20, Math.ceil((soak.rate * 0.3 * 60) / 5)));
    await supply.refill();
    await supply.refill();

    const load = new SoakLoad(client.baseUrl, scene, supply, {
      rate: soak.rate,
      durationSeconds: soak.durationSeconds,
      maxInFlight: soak.maxInFlight,
      seed: soak.seed,
    });
    const apiProcess = api;
    const workerProcess = worker;
    let sampling = false;
    const sample = async () => {
      if (sampling) return;
      sampling = true;
      try {
        const t = load.elapsed();
        const memory = { api: readProcessMemory(apiProcess.pid), worker: readProcessMemory(workerProcess.pid) };
        const b = await backlog(pool, queue).catch(() => null);
        timeline.push({
          t,
          ...memory,
          requests: load.records.length,
          inFlight: load.inFlight,
          outboxBacklog: b?.outbox ?? null,
          queueBacklog: b?.queue ?? null,
        });
      } finally {
        sampling = false;
      }
    };
    let lastProgress = 0;
    const progress = () => {
      const t = load.elapsed();
      if (t - lastProgress < 30) return;
      const recent = summarizeRequests(load.records, lastProgress, t);
      lastProgress = t;
      const s = timeline[timeline.length - 1];
      log(
        `  ${t.toFixed(0)} s: ${fmtInt(load.records.length)} requests (last 30 s p50 ${fmtMs(recent.p50)}, p99 ${fmtMs(recent.p99)}, non-2xx ${recent.requests - recent.ok}), ` +
          `API ${s?.api?.rssMb.toFixed(0) ?? '?'} MB, worker ${s?.worker?.rssMb.toFixed(0) ?? '?'} MB, outbox ${s?.outboxBacklog ?? '?'}, queue ${s?.queueBacklog ?? '?'}, ${load.accepted.size} scorecards accepted`,
      );
    };

    log(
      `soak: ${soak.durationSeconds} s at ${soak.rate} req/s (warm-up ${soak.warmupSeconds} s, windows ${soak.windowSeconds} s, a sample every ${soak.sampleSeconds} s)`,
    );
    const cpu = measureCpu([api.pid, worker.pid]);
    const running = load.run();
    await sample();
    sampler = setInterval(() => {
      void sample().then(progress);
    }, soak.sampleSeconds * 1000);
    await running;
    clearInterval(sampler);
    sampler = undefined;
    await sample();
    const cpuUsed = cpu();
    const loadSeconds = load.elapsed();

    const atEnd = await backlog(pool, queue);
    log(`soak: load done after ${loadSeconds.toFixed(1)} s; backlog at the end: outbox ${atEnd.outbox}, aggregation queue ${atEnd.queue}; draining`);
    const drainStart = Date.now();
    let drained = false;
    let afterDrain = atEnd;
    let cover = await coverage(pool, load);
    while (Date.now() - drainStart < soak.drainTimeoutSeconds * 1000) {
      afterDrain = await backlog(pool, queue);
      if (afterDrain.outbox === 0 && afterDrain.queue === 0) {
        cover = await coverage(pool, load);
        if (cover.covered === cover.accepted) {
          drained = true;
          break;
        }
      }
      await sleep(250);
    }
    const drainSeconds = (Date.now() - drainStart) / 1000;
    if (!drained) cover = await coverage(pool, load);
    const reports = (
      await pool.query<{ versions: string; applications: string }>(
        `SELECT count(*) AS versions, count(DISTINCT application_id) AS applications FROM calibration_reports`,
      )
    ).rows[0];

    // The verdicts.
    const criterion = {
      warmupSeconds: soak.warmupSeconds,
      durationSeconds: soak.durationSeconds,
      windowSeconds: soak.windowSeconds,
      tolerance: soak.tolerance,
    };
    const series = (pick: (s: TimelineSample) => ProcessMemory | null, field: keyof ProcessMemory): MemorySample[] =>
      timeline.map((s) => ({ t: s.t, rssMb: pick(s)?.[field] ?? Number.NaN }));
    const memory = {
      api: memoryVerdict(
        series((s) => s.api, 'rssMb'),
        criterion,
      ),
      worker: memoryVerdict(
        series((s) => s.worker, 'rssMb'),
        criterion,
      ),
      // Informative: anonymous memory (heap, stacks, malloc), where a leak would show first.
      apiAnon: memoryVerdict(
        series((s) => s.api, 'anonMb'),
        criterion,
      ),
      workerAnon: memoryVerdict(
        series((s) => s.worker, 'anonMb'),
        criterion,
      ),
      apiPeakMb: readProcessMemory(api.pid)?.hwmMb ?? null,
      workerPeakMb: readProcessMemory(worker.pid)?.hwmMb ?? null,
    };
    const all = summarizeRequests(load.records);
    const judged = summarizeRequests(load.records, soak.warmupSeconds);
    const firstWindow = summarizeRequests(load.records, soak.warmupSeconds, soak.warmupSeconds + soak.windowSeconds);
    const lastWindow = summarizeRequests(load.records, soak.durationSeconds - soak.windowSeconds, Number.POSITIVE_INFINITY);
    const byOperation = Object.fromEntries(SOAK_OPERATIONS.map((op) => [op, summarizeRequests(load.records.filter((r) => r.op === op))])) as Record<
      string,
      RequestSummary
    >;
    // Latency over time, per operation, in 30 s buckets: a slowdown, or an operation slow even when the rest is fast.
    const latencyTimeline = Array.from({ length: Math.ceil(soak.durationSeconds / 30) }, (_, i) => {
      const records = load.records.filter((r) => r.t >= i * 30 && r.t < (i + 1) * 30);
      const all = summarizeRequests(records);
      const ops = Object.fromEntries(
        SOAK_OPERATIONS.map((op) => {
          const s = summarizeRequests(records.filter((r) => r.op === op));
          return [op, { requests: s.requests, p50: s.p50, p99: s.p99 }];
        }),
      );
      return { from: i * 30, requests: all.requests, p50: all.p50, p99: all.p99, ...ops };
    });
    const checks = {
      memoryApi: memory.api.passed,
      memoryWorker: memory.worker.passed,
      noServerErrors: all.status5xx === 0 && all.network === 0,
      noClientErrors: all.status4xx === 0,
      drained,
      covered: cover.accepted > 0 && cover.covered === cover.accepted,
    };
    const passed = Object.values(checks).every(Boolean);

    const opLine = SOAK_OPERATIONS.map((op) => `${op} ${fmtInt(byOperation[op].requests)}`).join(', ');
    const rows: TableRow[] = [
      {
        figure: `soak: requests (${soak.durationSeconds} s at ${soak.rate} req/s, open loop)`,
        value: `${fmtInt(all.requests)} in ${loadSeconds.toFixed(0)} s = ${(all.requests / loadSeconds).toFixed(1)} req/s; ${opLine}${load.skipped ? `; ${load.skipped} skipped (in-flight cap)` : ''}`,
      },
      {
        figure: 'soak: errors (5xx, no answer, 4xx)',
        value: `${all.status5xx} / ${all.network} / ${all.status4xx}`,
        target: '0 / 0 / 0',
        met: checks.noServerErrors && checks.noClientErrors,
      },
      { figure: 'soak: latency p50 / p99, all requests', value: `${fmtMs(all.p50)} / ${fmtMs(all.p99)} (max ${fmtMs(all.max)})` },
      {
        figure: 'soak: latency p50 / p99, first → last window',
        value: `${fmtMs(firstWindow.p50)} / ${fmtMs(firstWindow.p99)} → ${fmtMs(lastWindow.p50)} / ${fmtMs(lastWindow.p99)}`,
      },
      ...SOAK_OPERATIONS.map((op) => ({
        figure: `soak: ${op} p50 / p99`,
        value: `${fmtMs(byOperation[op].p50)} / ${fmtMs(byOperation[op].p99)} (${fmtInt(byOperation[op].requests)})`,
      })),
      memoryRow('API', memory.api),
      memoryRow('worker', memory.worker),
      {
        figure: 'soak: anonymous memory (RssAnon) API / worker',
        value: `${pct(memory.apiAnon.change)} / ${pct(memory.workerAnon.change)} (${memory.apiAnon.first.meanMb.toFixed(1)} → ${memory.apiAnon.last.meanMb.toFixed(1)}, ${memory.workerAnon.first.meanMb.toFixed(1)} → ${memory.workerAnon.last.meanMb.toFixed(1)} MB)`,
      },
      {
        figure: 'soak: reports stored (versions / applications)',
        value: `${fmtInt(Number(reports.versions))} / ${fmtInt(Number(reports.applications))}`,
      },
      {
        figure: 'soak: backlog at load end → after drain (outbox, queue)',
        value: `${atEnd.outbox}, ${atEnd.queue} → ${afterDrain.outbox}, ${afterDrain.queue} in ${drainSeconds.toFixed(1)} s${afterDrain.failedJobs ? `; ${afterDrain.failedJobs} failed jobs` : ''}`,
        target: `0, 0 within ${soak.drainTimeoutSeconds} s`,
        met: drained,
      },
      {
        figure: 'soak: accepted scorecards covered by the latest report',
        value: `${fmtInt(cover.covered)} of ${fmtInt(cover.accepted)} (${fmtInt(cover.applicationsCurrent)} of ${fmtInt(cover.applications)} applications current)`,
        target: 'all',
        met: checks.covered,
      },
    ];
    const table = formatTable(rows);
    const result = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      passed,
      checks,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        loadAverage: os.loadavg(),
        node: process.version,
        postgres: pgVersion,
      },
      settings: { soak, databaseUrl: settings.databaseUrl, queuePrefix: settings.queuePrefix, port: settings.port },
      load: {
        seconds: loadSeconds,
        skipped: load.skipped,
        interviewsExhausted: supply.exhausted,
        all,
        judged,
        firstWindow,
        lastWindow,
        byOperation,
        latencyTimeline,
        failures: load.failures,
      },
      cpu: { api: cpuUsed.processes[0], worker: cpuUsed.processes[1], loadGenerator: cpuUsed.benchmark, machine: cpuUsed.machine },
      memory,
      backlog: { atEnd, afterDrain, drainSeconds, drained },
      reports: { versions: Number(reports.versions), applications: Number(reports.applications) },
      coverage: cover,
      rows,
      table,
      timeline,
    };
    mkdirSync(settings.resultsDir, { recursive: true });
    const file = path.join(settings.resultsDir, 'soak.json');
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(
      `\nhireloop soak — ${result.finishedAt}, ${result.machine.cpus} CPUs, node ${process.version}, PostgreSQL ${pgVersion}: ${passed ? 'PASSED' : 'FAILED'}\n\n${table}\n\n`,
    );
    if (load.failures.length > 0) log(`soak: first failures:\n    ${load.failures.slice(0, 5).join('\n    ')}`);
    if (cover.examples.length > 0) log(`soak: not covered:\n    ${cover.examples.join('\n    ')}`);
    log(
      `soak: cores used: API ${cpuUsed.processes[0].toFixed(2)}, worker ${cpuUsed.processes[1].toFixed(2)}, load generator ${cpuUsed.benchmark.toFixed(2)}, machine ${cpuUsed.machine.toFixed(2)}`,
    );
    log(`written ${path.relative(process.cwd(), file)}`);
    return passed ? 0 : 1;
  } finally {
    if (sampler) clearInterval(sampler);
    await worker?.stop().catch(() => undefined);
    await api?.stop().catch(() => undefined);
    await queue.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    killAllChildren();
    clearTimeout(deadline);
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`[soak] failed: ${error?.stack ?? error}\n`);
      killAllChildren();
      process.exit(1);
    },
  );
}
