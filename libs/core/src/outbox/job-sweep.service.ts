import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ALGORITHM_VERSION, isOlderAlgorithm } from '@hireloop/calibration';
import { EmailDeliveriesRepository } from '../email/email-deliveries.repository';
import { sendEmailRequest } from '../email/email-requests';
import { CalibrationReportsRepository, PanelRef } from '../reports/calibration-reports.repository';
import { panelAggregationRequest } from './job-requests';
import { OutboxService } from './outbox.service';

export interface JobSweepOptions {
  /** Work whose last change is younger than this may still be on its way: not swept yet. */
  settledForSeconds: number;
  /** Applications whose feedback last changed longer ago than this are not looked at (a bound on the scan). */
  changedWithinHours?: number;
  /** Requests made per kind of work per sweep, at most. */
  limit?: number;
  /** One organization's work only (default: every organization's, and emails without one; needs the system scope). */
  organizationId?: string;
  /** The algorithm version reports should have (default: this process's calibration library's). */
  algorithmVersion?: string;
  /** Whether BullMQ still holds the send job of an email delivery (waiting, delayed for a retry, or running). */
  emailJobAlive?: (deliveryId: string) => Promise<boolean>;
}

export interface JobSweepResult {
  /** False when another sweep held the lock (another worker process): nothing was looked at. */
  ran: boolean;
  /** Applications whose report was asked for again. */
  reports: PanelRef[];
  /** Applications whose report covers their feedback but was computed by an older algorithm: asked to recompute. */
  outdated: PanelRef[];
  /** Email deliveries whose send was asked for again. */
  emails: string[];
}

/** One sweep at a time across worker processes (a transaction-level advisory lock). */
const SWEEP_LOCK = 'job-sweep';

/**
 * The backstop of the outbox's promise that committed work gets done. A write commits its job request in the outbox
 * and the relay hands it to BullMQ; a job lost after that (Redis restarted without its data, a failover that dropped
 * writes, an eviction) or failed for good would leave its work undone for ever. The sweep asks again, through the
 * outbox like the write did, for:
 * - the report of an undecided, active application whose latest report does not cover its feedback (the debrief
 *   would say `computing` for ever);
 * - the report of an undecided, active application computed by an older algorithm version (a deploy changed the
 *   rules: an open debrief gets the corrected recommendation; at most `limit` per sweep, so a deploy does not flood
 *   the queue; decided applications keep the report they were decided on);
 * - the send of an email still pending (or stuck in sending) whose job BullMQ no longer holds.
 * Only once the grace period has passed and no request for the same work waits in the outbox; asking twice is
 * harmless (jobs are idempotent, and BullMQ de-duplicates them by the same keys).
 */
@Injectable()
export class JobSweepService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: CalibrationReportsRepository,
    private readonly emails: EmailDeliveriesRepository,
    private readonly outbox: OutboxService,
  ) {}

  /** Where the last sweep's look for outdated reports stopped (this process's; a cursor, not a record of work). */
  private outdatedAfter: string | null = null;

  /**
   * Up to `limit` applications whose report an older algorithm computed, continuing after the last sweep's and
   * wrapping round: if some can never be recomputed (the engine rejects their state), they are asked for once a round
   * instead of filling every sweep.
   */
  private async outdatedReports(manager: EntityManager, algorithmVersion: string, limit: number, organizationId?: string): Promise<PanelRef[]> {
    const look = (afterApplicationId: string | null, max: number) =>
      this.reports.otherAlgorithmApplications(manager, { algorithmVersion, limit: max, organizationId, afterApplicationId });
    const rows = await look(this.outdatedAfter, limit);
    if (rows.length < limit && this.outdatedAfter !== null) {
      const seen = new Set(rows.map((r) => r.applicationId));
      rows.push(...(await look(null, limit - rows.length)).filter((r) => !seen.has(r.applicationId)));
    }
    this.outdatedAfter = rows.length === limit ? rows[rows.length - 1].applicationId : null;
    return rows
      .filter((row) => isOlderAlgorithm(row.algorithmVersion, algorithmVersion))
      .map(({ organizationId: org, applicationId }) => ({ organizationId: org, applicationId }));
  }

  sweep(options: JobSweepOptions): Promise<JobSweepResult> {
    const limit = options.limit ?? 1000;
    const alive = options.emailJobAlive ?? (async () => false);
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [SWEEP_LOCK]);
      if (!locked) return { ran: false, reports: [], outdated: [], emails: [] };

      const reports = await this.reports.staleApplications(manager, {
        settledForSeconds: options.settledForSeconds,
        changedWithinHours: options.changedWithinHours ?? 24 * 30,
        limit,
        organizationId: options.organizationId,
      });
      const outdated = await this.outdatedReports(manager, options.algorithmVersion ?? ALGORITHM_VERSION, limit, options.organizationId);
      // Disjoint: a latest report either covers the feedback as it is or does not.
      for (const ref of [...reports, ...outdated])
        await this.outbox.enqueue(manager, panelAggregationRequest(ref.organizationId, ref.applicationId, { deduplicated: true }));

      const emails: string[] = [];
      const unsent = await this.emails.unsent(manager, {
        settledForSeconds: options.settledForSeconds,
        limit,
        organizationId: options.organizationId,
      });
      for (const delivery of unsent) {
        if (await alive(delivery.deliveryId)) continue;
        await this.outbox.enqueue(manager, sendEmailRequest(delivery.organizationId, delivery.deliveryId));
        emails.push(delivery.deliveryId);
      }
      return { ran: true, reports, outdated, emails };
    });
  }
}
