import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '@hireloop/core';
import { buildDataSourceOptions } from '@hireloop/database';
import { resetDatabase } from '@hireloop/testing';
import { ApiProcess, startApi } from '@hireloop/testing/api-process';
import { createPanel, createPanelMembers, latestReport, PanelFixture, waitFor, waitForCurrentReport } from '@hireloop/testing/panel-fixture';
import { PostgresServerProcess, startPostgresServer } from '@hireloop/testing/postgres-process';
import { RedisServerProcess, startRedisServer, startWorker, stopAllProcesses, WorkerProcess } from '@hireloop/testing/worker-process';

/**
 * Faults with real processes: the API and the worker run as child processes on a private PostgreSQL cluster and a
 * private redis-server, which the tests stop and restart; the API is finally sent SIGTERM under load. Submissions go
 * through HTTP like a client's, and every scenario ends by checking that each accepted scorecard is stored and
 * covered by the latest report of its application.
 *
 * The worker killed with SIGKILL mid-job is proven in jobs-reliability.e2e-spec.ts ("worker killed mid-job"): what
 * it writes is read from the database the same way whether the scorecard came through HTTP or not.
 */
// Real processes: the e2e project's default timeout does not apply per file, so set it here.
jest.setTimeout(180_000);

const JWT_SECRET = 'faults-e2e-secret-that-is-long-enough-0123456789';
/** A response slower than this counts as a hang. */
const HANG_MS = 10_000;
/** "Quickly": the bound on any answer while PostgreSQL is down. */
const OUTAGE_ANSWER_BOUND_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Outcome {
  what: 'submit' | 'read' | 'ready';
  /** HTTP status, or how the request failed without one. */
  status: number | 'timeout' | 'network_error';
  contentType: string | null;
  // Parsed JSON of any of the answers (scorecard, problem, readiness, page) or the raw text; read field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TODO: a union of those answers
  body: any;
  startedAt: number;
  endedAt: number;
  ms: number;
  error?: string;
}

/** One scorecard a client submits (and, after a failure, submits again with the same Idempotency-Key). */
interface Submission {
  panel: PanelFixture;
  interviewId: string;
  token: string;
  idempotencyKey: string;
  body: object;
  /** The scorecard id of the first 2xx answer. */
  acceptedId?: string;
}

async function send(what: Outcome['what'], url: string, init: RequestInit = {}): Promise<Outcome> {
  const startedAt = Date.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(HANG_MS) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: keep the text for the failure message.
    }
    const endedAt = Date.now();
    return { what, status: res.status, contentType: res.headers.get('content-type'), body, startedAt, endedAt, ms: endedAt - startedAt };
  } catch (error) {
    const endedAt = Date.now();
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const status = e.name === 'TimeoutError' ? 'timeout' : 'network_error';
    return {
      what,
      status,
      contentType: null,
      body: null,
      startedAt,
      endedAt,
      ms: endedAt - startedAt,
      error: `${e.message} ${e.cause?.code ?? e.cause?.message ?? ''}`,
    };
  }
}

