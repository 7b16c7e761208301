import { BenchContext, FigureResult, log } from '../context';
import { DebriefBody } from '../http';
import { sleep } from '../processes';
import { mapLimit, submissionBody } from '../scene';
import { seedInterviews } from '../seed';
import { LatencySummary, summarize } from '../stats';
import { fmtInt, fmtMs, TableRow } from '../table';

/**
 * Figure 2 — report freshness: for each panel (5 interviews, 5 interviewers), the first four scorecards are submitted
 * through the API and their report is allowed to settle (in real life a panel's scorecards arrive minutes or hours
 * apart); then the last one is submitted, and the clock runs from its 200 answer until GET …/debrief answers with
 * status `current` and a report over all 5 scorecards. The worker runs as in production (relay + BullMQ +
 * aggregation). `freshnessInFlight` panels run at once.
 *
 * To get a fine time resolution without flooding the API with polls, the benchmark watches the database every
 * 10 ms for the report version over 5 scorecards and only then asks the API; the figure ends when the API's answer
 * arrives (if the API did not yet answer `current`, it keeps asking every 10 ms).
 */

export interface FreshnessRaw {
  panels: number;
  failed: number;
  inFlight: number;
  /** From the last submission's 200 to the debrief answering `current` over all scorecards, ms. */
  freshness: LatencySummary;
  /** Database side: the report's computed_at minus the last scorecard's submitted_at, ms (informative). */
  databaseLag: LatencySummary;
  /** Latency of the last submissions themselves, ms. */
  lastSubmission: LatencySummary;
}

const PANEL_SIZE = 5;
const PANEL_TIMEOUT_MS = 30_000;

export async function freshnessFigure(ctx: BenchContext): Promise<FigureResult<FreshnessRaw>> {
  const { settings, scene, api, pool } = ctx;
  if (!scene) throw new Error('the freshness figure needs the scene');
  const org = scene.admin.organizationId;
  const interviews = await seedInterviews(pool, {
    organizationId: org,
    roleId: scene.roleId,
    loopVersionId: scene.loopVersionId,
    roundIds: scene.snapshot.rounds.map((r) => r.id),
    interviewerIds: scene.interviewers.map((i) => i.memberId),
    applications: settings.freshnessPanels,
    interviewsPerApplication: PANEL_SIZE,
  });
  const panels = new Map<string, typeof interviews>();
  for (const interview of interviews) panels.set(interview.applicationId, [...(panels.get(interview.applicationId) ?? []), interview]);
  const byMember = new Map(scene.interviewers.map((i) => [i.memberId, i]));
  const roundById = new Map(scene.snapshot.rounds.map((r) => [r.id, r]));

  const latestCount = async (applicationId: string): Promise<number> => {
    const rows = await pool.query(`SELECT scorecard_count AS n FROM calibration_reports WHERE application_id = $1 ORDER BY version DESC LIMIT 1`, [
      applicationId,
    ]);
    return rows.rows[0] ? Number(rows.rows[0].n) : 0;
  };
  const waitUntil = async (deadline: number, check: () => Promise<boolean>): Promise<boolean> => {
    while (Date.now() < deadline) {
      if (await check()) return true;
      await sleep(10);
    }
    return false;
  };
  const submit = async (interview: (typeof interviews)[number], seed: number) => {
    const actor = byMember.get(interview.interviewerId)!;
    await api.post(
      `/v1/interviews/${interview.id}/scorecard/submit`,
      submissionBody(scene.snapshot, roundById.get(interview.roundId)!, seed),
      actor.token,
    );
  };

  const freshness: number[] = [];
  const lastSubmission: number[] = [];
  const lags: number[] = [];
  let failed = 0;
  let done = 0;
  log(`freshness: ${panels.size} panels of ${PANEL_SIZE}, ${settings.freshnessInFlight} in flight`);
  await mapLimit([...panels.entries()], settings.freshnessInFlight, async ([applicationId, cards], index) => {
    try {
      for (let i = 0; i < cards.length - 1; i++) await submit(cards[i], index * 7 + i);
      const settled = await waitUntil(Date.now() + PANEL_TIMEOUT_MS, async () => (await latestCount(applicationId)) === cards.length - 1);
      if (!settled) throw new Error(`the report over the first ${cards.length - 1} scorecards of ${applicationId} did not appear`);

      const sent = performance.now();
      await submit(cards[cards.length - 1], index * 7 + cards.length);
      const acked = performance.now();
      lastSubmission.push(acked - sent);
      const deadline = Date.now() + PANEL_TIMEOUT_MS;
      await waitUntil(deadline, async () => (await latestCount(applicationId)) === cards.length);
      let readable = false;
      while (!readable && Date.now() < deadline) {
        const debrief = await api.get<DebriefBody>(`/v1/applications/${applicationId}/debrief`, scene.hiringManager.token);
        readable = debrief.status === 'current' && debrief.report?.scorecardCount === cards.length;
        if (!readable) await sleep(10);
      }
      if (!readable) throw new Error(`the debrief of ${applicationId} was not current within ${PANEL_TIMEOUT_MS} ms`);
      freshness.push(performance.now() - acked);
      const lag = await pool.query(
        `SELECT extract(epoch FROM (SELECT max(computed_at) FROM calibration_reports WHERE application_id = $1)
                                 - (SELECT max(submitted_at) FROM scorecards WHERE application_id = $1)) * 1000 AS ms`,
        [applicationId],
      );
      lags.push(Number(lag.rows[0].ms));
    } catch (error) {
      failed++;
      if (failed <= 3) log(`  freshness panel ${applicationId} failed: ${(error as Error).message}`);
    }
    if (++done % 50 === 0) log(`  ${done}/${panels.size} panels`);
  });

  const f = summarize(freshness);
  const raw: FreshnessRaw = {
    panels: freshness.length,
    failed,
    inFlight: settings.freshnessInFlight,
    freshness: f,
    databaseLag: summarize(lags),
    lastSubmission: summarize(lastSubmission),
  };
  log(`  freshness p50 ${fmtMs(f.p50)}, p95 ${fmtMs(f.p95)}, max ${fmtMs(f.max)} over ${f.count} panels (${failed} failed)`);
  const rows: TableRow[] = [
    {
      figure: `2. report freshness p50 / p95 (${fmtInt(f.count)} panels${failed ? `, ${failed} failed` : ''})`,
      value: `${fmtMs(f.p50)} / ${fmtMs(f.p95)}`,
      ceiling: `report stored (DB clock): ${fmtMs(raw.databaseLag.p50)} / ${fmtMs(raw.databaseLag.p95)}`,
      target: 'p95 < 500 ms',
      met: f.count === 0 ? null : failed === 0 && f.p95 < 500,
    },
  ];
  return { raw, rows };
}
