import { Job, Queue } from 'bullmq';
import { JobName } from '@hireloop/queue/job-data';
import { QueueName } from '@hireloop/queue/queue-names';
import { redisConnectionFromUrl } from '@hireloop/queue/redis-connection';
import { BenchContext, cpuLine, FigureResult, log } from '../context';
import { CpuUsage, ManagedProcess, measureCpu, sleep } from '../processes';
import { analyze, seedEightDimensionRole, seedOrganization, seedSubmittedPanels } from '../seed';
import { ratio } from '../stats';
import { fmtInt, fmtSeconds, TableRow } from '../table';

/**
 * Figure 4 — interviewer calibration over 1,000,000 ratings: an organization with 200 interviewers and 4 roles of
 * 8 dimensions, 25,000 applications each rated by a panel of 5 (5 × 8 = 40 rating rows per application), seeded with
 * SQL. A fresh worker process runs the `recompute-calibration` job for the organization (added straight to its BullMQ
 * queue, as the API's outbox would); the time is the job's processing time in the worker (BullMQ processedOn →
 * finishedOn), the memory the worker's peak RSS (VmHWM, and VmRSS sampled every 50 ms).
 * The ceiling: one set-based pass over the organization's ratings (GROUP BY interviewer), timed right after.
 */

export interface CalibrationRaw {
  ratings: number;
  interviewers: number;
  applications: number;
  seedSeconds: number;
  jobSeconds: number;
  wallSeconds: number;
  jobResult: unknown;
  rssBeforeMb: number | null;
  peakRssMb: number | null;
  sampledMaxRssMb: number | null;
  scanSeconds: number;
  cpu: CpuUsage;
}

const INTERVIEWERS = 200;
const ROLES = 4;
const PER_APPLICATION = 5 * 8;

export async function calibrationFigure(ctx: BenchContext, restartWorker: () => Promise<ManagedProcess>): Promise<FigureResult<CalibrationRaw>> {
  const { settings, pool } = ctx;
  const applications = Math.ceil(settings.calibrationRatings / PER_APPLICATION);
  const seedStart = Date.now();
  const org = await seedOrganization(pool, 'Calibration Org', INTERVIEWERS);
  for (let r = 0; r < ROLES; r++) {
    const role = await seedEightDimensionRole(pool, org, `Calibration role ${r + 1}`);
    const share = Math.floor(applications / ROLES) + (r < applications % ROLES ? 1 : 0);
    await seedSubmittedPanels(pool, {
      organizationId: org.organizationId,
      roleId: role.roleId,
      loopVersionId: role.loopVersionId,
      roundIds: role.roundIds,
      dimensionIds: role.dimensionIds,
      interviewerIds: org.interviewerIds,
      applications: share,
      interviewsPerApplication: 5,
      ratingRows: true,
    });
  }
  await analyze(pool);
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const ratings = Number(
    (await pool.query(`SELECT count(*) AS n FROM scorecard_ratings WHERE organization_id = $1`, [org.organizationId])).rows[0].n,
  );
  log(
    `calibration: seeded ${fmtInt(ratings)} ratings (${fmtInt(applications)} applications, ${INTERVIEWERS} interviewers) in ${fmtSeconds(seedSeconds)}`,
  );

  // A fresh worker, so its peak RSS (VmHWM) is that of start-up plus this job only.
  const worker = await restartWorker();
  await sleep(1000);
  const rssBefore = worker.memory()?.rssMb ?? null;
  let sampledMax = rssBefore ?? 0;
  const sampler = setInterval(() => {
    const m = worker.memory();
    if (m && m.rssMb > sampledMax) sampledMax = m.rssMb;
  }, 50);

  const queue = new Queue(QueueName.InterviewerCalibration, { connection: redisConnectionFromUrl(settings.redisUrl), prefix: settings.queuePrefix });
  let job: Job | undefined;
  const cpu = measureCpu([worker.pid]);
  const wallStart = Date.now();
  try {
    const added = await queue.add(
      JobName.RecomputeCalibration,
      { organizationId: org.organizationId, reason: 'manual' },
      { jobId: `bench-calibration-${Date.now()}`, attempts: 1 },
    );
    const deadline = Date.now() + 300_000;
    for (;;) {
      job = (await Job.fromId(queue, added.id!)) ?? undefined;
      const state = job ? await job.getState() : 'unknown';
      // Read again: the job may have completed between reading it and asking its state (then it lacks finishedOn).
      if (state === 'completed') {
        job = (await Job.fromId(queue, added.id!)) ?? undefined;
        break;
      }
      if (state === 'failed') throw new Error(`the calibration job failed: ${job?.failedReason}`);
      if (Date.now() > deadline) throw new Error(`the calibration job did not finish within 300 s (state ${state})`);
      await sleep(100);
    }
  } finally {
    clearInterval(sampler);
    await queue.close();
  }
  const wallSeconds = (Date.now() - wallStart) / 1000;
  const cpuUsed = cpu();
  const peak = worker.memory();
  const jobSeconds = (job!.finishedOn! - job!.processedOn!) / 1000;
  log(
    `  job ${fmtSeconds(jobSeconds)} in the worker (${fmtSeconds(wallSeconds)} wall), peak RSS ${peak ? fmtInt(peak.hwmMb) : 'n/a'} MB (before ${rssBefore === null ? 'n/a' : fmtInt(rssBefore)} MB)`,
  );

  // The ceiling: a single pass over the same ratings, warm cache.
  const scanStart = process.hrtime.bigint();
  await pool.query(`SELECT interviewer_id, count(*), sum(rating) FROM scorecard_ratings WHERE organization_id = $1 GROUP BY interviewer_id`, [
    org.organizationId,
  ]);
  const scanSeconds = Number(process.hrtime.bigint() - scanStart) / 1e9;
  log(`  one SQL pass over the ratings: ${fmtSeconds(scanSeconds)}; during the job ${cpuLine(cpuUsed, ['worker'])}`);

  const peakRss = peak ? Math.max(peak.hwmMb, sampledMax) : null;
  const raw: CalibrationRaw = {
    ratings,
    interviewers: INTERVIEWERS,
    applications,
    seedSeconds,
    jobSeconds,
    wallSeconds,
    jobResult: job!.returnvalue,
    rssBeforeMb: rssBefore,
    peakRssMb: peak?.hwmMb ?? null,
    sampledMaxRssMb: sampledMax || null,
    scanSeconds,
    cpu: cpuUsed,
  };
  const rows: TableRow[] = [
    {
      figure: `4. interviewer calibration, ${fmtInt(ratings)} ratings: time`,
      value: fmtSeconds(jobSeconds),
      ceiling: `one SQL pass over the ratings: ${fmtSeconds(scanSeconds)}`,
      ratio: ratio(scanSeconds, jobSeconds),
      target: '< 30 s',
      met: ratings >= 1_000_000 ? jobSeconds < 30 : null,
    },
    {
      figure: `4. interviewer calibration, ${fmtInt(ratings)} ratings: worker peak RSS`,
      value: peakRss === null ? 'n/a' : `${fmtInt(peakRss)} MB`,
      ceiling: rssBefore === null ? '' : `baseline, worker idle: ${fmtInt(rssBefore)} MB`,
      target: '< 500 MB',
      met: peakRss === null || ratings < 1_000_000 ? null : peakRss < 500,
    },
  ];
  return { raw, rows };
}
