import { mulberry32 } from '@hireloop/calibration/synthetic';
import type { Pool } from 'pg';
import { log } from './context';
import { sleep } from './processes';
import { Actor, Scene, submissionBody } from './scene';
import { SeededInterview, seedInterviews } from './seed';
import { summarize } from './stats';

/**
 * The soak's load: an open loop at a fixed rate (one operation every 1/rate s, whether or not the previous ones
 * answered), cycling through a fixed mix of what interviewers and hiring managers do on a working day:
 *
 *   submit   3/10  POST /v1/interviews/:id/scorecard/submit     a fresh interview's scorecard, by its interviewer
 *   amend    1/10  POST /v1/interviews/:id/scorecard/amend      a scorecard accepted earlier in the soak, new content
 *   debrief  2/10  GET  /v1/applications/:id/debrief            an application recently given feedback, hiring manager
 *   mine     2/10  GET  /v1/me/interviews?limit=20              a random interviewer's list
 *   kit      2/10  GET  /v1/interviews/:id/kit                  a random seeded interview, by its interviewer
 *
 * Submissions and amendments each ask for the application's report, so the worker aggregates all along. Every
 * accepted submission or amendment (its scorecard id and revision) is remembered, for the final coverage check.
 */

export type SoakOperation = 'submit' | 'amend' | 'debrief' | 'mine' | 'kit';
export const SOAK_OPERATIONS: readonly SoakOperation[] = ['submit', 'amend', 'debrief', 'mine', 'kit'];
export const MIX: readonly SoakOperation[] = ['submit', 'debrief', 'mine', 'kit', 'submit', 'amend', 'debrief', 'mine', 'kit', 'submit'];

/** A scorecard the API accepted (200), at the revision of its last accepted write. */
export interface AcceptedScorecard {
  scorecardId: string;
  interview: SeededInterview;
  revision: number;
}

/** One answered (or failed) request. `status` 0: no HTTP answer (connection error or timeout). */
export interface RequestRecord {
  /** Seconds since the load started, when it was sent. */
  t: number;
  op: SoakOperation;
  status: number;
  ms: number;
}

export interface SoakLoadOptions {
  rate: number;
  durationSeconds: number;
  /** Operations in flight at most; a tick finding this many is counted as skipped (the rate was not held). */
  maxInFlight: number;
  seed: number;
}

/** Fresh interviews (5 per application, seeded with SQL), handed out so each application's panel fills gradually. */
export class InterviewSupply {
  private queue: SeededInterview[] = [];
  private refilling: Promise<void> | null = null;
  /** Every interview seeded (the kit reads pick from these). */
  readonly all: SeededInterview[] = [];
  exhausted = 0;

  constructor(
    private readonly pool: Pool,
    private readonly scene: Scene,
    /** Applications per seeding batch. */
    private readonly batchApplications: number,
  ) {}

  async refill(): Promise<void> {
    const { scene } = this;
    const rows = await seedInterviews(this.pool, {
      organizationId: scene.admin.organizationId,
      roleId: scene.roleId,
      loopVersionId: scene.loopVersionId,
      roundIds: scene.snapshot.rounds.map((r) => r.id),
      interviewerIds: scene.interviewers.map((i) => i.memberId),
      applications: this.batchApplications,
      interviewsPerApplication: 5,
    });
    // Rows come application by application; hand out every application's first interview, then every second…
    // so a panel's five scorecards arrive spread over the batch rather than back to back.
    const byPosition: SeededInterview[][] = [];
    let last = '';
    let position = 0;
    for (const row of rows) {
      position = row.applicationId === last ? position + 1 : 0;
      last = row.applicationId;
      (byPosition[position] ??= []).push(row);
    }
    this.queue.push(...byPosition.flat());
    this.all.push(...rows);
  }

