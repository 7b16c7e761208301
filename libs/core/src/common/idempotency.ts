import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { stableJson } from '../scorecards/scorecard-content';
import { AppError } from './app-error';
import type { AuthContext } from './auth-context';

/** The request header that carries the key (read and validated by the API's `IdempotencyKey` decorator). */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** A response of an idempotent operation: fresh, or replayed from the stored first response. */
export interface IdempotentResult<T> {
  statusCode: number;
  body: T;
  replayed: boolean;
}

/** A stored response with its key, in the columns' own names. */
export interface StoredResponse {
  member_id: string;
  scope: string;
  key: string;
  response: unknown;
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

  /** Stored responses that name one of these applications (copies of their scorecards), locked for rewriting. */
  lockResponsesForApplications(manager: EntityManager, organizationId: string, applicationIds: string[]): Promise<StoredResponse[]> {
    return manager.query(
      `SELECT member_id, scope, key, response FROM idempotency_keys
        WHERE organization_id = $1 AND jsonb_typeof(response) = 'object' AND response->>'applicationId' = ANY($2::text[])
        ORDER BY member_id, scope, key FOR UPDATE`,
      [organizationId, applicationIds],
    );
  }

  /** Rewrites a stored response in place (a late retry replays the new one). */
  async replaceResponse(manager: EntityManager, organizationId: string, stored: Omit<StoredResponse, 'response'>, response: unknown): Promise<void> {
    await manager.query(
      `UPDATE idempotency_keys SET response = $5::jsonb WHERE organization_id = $1 AND member_id = $2 AND scope = $3 AND key = $4`,
      [organizationId, stored.member_id, stored.scope, stored.key, JSON.stringify(response)],
    );
  }
}
