/** PostgreSQL SQLSTATE codes the service reacts to. */
export const PgErrorCode = {
  UniqueViolation: '23505',
  ForeignKeyViolation: '23503',
  CheckViolation: '23514',
  NotNullViolation: '23502',
  InvalidTextRepresentation: '22P02',
  InvalidDatetimeFormat: '22007',
  DatetimeFieldOverflow: '22008',
  /** Text PostgreSQL cannot store, e.g. U+0000 in a text column. */
  CharacterNotInRepertoire: '22021',
  /** The same in jsonb: a \u0000 escape. */
  UntranslatableCharacter: '22P05',
  StringDataRightTruncation: '22001',
  NumericValueOutOfRange: '22003',
  SerializationFailure: '40001',
  DeadlockDetected: '40P01',
  RaiseException: 'P0001',
} as const;

export function pgErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export function pgConstraint(error: unknown): string | undefined {
  const e = error as { constraint?: string; driverError?: { constraint?: string } };
  return e?.driverError?.constraint ?? e?.constraint;
}

/**
 * TypeORM releases a transaction's query runner when its connection emits an error (e.g. the server terminated it);
 * the transaction's next query then fails with one of these instead of a connection error.
 */
const RELEASED_CONNECTION_ERRORS = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

/** True for errors that mean "the database is not reachable right now" rather than "the query is wrong". */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof Error && RELEASED_CONNECTION_ERRORS.has(error.name)) return true;
  const e = error as { code?: string; message?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  if (code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08001', '08004', '53300'].includes(code)) {
    return true;
  }
  const message = String(e?.message ?? '');
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error|the database system is (starting up|shutting down)/i.test(
    message,
  );
}
