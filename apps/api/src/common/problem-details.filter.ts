import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, AppErrorKind, FieldError, isProblemCode, ProblemCode, RateLimitedError } from '@hireloop/core';
import { isDatabaseUnavailable, PgErrorCode, pgErrorCode } from '@hireloop/database';
import { fieldErrorsInWords } from './field-messages';
import { sendWebAppForPage } from './web-app';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://hireloop.dev/problems/';

const KIND_STATUS: Record<AppErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  precondition_failed: 412,
  too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  unavailable: 503,
};

const STATUS_TITLE: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Maps any error to RFC 9457 problem+json. Unknown errors become a logged 500 that reveals nothing. */
export function toProblem(error: unknown, logger: Logger, instance?: string): ProblemDetails {
  if (error instanceof AppError) {
    const status = KIND_STATUS[error.kind];
    return problem(status, error.code, error.message, instance, {
      errors: error.errors.length ? fieldErrorsInWords(error.errors) : undefined,
      ...error.extensions,
    });
  }
  if (error instanceof RateLimitedError) {
    return problem(error.status, error.code, error.message, instance, { retryAfter: error.retryAfterSeconds });
  }
  if (error instanceof ThrottlerException) {
    return problem(429, 'too_many_requests', 'Too many attempts; wait a minute and try again.', instance);
  }
  if (isMalformedJson(error)) {
    return problem(400, 'invalid_json', 'The request body is not valid JSON.', instance);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse() as { message?: unknown; errors?: FieldError[]; code?: string } | string;
    if (typeof body === 'object' && Array.isArray(body.errors)) {
      return problem(
        status,
        body.code && isProblemCode(body.code) ? body.code : 'validation_failed',
        String(body.message ?? 'The request has invalid fields.'),
        instance,
        { errors: fieldErrorsInWords(body.errors) },
      );
    }
    const message = typeof body === 'string' ? body : Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? error.message);
    return problem(status, codeForStatus(status), message, instance);
  }
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError?.code === 'string' && fastifyError.code.startsWith('FST_') && fastifyError.statusCode && fastifyError.statusCode < 500) {
    const status = fastifyError.statusCode;
    const detail =
      fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/i.test(fastifyError.message ?? '')
        ? 'The request body is not valid JSON.'
        : status === 413
          ? 'The request body is larger than the service accepts.'
          : (fastifyError.message ?? STATUS_TITLE[status] ?? 'Bad request');
    return problem(status, status === 413 ? 'payload_too_large' : codeForStatus(status), detail, instance);
  }
  if (error instanceof SyntaxError && /JSON/.test(error.message)) {
    return problem(400, 'invalid_json', 'The request body is not valid JSON.', instance);
  }
  if (isDatabaseUnavailable(error)) {
    logger.warn(`database unavailable: ${(error as Error).message}`);
    return problem(503, 'database_unavailable', 'The database is unavailable; try again shortly.', instance);
  }
  const pgCode = pgErrorCode(error);
  if (
    pgCode === PgErrorCode.InvalidTextRepresentation ||
    pgCode === PgErrorCode.InvalidDatetimeFormat ||
    pgCode === PgErrorCode.DatetimeFieldOverflow
  ) {
    return problem(400, 'invalid_value', 'A value in the request has the wrong format.', instance);
  }
  if (pgCode === PgErrorCode.CharacterNotInRepertoire || pgCode === PgErrorCode.UntranslatableCharacter) {
    return problem(400, 'invalid_character', 'Text in the request contains a character that cannot be stored (such as U+0000).', instance);
  }
  if (pgCode === PgErrorCode.SerializationFailure || pgCode === PgErrorCode.DeadlockDetected) {
    return problem(409, 'concurrent_update', 'The resource was changed at the same time by another request; retry.', instance);
  }
  if (pgCode === PgErrorCode.StringDataRightTruncation || pgCode === PgErrorCode.NumericValueOutOfRange) {
    return problem(400, 'value_out_of_range', 'A value in the request is too long or out of range.', instance);
  }
  logger.error({ err: errorForLog(error) }, 'unhandled error');
  return problem(500, 'internal_error', 'Something went wrong on our side. It has been logged.', instance);
}

/**
 * What of an unhandled error goes to the log. A database error carries the request's values (TypeORM's
 * `parameters`, the driver's `detail` such as "Key (email)=(…)", `where`, and messages like `invalid input syntax
 * for type uuid: "…"`): only its SQLSTATE, constraint, table, column, routine and the parameterised SQL are kept.
 */
export function errorForLog(error: unknown): Record<string, unknown> {
  const e = (error ?? {}) as Record<string, unknown> & { driverError?: Record<string, unknown> };
  const driver = (e.driverError ?? e) as Record<string, unknown>;
  const sqlState = typeof driver.code === 'string' && /^[0-9A-Z]{5}$/.test(driver.code) ? driver.code : undefined;
  if (e.driverError !== undefined || sqlState !== undefined || (e as object).constructor?.name === 'QueryFailedError') {
    const pick = (key: string) => (typeof driver[key] === 'string' ? (driver[key] as string) : undefined);
    return {
      type: (e as { name?: string }).name ?? 'DatabaseError',
      code: sqlState,
      constraint: pick('constraint'),
      table: pick('table'),
      column: pick('column'),
      routine: pick('routine'),
      query: typeof e.query === 'string' ? (e.query as string).slice(0, 2000) : undefined,
    };
  }
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  return { type: typeof error };
}

function isMalformedJson(error: unknown): boolean {
  const e = error as { code?: string; message?: string; statusCode?: number };
  if (e?.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return true;
  const status = error instanceof HttpException ? error.getStatus() : e?.statusCode;
  return (status === 400 || error instanceof SyntaxError) && /JSON/.test(String(e?.message ?? ''));
}

function problem(status: number, code: ProblemCode, detail: string, instance?: string, extensions: Record<string, unknown> = {}): ProblemDetails {
  const body: ProblemDetails = { type: `${TYPE_BASE}${code}`, title: STATUS_TITLE[status] ?? 'Error', status, detail, code };
  if (instance) body.instance = instance;
  for (const [key, value] of Object.entries(extensions)) if (value !== undefined) body[key] = value;
  return body;
}

function codeForStatus(status: number): ProblemCode {
  switch (status) {
    case HttpStatus.BAD_REQUEST:
      return 'bad_request';
    case HttpStatus.UNAUTHORIZED:
      return 'unauthorized';
    case HttpStatus.FORBIDDEN:
      return 'forbidden';
    case HttpStatus.NOT_FOUND:
      return 'not_found';
    case HttpStatus.METHOD_NOT_ALLOWED:
      return 'method_not_allowed';
    case HttpStatus.CONFLICT:
      return 'conflict';
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return 'payload_too_large';
    case HttpStatus.UNSUPPORTED_MEDIA_TYPE:
      return 'unsupported_media_type';
    case HttpStatus.TOO_MANY_REQUESTS:
      return 'too_many_requests';
    case HttpStatus.SERVICE_UNAVAILABLE:
      return 'service_unavailable';
    default:
      return status >= 500 ? 'internal_error' : 'error';
  }
}

export function sendProblem(reply: FastifyReply, body: ProblemDetails): void {
  void reply.status(body.status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    if (exception instanceof HttpException && exception.getStatus() === 404 && sendWebAppForPage(request, reply)) return;
    if (exception instanceof RateLimitedError) void reply.header('retry-after', String(exception.retryAfterSeconds));
    sendProblem(reply, toProblem(exception, this.logger, request?.url?.split('?')[0]));
  }
}