  /** The next fresh interview; starts a refill in the background when fewer than a batch remain. */
  take(): SeededInterview | undefined {
    if (this.queue.length < this.batchApplications * 5 && !this.refilling) {
      this.refilling = this.refill()
        .catch((error) => log(`soak: seeding more interviews failed: ${(error as Error).message}`))
        .finally(() => (this.refilling = null));
    }
    const next = this.queue.shift();
    if (!next) this.exhausted++;
    return next;
  }

  get remaining(): number {
    return this.queue.length;
  }
}

const RECENT_APPLICATIONS = 100;
const RECENT_SCORECARDS = 500;

export class SoakLoad {
  readonly records: RequestRecord[] = [];
  /** Accepted scorecards by id, at their last accepted revision. */
  readonly accepted = new Map<string, AcceptedScorecard>();
  readonly failures: string[] = [];
  skipped = 0;
  inFlight = 0;
  private readonly busy = new Set<string>();
  private readonly recentApplications: string[] = [];
  private readonly recentScorecards: string[] = [];
  private readonly byMember: Map<string, Actor>;
  private readonly roundById: Map<string, Scene['snapshot']['rounds'][number]>;
  private readonly random: () => number;
  private started = 0;
  private seq = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly scene: Scene,
    private readonly supply: InterviewSupply,
    private readonly options: SoakLoadOptions,
  ) {
    this.byMember = new Map(scene.interviewers.map((i) => [i.memberId, i]));
    this.roundById = new Map(scene.snapshot.rounds.map((r) => [r.id, r]));
    this.random = mulberry32(options.seed);
  }

  /** Runs the mix at the fixed rate for the duration, then waits for the requests still in flight. */
  async run(): Promise<void> {
    const period = 1000 / this.options.rate;
    const total = Math.round(this.options.rate * this.options.durationSeconds);
    const pending = new Set<Promise<void>>();
    this.started = performance.now();
    for (let i = 0; i < total; i++) {
      const wait = this.started + i * period - performance.now();
      if (wait > 0) await sleep(wait);
      if (this.inFlight >= this.options.maxInFlight) {
        this.skipped++;
        continue;
      }
      const op = this.perform(MIX[i % MIX.length]);
      pending.add(op);
      void op.finally(() => pending.delete(op));
    }
    await Promise.all(pending);
  }

  /** Seconds since the load started. */
  elapsed(): number {
    return this.started === 0 ? 0 : (performance.now() - this.started) / 1000;
  }

  private async perform(op: SoakOperation): Promise<void> {
    this.inFlight++;
    try {
      switch (op) {
        case 'submit':
          return await this.submit();
        case 'amend':
          return await this.amend();
        case 'debrief':
          return await this.debrief();
        case 'mine':
          return await this.mine();
        case 'kit':
          return await this.kit();
      }
    } finally {
      this.inFlight--;
    }
  }

  private async submit(): Promise<void> {
    const interview = this.supply.take();
    if (!interview) return this.kit();
    const actor = this.byMember.get(interview.interviewerId)!;
    const body = submissionBody(this.scene.snapshot, this.roundById.get(interview.roundId)!, this.seq++);
    const res = await this.send('submit', 'POST', `/v1/interviews/${interview.id}/scorecard/submit`, actor.token, body);
    if (res?.status === 200) this.remember(interview, res.body);
  }

  private async amend(): Promise<void> {
    const candidates = this.recentScorecards.filter((id) => !this.busy.has(id));
    if (candidates.length === 0) return this.submit();
    const card = this.accepted.get(candidates[Math.floor(this.random() * candidates.length)])!;
    this.busy.add(card.scorecardId);
    try {
      const actor = this.byMember.get(card.interview.interviewerId)!;
      const seed = this.seq++;
      const base = submissionBody(this.scene.snapshot, this.roundById.get(card.interview.roundId)!, seed);
      // New evidence on the first dimension always differs from the stored content (else a 409 no_changes);
      // the seed changes the ratings in most amendments, so the report's inputs change too.
      const ratings = base.ratings.map((r, i) => (i === 0 ? { ...r, evidence: `${r.evidence} Amended after a second look (${seed}).` } : r));
      const body = { ...base, ratings, reason: 'Re-read my notes and corrected the ratings.' };
      const res = await this.send('amend', 'POST', `/v1/interviews/${card.interview.id}/scorecard/amend`, actor.token, body);
      if (res?.status === 200) this.remember(card.interview, res.body);
    } finally {
      this.busy.delete(card.scorecardId);
    }
  }

  private async debrief(): Promise<void> {
    if (this.recentApplications.length === 0) return this.kit();
    const applicationId = this.recentApplications[Math.floor(this.random() * this.recentApplications.length)];
    await this.send('debrief', 'GET', `/v1/applications/${applicationId}/debrief`, this.scene.hiringManager.token);
  }

  private async mine(): Promise<void> {
    const actor = this.scene.interviewers[Math.floor(this.random() * this.scene.interviewers.length)];
    await this.send('mine', 'GET', '/v1/me/interviews?limit=20', actor.token);
  }

  private async kit(): Promise<void> {
    const all = this.supply.all;
    const interview = all[Math.floor(this.random() * all.length)];
    await this.send('kit', 'GET', `/v1/interviews/${interview.id}/kit`, this.byMember.get(interview.interviewerId)!.token);
  }

  private remember(interview: SeededInterview, body: SubmissionAnswer): void {
    const known = this.accepted.has(body.id);
    this.accepted.set(body.id, { scorecardId: body.id, interview, revision: body.revision });
    if (!known) pushRecent(this.recentScorecards, body.id, RECENT_SCORECARDS);
    const at = this.recentApplications.indexOf(interview.applicationId);
    if (at >= 0) this.recentApplications.splice(at, 1);
    pushRecent(this.recentApplications, interview.applicationId, RECENT_APPLICATIONS);
  }

  private async send(
    op: SoakOperation,
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; body: SubmissionAnswer } | null> {
    const t = this.elapsed();
    const t0 = performance.now();
    try {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      this.records.push({ t, op, status: res.status, ms: performance.now() - t0 });
      if (res.status >= 300 && this.failures.length < 20) this.failures.push(`${method} ${path} → ${res.status}: ${text.slice(0, 300)}`);
      return { status: res.status, body: (res.status < 300 && text ? JSON.parse(text) : undefined) as SubmissionAnswer };
    } catch (error) {
      this.records.push({ t, op, status: 0, ms: performance.now() - t0 });
      if (this.failures.length < 20) this.failures.push(`${method} ${path} → ${(error as Error).message}`);
      return null;
    }
  }
}

/** What a 200 to a submission or amendment says, as far as the soak reads it (other answers are not read). */
interface SubmissionAnswer {
  id: string;
  revision: number;
}

function pushRecent(list: string[], value: string, limit: number): void {
  list.push(value);
  if (list.length > limit) list.shift();
}

export interface RequestSummary {
  requests: number;
  ok: number;
  status4xx: number;
  status5xx: number;
  /** No HTTP answer: connection errors and timeouts. */
  network: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Counts and latency of the records (all, or those sent within [from, to) s). */
export function summarizeRequests(records: readonly RequestRecord[], from = 0, to = Number.POSITIVE_INFINITY): RequestSummary {
  const inside = records.filter((r) => r.t >= from && r.t < to);
  const s = summarize(inside.map((r) => r.ms));
  return {
    requests: inside.length,
    ok: inside.filter((r) => r.status >= 200 && r.status < 300).length,
    status4xx: inside.filter((r) => r.status >= 400 && r.status < 500).length,
    status5xx: inside.filter((r) => r.status >= 500).length,
    network: inside.filter((r) => r.status === 0).length,
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
    max: s.max,
    mean: s.mean,
  };
}
