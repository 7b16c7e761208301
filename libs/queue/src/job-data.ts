/** Payloads carry ids only; processors re-read state, so a redelivered or duplicated job is harmless. */
export const JobName = {
  AggregatePanel: 'aggregate-panel',
  AggregatePanels: 'aggregate-panels',
  RecomputeCalibration: 'recompute-calibration',
  ScanReminders: 'scan-reminders',
  DeliverWebhook: 'deliver-webhook',
  SendEmail: 'send-email',
  Ping: 'ping',
  PurgeExpired: 'purge-expired',
  ProcessOutcomeImport: 'process-outcome-import',
  ComputeValidityReport: 'compute-validity-report',
  ComputeValidityReports: 'compute-validity-reports',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

export interface PanelAggregationJobData {
  organizationId: string;
  applicationId: string;
}

/**
 * Several applications of one organization whose reports must be recomputed: what the outbox relay makes of the
 * `aggregate-panel` requests of several applications claimed in one pass (a burst), instead of one job each.
 */
export interface PanelsAggregationJobData {
  organizationId: string;
  applicationIds: string[];
}

/** Most applications the relay puts in one `aggregate-panels` job. */
export const MAX_APPLICATIONS_PER_AGGREGATION_JOB = 100;

export interface InterviewerCalibrationJobData {
  /** Null: every organization (the nightly run). */
  organizationId: string | null;
  reason: 'nightly' | 'decision' | 'manual';
}

/** Fixed job id: at most one pending aggregation per application. */
export function panelAggregationJobId(applicationId: string): string {
  return `aggregate:${applicationId}`;
}

/** An uploaded outcome import to check and apply (issue 15). The rows are in outcome_import_rows. */
export interface OutcomeImportJobData {
  organizationId: string;
  importId: string;
}
