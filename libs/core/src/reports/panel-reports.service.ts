import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { buildReport, type CalibrationReport } from '@hireloop/calibration';
import type { ReportCovers } from './calibration-report.entity';
import { CalibrationReportsRepository, NewReportVersion, panelKey, PanelRef } from './calibration-reports.repository';
import { buildPanelReportInput } from './report-inputs';
import { coversOf, decideReportWrite, ReportWrite, sameCovers } from './report-versioning';

export type { PanelRef };

/** The application no longer exists (or is not in this organization): retrying cannot help. */
export class ApplicationGoneError extends Error {
  constructor(readonly applicationId: string) {
    super(`application ${applicationId} does not exist`);
    this.name = 'ApplicationGoneError';
  }
}

export interface AggregationOutcome {
  /** What the last pass stored. `skipped`: nothing submitted and no report yet. */
  outcome: ReportWrite['action'] | 'skipped';
  version: number | null;
  covers: ReportCovers;
  /** Computations run: more than one when scorecards changed while computing. */
  passes: number;
  /** Report versions this run stored (one per pass at most). */
  versionsCreated: number;
}

/** Passes per job before leaving the rest to the follow-up job the newer submission enqueued. */
export const MAX_AGGREGATION_PASSES = 5;

type StoredOutcome = Omit<AggregationOutcome, 'passes' | 'versionsCreated'>;

/** An application of a batch whose state the engine rejected: the others of the batch are stored all the same. */
interface RejectedState {
  outcome: 'rejected';
  reason: unknown;
}

/**
 * Computes and stores applications' calibrated panel reports, one application or a batch at a time. Idempotent and
 * safe to run concurrently:
 * - reads and writes happen under per-application advisory locks (taken in one fixed order), so concurrent runs
 *   over the same application serialise and batches cannot deadlock;
 * - the same inputs never create a new version (see `decideReportWrite`);
 * - after storing, the submitted revisions are read again, and where a submission landed meanwhile the report is
 *   recomputed at once (bounded), so the last submission of a burst is never lost.
 * A batch costs a handful of statements and one commit whatever its size: that is what lets one worker keep up with
 * thousands of reports per second (see bench/README.md, figure 3).
 */
@Injectable()
export class PanelReportsService {
  private readonly logger = new Logger(PanelReportsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: CalibrationReportsRepository,
  ) {}

  async aggregate(organizationId: string, applicationId: string, maxPasses = MAX_AGGREGATION_PASSES): Promise<AggregationOutcome> {
    const [result] = await this.aggregateMany([{ organizationId, applicationId }], maxPasses);
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  }

  /**
   * One settled result per input, in input order: an application that does not exist (in its organization) is
   * rejected with ApplicationGoneError without failing the others. Any other error fails the whole call.
   */
  async aggregateMany(refs: readonly PanelRef[], maxPasses = MAX_AGGREGATION_PASSES): Promise<PromiseSettledResult<AggregationOutcome>[]> {
    const results = new Map<string, PromiseSettledResult<AggregationOutcome>>();
    const versionsCreated = new Map<string, number>();
    let pending = uniqueRefs(refs);
    for (let pass = 1; pass <= maxPasses && pending.length > 0; pass++) {
      const stored = await this.computeAndStoreMany(pending);
      for (const ref of pending) {
        const outcome = stored.get(panelKey(ref));
        if (!outcome) {
          results.set(panelKey(ref), { status: 'rejected', reason: new ApplicationGoneError(ref.applicationId) });
          continue;
        }
        if (outcome.outcome === 'rejected') {
          results.set(panelKey(ref), { status: 'rejected', reason: outcome.reason });
          continue;
        }
        const created = (versionsCreated.get(panelKey(ref)) ?? 0) + (outcome.outcome === 'insert' ? 1 : 0);
        versionsCreated.set(panelKey(ref), created);
        results.set(panelKey(ref), { status: 'fulfilled', value: { ...outcome, passes: pass, versionsCreated: created } });
      }
      const computed = pending.flatMap((ref) => {
        const outcome = stored.get(panelKey(ref));
        return outcome && outcome.outcome !== 'rejected' ? [{ ref, covers: outcome.covers }] : [];
      });
      const now = await this.reports.currentCoversMany(computed.map((c) => c.ref));
      pending = computed.filter(({ ref, covers }) => !sameCovers(now.get(panelKey(ref)) ?? {}, covers)).map((c) => c.ref);
      if (pending.length > 0 && pass < maxPasses)
        this.logger.debug(`${pending.length} application(s): scorecards changed while computing; pass ${pass + 1}`);
    }
    // An application named twice (two jobs' requests met in one batch) was computed once: the versions it stored are
    // credited to its first request only, so that counting them over jobs counts each version once.
    const credited = new Set<string>();
    return refs.map((ref): PromiseSettledResult<AggregationOutcome> => {
      const result = results.get(panelKey(ref))!;
      if (result.status === 'fulfilled' && credited.has(panelKey(ref)))
        return { status: 'fulfilled', value: { ...result.value, versionsCreated: 0 } };
      credited.add(panelKey(ref));
      return result;
    });
  }

