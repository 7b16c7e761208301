import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppError, AuthContext, stableJson } from '@hireloop/core';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
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

/** A response of an idempotent operation: fresh, or replayed from the stored first response. */
export interface IdempotentResult<T> {
  statusCode: number;
  body: T;
  replayed: boolean;
}

/** sha256 of the request (key order does not matter). */
export function requestHash(request: unknown): string {
  return createHash('sha256').update(stableJson(request), 'utf8').digest('hex');
}

/**
 * Stores responses of requests sent with an `Idempotency-Key`, per (organization, member, scope, key), in the
 * transaction of the write itself: the key is claimed first (a concurrent request with the same key waits on the
 * claim, then replays), the response is stored before commit, and a failed request rolls its claim back, so it may be
 * retried with the same key. The same key with a different request is refused with 422 `idempotency_key_reuse`.
 */
@Injectable()
export class IdempotencyStore {
  async run<T>(
    manager: EntityManager,
    auth: AuthContext,
    key: string | undefined,
    scope: string,
    request: unknown,
    statusCode: number,
    work: () => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    if (key === undefined) return { statusCode, body: await work(), replayed: false };
    const hash = requestHash(request);
    const claimed: unknown[] = await manager.query(
      `INSERT INTO idempotency_keys (organization_id, member_id, scope, key, request_hash, status_code, response)
       VALUES ($1, $2, $3, $4, $5, 0, 'null'::jsonb)
       ON CONFLICT (organization_id, member_id, scope, key) DO NOTHING
       RETURNING key`,
      [auth.organizationId, auth.memberId, scope, key, hash],
    );
    if (claimed.length === 0) {
      const [stored] = await manager.query(
        `SELECT request_hash AS "requestHash", status_code AS "statusCode", response FROM idempotency_keys
          WHERE organization_id = $1 AND member_id = $2 AND scope = $3 AND key = $4`,
        [auth.organizationId, auth.memberId, scope, key],
      );
      if (stored.requestHash !== hash) {
        throw AppError.unprocessable('idempotency_key_reuse', `This ${IDEMPOTENCY_HEADER} was already used for a different request; use a new key.`, [
          { field: IDEMPOTENCY_HEADER, message: 'already used for a different request', code: 'idempotency_key_reuse' },
        ]);
      }
      return { statusCode: stored.statusCode, body: stored.response as T, replayed: true };
    }
    const body = await work();
    await manager.query(
      `UPDATE idempotency_keys SET status_code = $5, response = $6::jsonb
        WHERE organization_id = $1 AND member_id = $2 AND scope = $3 AND key = $4`,
      [auth.organizationId, auth.memberId, scope, key, statusCode, JSON.stringify(body)],
    );
    return { statusCode, body, replayed: false };
  }
}

/** Sets the status (the stored one on a replay) and marks replays with `Idempotent-Replayed: true`. */
export function sendIdempotent<T>(reply: FastifyReply, result: IdempotentResult<T>): T {
  void reply.status(result.statusCode);
  if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
  return result.body;
}
