import { readHeader, readRecord, type CsvHeader } from './outcome-csv';
import { DEFAULT_PERFORMANCE_SCALE } from './performance-scale';

const HEADER = ['application_id', 'candidate_email', 'role', 'kind', 'review_point', 'rating', 'days', 'departure_type', 'date'];
const header = (): CsvHeader => {
  const read = readHeader(HEADER);
  if ('errors' in read) throw new Error('header refused');
  return read.header;
};
const APP = '3f2b1c4d-5e6f-4a1b-8c2d-9e0f1a2b3c4d';

describe('outcome CSV header', () => {
  it.each([
    [['kind', 'application_id'], null],
    [[' Kind ', 'CANDIDATE_EMAIL', 'role'], null],
    [['application_id', 'rating'], 'missing_column'],
    [['kind', 'candidate_email'], 'missing_column'],
    [['kind', 'application_id', 'bonus'], 'unknown_column'],
    [['kind', 'application_id', 'kind'], 'duplicate_column'],
  ])('%j → %s', (columns, code) => {
    const read = readHeader(columns as string[]);
    if (code === null) expect('header' in read).toBe(true);
    else expect('errors' in read && read.errors.map((e) => e.code)).toContain(code);
  });
});

describe('outcome CSV rows', () => {
  it('reads a rating by application id, lower-cases e-mails, leaves blanks out', () => {
    const byId = readRecord(header(), [APP, '', '', 'performance_rating', '12m', '4', '', '', '2026-06-30'], 1, DEFAULT_PERFORMANCE_SCALE);
    expect(byId).toEqual({
      row: {
        row: 1,
        applicationId: APP,
        candidateEmail: null,
        role: null,
        values: { kind: 'performance_rating', reviewPoint: '12m', rating: 4, days: null, departureType: null, occurredOn: '2026-06-30' },
      },
    });
    const byEmail = readRecord(
      header(),
      ['', 'Jane@Example.TEST', 'Engineer', 'time_to_productivity', '', '', '45', '', ''],
      2,
      DEFAULT_PERFORMANCE_SCALE,
    );
    expect('row' in byEmail && byEmail.row.candidateEmail).toBe('jane@example.test');
  });

  it.each([
    [['not-a-uuid', '', '', 'promotion', '', '', '', '', '2026-01-01'], 'application_id'],
    [['', '', '', 'promotion', '', '', '', '', '2026-01-01'], 'candidate_email'],
    [['', 'a@b.test', '', 'promotion', '', '', '', '', '2026-01-01'], 'role'],
    [[APP, '', '', 'performance_rating', '90d', '6', '', '', ''], 'rating'],
    [[APP, '', '', 'performance_rating', '90d', 'four', '', '', ''], 'rating'],
    [[APP, '', '', 'performance_rating', '1y', '3', '', '', ''], 'review_point'],
    [[APP, '', '', 'departure', '', '', '', 'quit', '2026-01-01'], 'departure_type'],
    [[APP, '', '', 'promotion', '', '', '', '', '01/02/2026'], 'date'],
    [[APP, '', '', 'raise', '', '', '', '', ''], 'kind'],
    [[APP, '', '', 'promotion'], null],
  ])('%j is rejected in column %s', (record, column) => {
    const read = readRecord(header(), record, 7, DEFAULT_PERFORMANCE_SCALE);
    expect('errors' in read).toBe(true);
    if ('errors' in read) {
      expect(read.errors.map((e) => e.column)).toContain(column);
      expect(read.errors.every((e) => e.row === 7 && e.reason.length > 0)).toBe(true);
    }
  });
});
