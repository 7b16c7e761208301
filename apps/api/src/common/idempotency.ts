import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppError, IDEMPOTENCY_HEADER, IdempotentResult } from '@hireloop/core';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/**
 * The `Idempotency-Key` header, validated: 1–200 visible ASCII characters. Absent → undefined.
 * A malformed key is a 400 naming the header, so a client never believes a request was protected when it was not.
 */
export const IdempotencyKey = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => {
  const headers = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers;
  const raw = headers[IDEMPOTENCY_HEADER.toLowerCase()];
  if (raw === undefined) return undefined;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!KEY_PATTERN.test(value ?? '')) {
    throw AppError.invalid(IDEMPOTENCY_HEADER, `${IDEMPOTENCY_HEADER} must be 1–200 visible ASCII characters`, 'invalid_idempotency_key');
  }
  return value;
});

/** Sets the status (the stored one on a replay) and marks replays with `Idempotent-Replayed: true`. */
export function sendIdempotent<T>(reply: FastifyReply, result: IdempotentResult<T>): T {
  void reply.status(result.statusCode);
  if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
  return result.body;
}
