import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { panelAggregationRequest } from '../outbox/job-requests';
import { OutboxService } from '../outbox/outbox.service';
import { CalibrationReportsRepository, PanelRef } from './calibration-reports.repository';

export interface ReportSweepOptions {
  /** An application whose last scorecard change is younger than this may still have its report on the way. */
  settledForSeconds: number;
  /** Applications whose feedback last changed longer ago than this are not looked at (a bound on the scan). */
  changedWithinHours?: number;
  /** Requests made per sweep at most. */
  limit?: number;
  /** One organization's applications only (default: every organization's; needs the system scope). */
  organizationId?: string;
}

export interface ReportSweepResult {
  /** False when another sweep held the lock (another worker process): nothing was looked at. */
  ran: boolean;
  requested: PanelRef[];
}

/** One sweep at a time across worker processes (a transaction-level advisory lock). */
const SWEEP_LOCK = 'report-sweep';

/**
 * The backstop of "a report follows every scorecard change": a scorecard write commits its report request in the
 * outbox, and the relay hands it to BullMQ; a job lost after that (Redis restarted without persistence, a failover
 * that dropped writes, an eviction) or failed for good would leave the debrief `computing` for ever. The sweep finds
 * the applications whose latest report does not cover their scorecards once the grace period has passed, and asks
 * for their report again through the outbox, like a scorecard write does.
 */
@Injectable()
export class ReportSweepService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: CalibrationReportsRepository,
    private readonly outbox: OutboxService,
  ) {}

  sweep(options: ReportSweepOptions): Promise<ReportSweepResult> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [SWEEP_LOCK]);
      if (!locked) return { ran: false, requested: [] };
      const stale = await this.reports.staleApplications(manager, {
        settledForSeconds: options.settledForSeconds,
        changedWithinHours: options.changedWithinHours ?? 24 * 30,
        limit: options.limit ?? 1000,
        organizationId: options.organizationId,
      });
      for (const ref of stale) await this.outbox.enqueue(manager, panelAggregationRequest(ref.organizationId, ref.applicationId));
      return { ran: true, requested: stale };
    });
  }
}
