import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { buildReport } from '@hireloop/calibration';
import type { ReportCovers } from './calibration-report.entity';
import { CalibrationReportsRepository } from './calibration-reports.repository';
import { buildPanelReportInput } from './report-inputs';
import { coversOf, decideReportWrite, ReportWrite, sameCovers } from './report-versioning';

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

/**
 * Computes and stores an application's calibrated panel report. Idempotent and safe to run concurrently:
 * - reads and writes happen under a per-application advisory lock, so concurrent runs serialise;
 * - the same inputs never create a new version (see `decideReportWrite`);
 * - after storing, the submitted revisions are read again, and if a submission landed meanwhile the report is
 *   recomputed at once (bounded), so the last submission of a burst is never lost.
 */
@Injectable()
export class PanelReportsService {
  private readonly logger = new Logger(PanelReportsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: CalibrationReportsRepository,
  ) {}

  async aggregate(organizationId: string, applicationId: string, maxPasses = MAX_AGGREGATION_PASSES): Promise<AggregationOutcome> {
    let result: AggregationOutcome | undefined;
    let versionsCreated = 0;
    for (let pass = 1; pass <= maxPasses; pass++) {
      const stored = await this.computeAndStore(organizationId, applicationId);
      if (stored.outcome === 'insert') versionsCreated++;
      result = { ...stored, passes: pass, versionsCreated };
      const now = await this.reports.currentCovers(organizationId, applicationId);
      if (sameCovers(now, stored.covers)) return result;
      if (pass < maxPasses) this.logger.debug(`application ${applicationId}: scorecards changed while computing; pass ${pass + 1}`);
    }
    return result!;
  }

  /** One pass: read the current state, compute, store (or not), in one transaction under the application's lock. */
  private computeAndStore(organizationId: string, applicationId: string): Promise<Omit<AggregationOutcome, 'passes' | 'versionsCreated'>> {
    return this.dataSource.transaction(async (manager) => {
      await this.reports.lockApplication(manager, applicationId);
      const { application, hirePolicy, scorecards, latest, loopVersions, offsets } = await this.reports.panelState(manager, organizationId, applicationId);
      if (!application) throw new ApplicationGoneError(applicationId);

      const covers = coversOf(scorecards);
      if (scorecards.length === 0 && !latest) return { outcome: 'skipped' as const, version: null, covers };

      const report = buildReport(buildPanelReportInput(scorecards, loopVersions, offsets, hirePolicy));
      const write = decideReportWrite(latest, report, covers);

      if (write.action === 'insert') {
        await this.reports.insert(manager, {
          organizationId,
          applicationId,
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
        await this.reports.refreshCovers(manager, organizationId, latest!.id, covers);
      }
      return { outcome: write.action, version: write.version, covers };
    });
  }
}
