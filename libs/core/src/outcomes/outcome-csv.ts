import type { FieldError } from '../common/app-error';
import { isUuid } from '../common/uuid';
import type { OutcomeValues } from './outcomes.repository';
import { validateOutcome } from './outcome-rules';
import type { PerformanceScale } from './performance-scale';

/**
 * The documented header of an outcome import. A row names its application either by `application_id`, or by
 * `candidate_email` + `role` (the role's id or its exact title). Other columns as for POST .../outcomes.
 */
export const OUTCOME_CSV_COLUMNS = [
  'application_id',
  'candidate_email',
  'role',
  'kind',
  'review_point',
  'rating',
  'days',
  'departure_type',
  'date',
] as const;
export type OutcomeCsvColumn = (typeof OUTCOME_CSV_COLUMNS)[number];

const FIELD_TO_COLUMN: Record<string, OutcomeCsvColumn> = {
  kind: 'kind',
  reviewPoint: 'review_point',
  rating: 'rating',
  days: 'days',
  departureType: 'departure_type',
  date: 'date',
};

const INTEGER = /^[+-]?\d+$/;

export interface CsvHeader {
  /** Column name → index in each record. */
  index: Map<OutcomeCsvColumn, number>;
  width: number;
}

/** Problems with the header: unknown columns (likely typos), repeated ones, and what is missing. Empty = usable. */
export function readHeader(record: string[]): { header: CsvHeader } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const index = new Map<OutcomeCsvColumn, number>();
  record.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!(OUTCOME_CSV_COLUMNS as readonly string[]).includes(name)) {
      errors.push({
        field: `header.${i + 1}`,
        message: `unknown column "${raw.slice(0, 60)}"; the columns are: ${OUTCOME_CSV_COLUMNS.join(', ')}`,
        code: 'unknown_column',
      });
    } else if (index.has(name as OutcomeCsvColumn)) {
      errors.push({ field: `header.${i + 1}`, message: `column ${name} appears twice`, code: 'duplicate_column' });
    } else index.set(name as OutcomeCsvColumn, i);
  });
  if (!index.has('kind')) errors.push({ field: 'header', message: 'the kind column is required', code: 'missing_column' });
  if (!index.has('application_id') && !(index.has('candidate_email') && index.has('role'))) {
    errors.push({
      field: 'header',
      message: 'name the application: an application_id column, or candidate_email and role columns',
      code: 'missing_column',
    });
  }
  return errors.length ? { errors } : { header: { index, width: record.length } };
}

export interface CsvRowError {
  row: number;
  column: OutcomeCsvColumn | null;
  reason: string;
}

export interface CsvOutcomeRow {
  row: number;
  applicationId: string | null;
  candidateEmail: string | null;
  role: string | null;
  values: OutcomeValues;
}

/** One data record (row 1 = the first line after the header) → a typed row, or its errors (every one found). */
export function readRecord(
  header: CsvHeader,
  record: string[],
  row: number,
  scale: PerformanceScale,
): { row: CsvOutcomeRow } | { errors: CsvRowError[] } {
  if (record.length !== header.width) {
    return { errors: [{ row, column: null, reason: `expected ${header.width} fields, found ${record.length}` }] };
  }
  const cell = (column: OutcomeCsvColumn): string | undefined => {
    const i = header.index.get(column);
    const value = i === undefined ? undefined : record[i].trim();
    return value === '' ? undefined : value;
  };
  const number = (column: OutcomeCsvColumn): unknown => {
    const value = cell(column);
    return value !== undefined && INTEGER.test(value) ? Number(value) : value;
  };
  const errors: CsvRowError[] = [];
  const applicationId = cell('application_id') ?? null;
  const candidateEmail = cell('candidate_email')?.toLowerCase() ?? null;
  const role = cell('role') ?? null;
  if (applicationId !== null && !isUuid(applicationId)) errors.push({ row, column: 'application_id', reason: 'not an application id (a UUID)' });
  if (applicationId === null) {
    if (candidateEmail === null)
      errors.push({ row, column: 'candidate_email', reason: 'either application_id or candidate_email and role is required' });
    else if (candidateEmail.length > 320 || !candidateEmail.includes('@'))
      errors.push({ row, column: 'candidate_email', reason: 'not an e-mail address' });
    if (role === null) errors.push({ row, column: 'role', reason: 'role is required with candidate_email' });
    else if (role.length > 200) errors.push({ row, column: 'role', reason: 'longer than 200 characters' });
  }
  const checked = validateOutcome(
    {
      kind: cell('kind'),
      reviewPoint: cell('review_point'),
      rating: number('rating'),
      days: number('days'),
      departureType: cell('departure_type'),
      date: cell('date'),
    },
    scale,
  );
  if ('errors' in checked) {
    for (const e of checked.errors) errors.push({ row, column: FIELD_TO_COLUMN[e.field] ?? null, reason: e.message });
  }
  if (errors.length || 'errors' in checked) return { errors };
  return { row: { row, applicationId, candidateEmail, role, values: checked.values } };
}
