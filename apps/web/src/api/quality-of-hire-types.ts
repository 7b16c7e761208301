/**
 * The validity report of quality of hire (issue 15), written by hand from the API agreed with the backend until its
 * DTOs are in openapi.json; at merge these become aliases of the generated schema types (same names, same shape).
 */
export type ValidityReportStatus = 'queued' | 'running' | 'done' | 'failed';
export type PredictorKind = 'panel_score' | 'raw_score' | 'dimension' | 'round' | 'recommendation';

export interface Interval {
  low: number;
  high: number;
}

export interface ValidityPredictor {
  key: string;
  label: string;
  kind: PredictorKind;
}

export interface ValidityOutcome {
  key: string;
  label: string;
}

export interface ValidityCell {
  predictorKey: string;
  outcomeKey: string;
  /** not_enough_data: fewer than minN pairs; undefined: no spread to correlate (e.g. every rating the same). */
  status: 'not_enough_data' | 'undefined' | 'estimated';
  n: number;
  pearson: number | null;
  spearman: number | null;
  interval: Interval | null;
  intervalMethod: 'fisher_z' | 'bootstrap' | null;
  /** Corrected for range restriction (only hires have outcomes). */
  corrected: number | null;
  correctedInterval: Interval | null;
  verdict: 'predictive' | 'not_predictive' | null;
}

export interface ScatterPoint {
  applicationId: string;
  panelScore: number;
  rating: number;
}

export interface SurvivalPoint {
  day: number;
  survival: number;
  low: number;
  high: number;
}

export interface RetentionGroup {
  key: 'hire' | 'hired_despite';
  label: string;
  n: number;
  events: number;
  curve: SurvivalPoint[];
}

export interface LogRank {
  chiSquare: number;
  df: number;
  pValue: number;
}

export interface Retention {
  groups: RetentionGroup[];
  logRank: LogRank | null;
  status: 'not_enough_data' | 'estimated';
}

export interface ValidityReport {
  id: string;
  version: number;
  roleId: string | null;
  status: ValidityReportStatus;
  computedAt: string | null;
  /** Fewest pairs a correlation is estimated from. */
  minN: number;
  hires: number;
  assessed: number;
  predictors: ValidityPredictor[];
  outcomes: ValidityOutcome[];
  cells: ValidityCell[];
  scatter: ScatterPoint[];
  retention: Retention;
}

/** 202 answer of POST /v1/quality-of-hire/reports (the API answers the whole queued report; these are the fields read). */
export interface ValidityReportQueued {
  id: string;
  status: ValidityReportStatus;
  roleId: string | null;
  version: number;
}

/** The interviewer calibration's additive field: their ratings' correlation with outcomes, shrunk to the organization's. */
export interface InterviewerOutcomeValidity {
  /** no_report: no organization-wide validity report is done yet; not_enough_data: every figure null. */
  status: 'no_report' | 'not_enough_data' | 'estimated';
  n: number;
  r: number | null;
  shrunk: number | null;
  organizationR: number | null;
  interval: Interval | null;
  minN: number | null;
  computedAt: string | null;
}