  /**
   * One pass over a batch: read the current state, compute, store (or not), in one transaction under the locks. An
   * application whose stored state the engine rejects is answered with its error; it does not fail the batch (one
   * such application would otherwise fail every healthy job computed with it, again at each retry).
   */
  private computeAndStoreMany(refs: readonly PanelRef[]): Promise<Map<string, StoredOutcome | RejectedState>> {
    return this.dataSource.transaction(async (manager) => {
      await this.reports.lockApplications(
        manager,
        refs.map((r) => r.applicationId),
      );
      const states = await this.reports.panelStates(manager, refs);
      const outcomes = new Map<string, StoredOutcome | RejectedState>();
      const inserts: NewReportVersion[] = [];
      const refreshes: { organizationId: string; id: string; covers: ReportCovers }[] = [];
      for (const ref of refs) {
        const state = states.get(panelKey(ref));
        if (!state) continue;
        const { scorecards, latest, loopVersions, offsets, hirePolicy } = state;
        const covers = coversOf(scorecards);
        if (scorecards.length === 0 && !latest) {
          outcomes.set(panelKey(ref), { outcome: 'skipped', version: null, covers });
          continue;
        }
        // The engine checks what the stored state holds (ranges, scale, weights): a state it rejects, or a stored
        // report it cannot compare with, rejects this application alone, not the batch.
        let report: CalibrationReport;
        let write: ReportWrite;
        try {
          report = buildReport(buildPanelReportInput(scorecards, loopVersions, offsets, hirePolicy));
          write = decideReportWrite(latest, report, covers);
        } catch (reason) {
          outcomes.set(panelKey(ref), { outcome: 'rejected', reason });
          continue;
        }
        if (write.action === 'insert') {
          inserts.push({
            organizationId: ref.organizationId,
            applicationId: ref.applicationId,
            version: write.version,
            inputsHash: report.inputsHash,
            algorithmVersion: report.algorithmVersion,
            score: report.score,
            recommendation: report.recommendation,
            scorecardCount: scorecards.length,
            covers,
            report: report as unknown as Record<string, unknown>,
          });
        } else if (write.action === 'refresh_covers') {
          refreshes.push({ organizationId: ref.organizationId, id: latest!.id, covers });
        }
        outcomes.set(panelKey(ref), { outcome: write.action, version: write.version, covers });
      }
      await this.reports.insertMany(manager, inserts);
      await this.reports.refreshCoversMany(manager, refreshes);
      return outcomes;
    });
  }
}

function uniqueRefs(refs: readonly PanelRef[]): PanelRef[] {
  const seen = new Map<string, PanelRef>();
  for (const ref of refs) if (!seen.has(panelKey(ref))) seen.set(panelKey(ref), ref);
  return [...seen.values()];
}
