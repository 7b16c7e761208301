/** Payloads carry ids only; processors re-read state, so a redelivered or duplicated job is harmless. */
export const JobName = {
  AggregatePanel: 'aggregate-panel',
  RecomputeCalibration: 'recompute-calibration',
  ScanReminders: 'scan-reminders',
  DeliverWebhook: 'deliver-webhook',
  SendEmail: 'send-email',
  Ping: 'ping',
  PurgeExpired: 'purge-expired',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

export interface PanelAggregationJobData {
  organizationId: string;
  applicationId: string;
}

export interface InterviewerCalibrationJobData {
  /** Null: every organization (the nightly run). */
  organizationId: string | null;
  reason: 'nightly' | 'decision' | 'manual';
}

/** Fixed job id: at most one pending aggregation per application. */
export function panelAggregationJobId(applicationId: string): string {
  return `aggregate:${applicationId}`;
}