function submit(api: ApiProcess, s: Submission): Promise<Outcome> {
  return send('submit', `${api.url}/v1/interviews/${s.interviewId}/scorecard/submit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json', 'idempotency-key': s.idempotencyKey },
    body: JSON.stringify(s.body),
  });
}

function readScorecards(api: ApiProcess, panel: PanelFixture, token: string): Promise<Outcome> {
  return send('read', `${api.url}/v1/applications/${panel.applicationId}/scorecards?limit=100`, { headers: { authorization: `Bearer ${token}` } });
}

const isProblem = (o: Outcome) => o.contentType?.startsWith('application/problem+json') ?? false;
const describeOutcome = (o: Outcome) => `${o.what} ${o.status} in ${o.ms} ms ${o.error ?? JSON.stringify(o.body)?.slice(0, 200)}`;

describe('faults: PostgreSQL, Redis and the API process stopped under load', () => {
  let pg: PostgresServerProcess;
  let redis: RedisServerProcess;
  let ds: DataSource;
  let api: ApiProcess;
  let worker: WorkerProcess;
  let databaseUrl: string;
  const jwt = new JwtService({ secret: JWT_SECRET, signOptions: { algorithm: 'HS256', expiresIn: 3600 } });
  const queuePrefix = `${process.env.QUEUE_PREFIX}-faults`;

  const processEnv = () => ({
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET,
    OUTBOX_POLL_INTERVAL_MS: '200',
    OUTBOX_MAX_BACKOFF_MS: '1000',
  });

  beforeAll(async () => {
    pg = await startPostgresServer();
    const sharedName = new URL(process.env.DATABASE_URL!).pathname.slice(1);
    databaseUrl = pg.url(`${sharedName}_faults`);
    await resetDatabase(databaseUrl);
    // No pool warnings in the test output when the tests stop PostgreSQL under this connection pool.
    ds = await new DataSource({ ...buildDataSourceOptions({ url: databaseUrl, entities: ALL_ENTITIES, poolSize: 5 }), logging: false }).initialize();
    redis = await startRedisServer();
    [api, worker] = await Promise.all([startApi({ env: processEnv() }), startWorker({ name: 'faults-worker', env: processEnv() })]);
  }, 180_000);

  afterAll(async () => {
    await ds?.destroy().catch(() => undefined);
    await Promise.all([api?.kill(), worker?.kill()]);
    // The servers last, with their own shutdown, so the cluster leaves no shared memory behind.
    await pg?.destroy().catch(() => undefined);
    await redis?.destroy().catch(() => undefined);
    await stopAllProcesses();
  });

  /** What the API logged as unhandled (each one is also a 500), with the stack: shown when a test fails. */
  const unhandledErrors = () =>
    api
      .output()
      .split('\n')
      .filter((line) => line.includes('"msg":"unhandled error"'));

  /** Bearer tokens for the members of an organization, signed as the API signs them. */
  async function tokens(organizationId: string): Promise<Map<string, string>> {
    const rows: { id: string; userId: string }[] = await ds.query(`SELECT id, user_id AS "userId" FROM members WHERE organization_id = $1`, [
      organizationId,
    ]);
    return new Map(rows.map((m) => [m.id, jwt.sign({ sub: m.userId, org: organizationId, mid: m.id })]));
  }

  /** `panels` applications with `perPanel` interviews each; one submission per interview. */
  async function prepareSubmissions(panels: number, perPanel: number) {
    const submissions: Submission[] = [];
    const readers: { panel: PanelFixture; token: string }[] = [];
    for (let p = 0; p < panels; p++) {
      const members = await createPanelMembers(ds, 4);
      const panel = await createPanel(ds, { members, interviews: perPanel });
      const tokenOf = await tokens(members.organizationId);
      readers.push({ panel, token: tokenOf.get(members.hiringManagerId)! });
      for (const [i, interview] of panel.interviews.entries()) {
        submissions.push({
          panel,
          interviewId: interview.id,
          token: tokenOf.get(interview.interviewerId)!,
          idempotencyKey: randomUUID(),
          body: {
            ratings: panel.dimensionIds.map((dimensionId, d) => ({
              dimensionId,
              rating: 1 + ((i + d) % 4),
              evidence: 'Worked through the problem methodically and explained each trade-off.',
            })),
            recommendation: i % 3 === 0 ? 'no' : 'yes',
          },
        });
      }
    }
    return { submissions, readers };
  }

  /** Every submission is stored once (revision 1, one revision row) under the id its 2xx answer returned. */
  async function expectStored(submissions: Submission[]): Promise<void> {
    const ids = submissions.map((s) => s.acceptedId!);
    const rows: { id: string; interviewId: string; status: string; revision: number; revisions: number }[] = await ds.query(
      `SELECT s.id, s.interview_id AS "interviewId", s.status, s.revision,
              (SELECT count(*)::int FROM scorecard_revisions r WHERE r.scorecard_id = s.id) AS revisions
         FROM scorecards s WHERE s.id = ANY($1)`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const s of submissions) {
      expect(byId.get(s.acceptedId!)).toEqual({ id: s.acceptedId, interviewId: s.interviewId, status: 'submitted', revision: 1, revisions: 1 });
    }
  }

  /** A wait on the worker that failed says how the worker is (running or not) and what it wrote last. */
  async function withWorkerState<T>(waiting: Promise<T>): Promise<T> {
    try {
      return await waiting;
    } catch (error) {
      const state = worker.running() ? 'running' : 'NOT running';
      (error as Error).message += `\n(the worker is ${state}; its last output:)\n${worker.output().slice(-4000)}`;
      throw error;
    }
  }

  /** The latest report of each application covers exactly its accepted scorecards. */
  async function expectReportsCover(submissions: Submission[], timeoutMs = 45_000): Promise<number> {
    const byApplication = new Map<string, Submission[]>();
    for (const s of submissions) byApplication.set(s.panel.applicationId, [...(byApplication.get(s.panel.applicationId) ?? []), s]);
    for (const [applicationId, accepted] of byApplication) {
      const report = await withWorkerState(waitForCurrentReport(ds, applicationId, timeoutMs));
      expect(report.covers).toEqual(Object.fromEntries(accepted.map((s) => [s.acceptedId, 1])));
    }
    return byApplication.size;
  }

  /**
   * A steady stream of clients: `submitters` loops submit scorecards (a failed one goes back in the line and is sent
   * again later with the same Idempotency-Key, as a client would), `readers` loops read the applications' feedback.
   */
  function startLoad(
    submissions: Submission[],
    readers: { panel: PanelFixture; token: string }[],
    options = { submitters: 4, readerLoops: 2, pauseMs: 30 },
  ) {
    const line = [...submissions];
    const outcomes: Outcome[] = [];
    let stopping = false;
    const submitter = async () => {
      while (!stopping) {
        const next = line.shift();
        if (next) {
          const outcome = await submit(api, next);
          outcomes.push(outcome);
          if (outcome.status === 200) next.acceptedId = outcome.body.id;
          else line.push(next);
        }
        await sleep(options.pauseMs);
      }
    };
    const reader = async (n: number) => {
      for (let i = n; !stopping; i++) {
        const { panel, token } = readers[i % readers.length];
        outcomes.push(await readScorecards(api, panel, token));
        await sleep(options.pauseMs);
      }
    };
    const loops = Promise.all([
      ...Array.from({ length: options.submitters }, submitter),
      ...Array.from({ length: options.readerLoops }, (_, n) => reader(n)),
    ]);
    return {
      outcomes,
      accepted: () => submissions.filter((s) => s.acceptedId).length,
      async stop() {
        stopping = true;
        await loops;
      },
    };
  }

  // 'fast' is pg_ctl's default stop (sessions are told they are terminated); 'immediate' is a crash (sockets just close).
  describe.each(['fast', 'immediate'] as const)('PostgreSQL stopped (%s) under load', (mode) => {
    it('answers 503 problem+json quickly while it is down, recovers by itself, and loses no accepted scorecard', async () => {
      const { submissions, readers } = await prepareSubmissions(4, 40);
      const load = startLoad(submissions, readers);
      const readiness: Outcome[] = [];
      let polling = true;
      const readinessPoller = (async () => {
        while (polling) {
          readiness.push(await send('ready', `${api.url}/health/ready`));
          await sleep(100);
        }
      })();

      try {
        await waitFor(async () => load.accepted() >= 40, { timeoutMs: 30_000, what: '40 submissions accepted before the outage' });
        const stopBegin = Date.now();
        await pg.stop(mode);
        const stopped = Date.now();
        await sleep(3_000);
        const restartBegin = Date.now();
        await pg.restart();
        const restarted = Date.now();

        await waitFor(async () => load.accepted() === submissions.length, {
          timeoutMs: 60_000,
          what: 'every submission to be accepted after the outage',
        });
        // Keep the stream going a little after the last submission, so reads after recovery are measured too.
        await sleep(500);
        await load.stop();
        polling = false;
        await readinessPoller;

        expect(unhandledErrors()).toEqual([]);
        const all = [...load.outcomes, ...readiness];
        const unexpected = all.filter(
          (o) => typeof o.status !== 'number' || (o.status !== 200 && o.status !== 503) || o.ms >= OUTAGE_ANSWER_BOUND_MS,
        );
        expect(unexpected.map(describeOutcome)).toEqual([]);
        // Every 503 is a problem+json naming the database, whenever it happened.
        const unavailable = all.filter((o) => o.status === 503 && o.what !== 'ready');
        expect(
          unavailable.filter((o) => !isProblem(o) || o.body?.code !== 'database_unavailable' || o.body?.status !== 503).map(describeOutcome),
        ).toEqual([]);

        // Requests made while PostgreSQL was down all got the 503.
        const duringOutage = load.outcomes.filter((o) => o.startedAt >= stopped && o.endedAt <= restartBegin);
        expect(duringOutage.filter((o) => o.status !== 503).map(describeOutcome)).toEqual([]);
        expect(duringOutage.filter((o) => o.what === 'submit').length).toBeGreaterThanOrEqual(20);
        expect(duringOutage.filter((o) => o.what === 'read').length).toBeGreaterThanOrEqual(10);
        const readyDuringOutage = readiness.filter((o) => o.startedAt >= stopped && o.endedAt <= restartBegin);
        expect(readyDuringOutage.length).toBeGreaterThan(0);
        for (const o of readyDuringOutage) expect({ status: o.status, body: o.body?.status }).toEqual({ status: 503, body: 'error' });

        // It recovers by itself: the same API process answers 200 again shortly after PostgreSQL is back.
        expect(api.running()).toBe(true);
        const firstSuccess = load.outcomes.filter((o) => o.status === 200 && o.startedAt >= restarted).sort((a, b) => a.startedAt - b.startedAt)[0];
        expect(firstSuccess).toBeDefined();
        const recoveryMs = firstSuccess.endedAt - restarted;
        expect(recoveryMs).toBeLessThan(5_000);
        const afterRecovery = load.outcomes.filter((o) => o.startedAt >= firstSuccess.endedAt);
        expect(afterRecovery.filter((o) => o.status !== 200).map(describeOutcome)).toEqual([]);
        expect(
          readiness.filter((o) => o.startedAt >= firstSuccess.endedAt && !(o.status === 200 && o.body?.status === 'ok')).map(describeOutcome),
        ).toEqual([]);

        // Nothing accepted was lost, nothing retried was written twice, and the worker (same process) caught up.
        await expectStored(submissions);
        const applications = await expectReportsCover(submissions);
        expect(worker.running()).toBe(true);

        const outage = duringOutage.map((o) => o.ms);
        process.stdout.write(
          `[faults] PostgreSQL outage (${mode}): stop took ${stopped - stopBegin} ms, down ${restartBegin - stopped} ms, restart took ${restarted - restartBegin} ms; ` +
            `${duringOutage.length} requests during the outage, all 503 problem+json, max ${Math.max(...outage)} ms, ` +
            `median ${outage.sort((a, b) => a - b)[Math.floor(outage.length / 2)]} ms; ${load.outcomes.filter((o) => o.status === 503).length} 503s in all; ` +
            `API answered 200 again ${recoveryMs} ms after PostgreSQL was ready; ` +
            `${submissions.length} scorecards accepted (${load.outcomes.filter((o) => o.what === 'submit').length} submit requests) and covered by ${applications} reports\n`,
        );
      } finally {
        polling = false;
        await load.stop();
        await readinessPoller;
        if (!pg.process().running()) await pg.restart();
      }
    });
  });

  describe('Redis stopped', () => {
    it('accepts every submission, reports degraded readiness, and the reports catch up when Redis is back', async () => {
      const { submissions } = await prepareSubmissions(2, 8);
      let outcomes: Outcome[] = [];
      await redis.stop();
      try {
        outcomes = await Promise.all(submissions.map((s) => submit(api, s)));
        expect(outcomes.filter((o) => o.status !== 200 || o.ms >= OUTAGE_ANSWER_BOUND_MS).map(describeOutcome)).toEqual([]);
        outcomes.forEach((o, i) => (submissions[i].acceptedId = o.body.id));
        await expectStored(submissions);

        const ready = await send('ready', `${api.url}/health/ready`);
        expect({ status: ready.status, body: ready.body }).toMatchObject({
          status: 200,
          body: { status: 'degraded', details: { database: { status: 'up' }, redis: { status: 'down' } } },
        });
        // The aggregation requests wait in the outbox: the relay tried to publish them, failed, and no report exists.
        await withWorkerState(
          waitFor(
            async () => {
              const [{ tried }] = await ds.query(
                `SELECT count(*)::int AS tried FROM outbox_messages WHERE published_at IS NULL AND attempts > 0 AND payload->>'applicationId' = ANY($1)`,
                [[...new Set(submissions.map((s) => s.panel.applicationId))]],
              );
              return tried > 0;
            },
            { what: 'failed publish attempts while Redis is down' },
          ),
        );
        for (const s of submissions) expect(await latestReport(ds, s.panel.applicationId)).toBeNull();
      } finally {
        await redis.restart();
      }

      const restarted = Date.now();
      const applications = await expectReportsCover(submissions, 30_000);
      const catchUpMs = Date.now() - restarted;
      // Readiness reconnects on its own schedule (at most 5 s between attempts).
      const ready = await waitFor(
        async () => {
          const o = await send('ready', `${api.url}/health/ready`);
          return o.status === 200 && o.body?.status === 'ok' ? o : null;
        },
        { timeoutMs: 10_000, what: 'readiness ok again' },
      );
      const readyAgainMs = ready.endedAt - restarted;
      process.stdout.write(
        `[faults] Redis stopped: ${submissions.length} submissions all 200 (max ${Math.max(...outcomes.map((o) => o.ms))} ms), ` +
          `readiness degraded; ${applications} reports covered every scorecard ${catchUpMs} ms after Redis restarted, readiness ok after ${readyAgainMs} ms\n`,
      );
    });
  });

  describe('API sent SIGTERM under load', () => {
    it('finishes the requests in flight, exits 0, and every accepted scorecard reaches the report', async () => {
      const { submissions, readers } = await prepareSubmissions(2, 6);
      // The worker is stopped first so that every session waiting on the lock below belongs to the API.
      await worker.stop();

      // A transaction holding an exclusive lock on scorecards keeps submissions and reads in flight (as slow queries
      // would) until the test commits it.
      const blocker = new Client({ connectionString: databaseUrl });
      await blocker.connect();
      let outcomes: Outcome[] = [];
      try {
        await blocker.query('BEGIN');
        await blocker.query('LOCK TABLE scorecards IN ACCESS EXCLUSIVE MODE');
        const inFlight = Promise.all([
          ...submissions.map((s) => submit(api, s)),
          ...readers.flatMap((r) => [readScorecards(api, r.panel, r.token), readScorecards(api, r.panel, r.token)]),
        ]);
        const expected = submissions.length + readers.length * 2;
        let waiting = 0;
        await waitFor(
          async () => {
            // Not on the blocker's connection: inside a transaction, pg_stat_activity stays the snapshot first read.
            [{ waiting }] = await ds.query(
              `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND wait_event_type = 'Lock'`,
            );
            return waiting === expected;
          },
          { what: `${expected} requests waiting on the lock` },
        ).catch((error: Error) => {
          throw new Error(`${error.message} (${waiting} were)`);
        });

        const sigterm = Date.now();
        api.signal('SIGTERM');
        // Draining: the process cannot exit while its requests wait, and it takes no new work (a new request is
        // refused, or answered 503 on a connection that was already open; never served, never left hanging).
        await sleep(1_000);
        expect(api.running()).toBe(true);
        const late = await send('read', `${api.url}/health`);
        expect(late.status === 503 || late.status === 'network_error').toBe(true);

        await blocker.query('COMMIT');
        const released = Date.now();
        outcomes = await inFlight;
        const exit = await api.waitForExit(15_000);
        const exited = Date.now();
        expect(exit).toEqual({ code: 0, signal: null });

        expect(outcomes.filter((o) => o.status !== 200).map(describeOutcome)).toEqual([]);
        expect(outcomes.filter((o) => o.what === 'read').every((o) => Array.isArray(o.body.items))).toBe(true);
        outcomes.slice(0, submissions.length).forEach((o, i) => (submissions[i].acceptedId = o.body.id));
        process.stdout.write(
          `[faults] SIGTERM: ${outcomes.length} in-flight requests (${submissions.length} submissions, ${outcomes.length - submissions.length} reads) ` +
            `all completed 200; the API exited with code 0 ${exited - sigterm} ms after SIGTERM, ${exited - released} ms after they were released; ` +
            `a new request during the drain got ${late.status === 'network_error' ? `${late.error}` : late.status}\n`,
        );
      } finally {
        await blocker.query('ROLLBACK').catch(() => undefined);
        await blocker.end();
      }

      await expectStored(submissions);
      worker = await startWorker({ name: 'faults-worker-2', env: processEnv() });
      await expectReportsCover(submissions, 30_000);
    });
  });
});
