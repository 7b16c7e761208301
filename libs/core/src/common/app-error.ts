import { ProblemCode } from './problem-codes';

/**
 * Domain errors. Services throw these; one exception filter (apps/api/src/common/problem-details.filter.ts)
 * turns them into RFC 9457 problem+json. `code` is stable and machine-readable: one of the catalogue in
 * problem-codes.ts (add a new code there, with its status and meaning, before throwing it).
 */
export type AppErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'precondition_failed'
  | 'too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'unavailable';

export interface FieldError {
  /** Dotted path of the offending field in the request, e.g. `ratings.0.rating`. */
  field: string;
  message: string;
  code?: string;
}

export class AppError extends Error {
  constructor(
    readonly kind: AppErrorKind,
    readonly code: ProblemCode,
    message: string,
    readonly errors: FieldError[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  static notFound(entity: NotFoundEntity, id?: string): AppError {
    return new AppError('not_found', NOT_FOUND_CODES[entity], id ? `${entity} ${id} was not found.` : `${entity} was not found.`);
  }

  static forbidden(code: ProblemCode, message: string): AppError {
    return new AppError('forbidden', code, message);
  }

  static conflict(code: ProblemCode, message: string, extensions: Record<string, unknown> = {}): AppError {
    return new AppError('conflict', code, message, [], extensions);
  }

  /** The resource existed but is no longer usable (a used or expired one-time link). */
  static gone(code: ProblemCode, message: string): AppError {
    return new AppError('gone', code, message);
  }

  /** The request body is larger than the route accepts. */
  static tooLarge(message: string): AppError {
    return new AppError('too_large', 'payload_too_large', message);
  }

  /** The request body has a content type (or form) the route does not accept. */
  static unsupportedMediaType(message: string): AppError {
    return new AppError('unsupported_media_type', 'unsupported_media_type', message);
  }

  static invalid(field: string, message: string, code = 'invalid'): AppError {
    return new AppError('validation', 'validation_failed', message, [{ field, message, code }]);
  }

  static invalidFields(errors: FieldError[], message = 'The request has invalid fields.'): AppError {
    return new AppError('validation', 'validation_failed', message, errors);
  }

  static unprocessable(code: ProblemCode, message: string, errors: FieldError[] = []): AppError {
    return new AppError('unprocessable', code, message, errors);
  }
}

/** The entities `AppError.notFound` names, and the code each answers with (`<entity in snake_case>_not_found`). */
const NOT_FOUND_CODES = {
  Application: 'application_not_found',
  'Calendar feed': 'calendar_feed_not_found',
  Candidate: 'candidate_not_found',
  Decision: 'decision_not_found',
  Dimension: 'dimension_not_found',
  Interview: 'interview_not_found',
  Interviewer: 'interviewer_not_found',
  Job: 'job_not_found',
  'Loop version': 'loop_version_not_found',
  Member: 'member_not_found',
  Notification: 'notification_not_found',
  Organization: 'organization_not_found',
  Question: 'question_not_found',
  Queue: 'queue_not_found',
  Role: 'role_not_found',
  'Validity report': 'validity_report_not_found',
  'Role template': 'role_template_not_found',
  Round: 'round_not_found',
  Scorecard: 'scorecard_not_found',
  Session: 'session_not_found',
  Outcome: 'outcome_not_found',
  'Outcome import': 'outcome_import_not_found',
  'Self-identification': 'self_identification_not_found',
  'Self-identification link': 'self_identification_link_not_found',
} as const satisfies Record<string, ProblemCode>;

export type NotFoundEntity = keyof typeof NOT_FOUND_CODES;
