import type { CsvRowError } from './outcome-csv';
import type { OutcomeImportRow } from './outcome-imports.repository';
import type { OutcomeEntity } from './outcome.entity';
import type { PerformanceScale } from './performance-scale';

/** One outcome as the API answers it (the API's `OutcomeResponseDto` has this shape). */
export interface OutcomeView {
  id: string;
  applicationId: string;
  kind: string;
  reviewPoint: string | null;
  rating: number | null;
  ratingLabel: string | null;
  days: number | null;
  departureType: string | null;
  date: string | null;
  recordedByMemberId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OutcomesView {
  scale: PerformanceScale;
  items: OutcomeView[];
}

/** An outcome import's progress as the API answers it (the API's `OutcomeImportResponseDto` has this shape). */
export interface OutcomeImportView {
  id: string;
  status: string;
  dryRun: boolean;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  rowsWritten: number;
  rowsUnchanged: number;
  errors: { row: number; column: string | null; reason: string }[];
  errorsTotal: number;
  fileSha256: string;
  createdAt: string;
  finishedAt: string | null;
}

export function outcomeView(o: OutcomeEntity, scale: PerformanceScale): OutcomeView {
  return {
    id: o.id,
    applicationId: o.applicationId,
    kind: o.kind,
    reviewPoint: o.reviewPoint,
    rating: o.rating,
    ratingLabel: o.rating === null ? null : (scale.labels[String(o.rating)] ?? null),
    days: o.days,
    departureType: o.departureType,
    date: o.occurredOn,
    recordedByMemberId: o.recordedByMemberId,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export function outcomeImportView(upload: OutcomeImportRow, errors: CsvRowError[], errorsTotal: number): OutcomeImportView {
  return {
    id: upload.id,
    status: upload.status,
    dryRun: upload.dryRun,
    rowsRead: upload.rowsRead,
    rowsAccepted: upload.rowsAccepted,
    rowsRejected: upload.rowsRejected,
    rowsWritten: upload.rowsWritten,
    rowsUnchanged: upload.rowsUnchanged,
    errors: errors.map((e) => ({ row: e.row, column: e.column, reason: e.reason })),
    errorsTotal,
    fileSha256: upload.fileSha256,
    createdAt: new Date(upload.createdAt).toISOString(),
    finishedAt: upload.finishedAt ? new Date(upload.finishedAt).toISOString() : null,
  };
}
