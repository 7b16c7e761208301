/** The validity report of quality of hire (issue 15): aliases of the generated contract. */
import type { components } from './schema';

type Schemas = components['schemas'];

export type ValidityReport = Schemas['ValidityReportResponseDto'];
export type ValidityReportStatus = ValidityReport['status'];
export type ValidityPredictor = Schemas['ValidityPredictorDto'];
export type PredictorKind = ValidityPredictor['kind'];
export type ValidityOutcome = Schemas['ValidityOutcomeDto'];
export type ValidityCell = Schemas['ValidityCellDto'];
export type Interval = Schemas['CorrelationIntervalDto'];
export type ScatterPoint = Schemas['ValidityScatterPointDto'];
export type SurvivalPoint = Schemas['RetentionPointDto'];
export type RetentionGroup = Schemas['RetentionGroupDto'];
export type LogRank = Schemas['LogRankDto'];
export type Retention = Schemas['RetentionDto'];
/** 202 answer of POST /v1/quality-of-hire/reports: the queued report. */
export type ValidityReportQueued = ValidityReport;
/** The interviewer calibration's field: their ratings' correlation with outcomes, shrunk to the organization's. */
export type InterviewerOutcomeValidity = Schemas['OutcomeValidityDto'];
