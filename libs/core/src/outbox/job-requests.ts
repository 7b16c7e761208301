import { EntityManager } from 'typeorm';
import { JobName, panelAggregationJobId, QueueName } from '@hireloop/queue';
import { OutboxMessage, OutboxService } from './outbox.service';

/**
 * The one call site for "this application's report must be recomputed": used when a scorecard is submitted,
 * amended or withdrawn. Runs in the caller's transaction.
 */
export function requestPanelAggregation(outbox: OutboxService, manager: EntityManager, organizationId: string, applicationId: string): Promise<void> {
  return outbox.enqueue(manager, panelAggregationRequest(organizationId, applicationId));
}

/**
 * The outbox message of that request (the scorecard writes insert it with their own statement). `deduplicated`: the
 * relay must publish it as a de-duplicated job of its own, never inside an `aggregate-panels` job (the job sweep,
 * which may ask again while an earlier job still waits in a backlog).
 */
export function panelAggregationRequest(organizationId: string, applicationId: string, options: { deduplicated?: boolean } = {}): OutboxMessage {
  return {
    organizationId,
    queue: QueueName.PanelAggregation,
    jobName: JobName.AggregatePanel,
    payload: options.deduplicated ? { organizationId, applicationId, deduplicated: true } : { organizationId, applicationId },
    dedupeKey: panelAggregationJobId(applicationId),
  };
}

/** Interviewer leniency and role reliability must be recomputed (e.g. after a hiring decision). */
export function requestInterviewerCalibration(
  outbox: OutboxService,
  manager: EntityManager,
  organizationId: string,
  reason: 'decision' | 'manual',
): Promise<void> {
  return outbox.enqueue(manager, {
    organizationId,
    queue: QueueName.InterviewerCalibration,
    jobName: JobName.RecomputeCalibration,
    payload: { organizationId, reason },
    dedupeKey: `calibration:${organizationId}`,
  });
}
