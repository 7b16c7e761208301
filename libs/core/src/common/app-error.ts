/**
 * Domain errors. Services throw these; one exception filter (apps/api/src/common/problem-details.filter.ts)
 * turns them into RFC 9457 problem+json. `code` is stable and machine-readable.
 */
export type AppErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'precondition_failed'
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
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  static notFound(entity: string, id?: string): AppError {
    return new AppError('not_found', `${snake(entity)}_not_found`, id ? `${entity} ${id} was not found.` : `${entity} was not found.`);
  }

  static forbidden(code: string, message: string): AppError {
    return new AppError('forbidden', code, message);
  }

  static conflict(code: string, message: string, extensions: Record<string, unknown> = {}): AppError {
    return new AppError('conflict', code, message, [], extensions);
  }

  /** The resource existed but is no longer usable (a used or expired one-time link). */
  static gone(code: string, message: string): AppError {
    return new AppError('gone', code, message);
  }

  static invalid(field: string, message: string, code = 'invalid'): AppError {
    return new AppError('validation', 'validation_failed', message, [{ field, message, code }]);
  }

  static invalidFields(errors: FieldError[], message = 'The request has invalid fields.'): AppError {
    return new AppError('validation', 'validation_failed', message, errors);
  }

  static unprocessable(code: string, message: string, errors: FieldError[] = []): AppError {
    return new AppError('unprocessable', code, message, errors);
  }
}

function snake(value: string): string {
  return value.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/\s+/g, '_').toLowerCase();
}
