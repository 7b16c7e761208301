import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@hireloop/config';
import { redisConnectionFromUrl } from '@hireloop/queue';
import { RateLimitedError } from '@hireloop/core';

export type AuthAction =
  | 'login'
  | 'signup'
  | 'accept-invite'
  | 'verify-email'
  | 'password-reset'
  | 'password-reset-confirm'
  | 'change-password'
  | 'change-email'
  | 'email-change-confirm';

/** What an attempt is counted against: the account it names (email, or the invite token) and the client address. */
export interface AuthAttempt {
  action: AuthAction;
  /** Lower-cased email, the invite token, or the signed-in user (`user:<id>`); null when the request names none. */
  subject: string | null;
  address: string;
}

/**
 * Limits on sign-in style requests, kept in Redis so that every API process shares them: per account (action +
 * email, or the invite token) LOGIN_THROTTLE_LIMIT per window — the right password then also waits, so guessing
 * through many addresses gains nothing — and per client address LOGIN_THROTTLE_ADDRESS_LIMIT over all accounts
 * (password spraying). Accepting invites is counted per token, so an office behind one address is not one bucket.
 * When Redis is unreachable each process falls back to the same limits in memory.
 */
@Injectable()
export class AuthRateLimitService implements OnModuleDestroy {
  private readonly logger = new Logger(AuthRateLimitService.name);
  private readonly redis: Redis;
  private readonly account: RateLimiterRedis;
  private readonly address: RateLimiterRedis;
  private lastWarnAt = 0;

  constructor(config: AppConfig) {
    this.redis = new Redis({
      ...(redisConnectionFromUrl(config.REDIS_URL) as object),
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      lazyConnect: false,
    } as never);
    this.redis.on('error', (error: Error) => {
      if (Date.now() - this.lastWarnAt < 30_000) return;
      this.lastWarnAt = Date.now();
      this.logger.warn(`rate limits fall back to memory (Redis: ${error.message})`);
    });
    const duration = Math.max(1, Math.ceil(config.LOGIN_THROTTLE_TTL_MS / 1000));
    const keyPrefix = `${config.QUEUE_PREFIX}:auth-limit`;
    const limiter = (name: string, points: number) =>
      new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${keyPrefix}:${name}`,
        points,
        duration,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${keyPrefix}:${name}`, points, duration }),
      });
    this.account = limiter('account', config.LOGIN_THROTTLE_LIMIT);
    this.address = limiter('address', config.LOGIN_THROTTLE_ADDRESS_LIMIT);
  }

  /** Counts the attempt; throws RateLimitedError (429, Retry-After) when the account or the address is over its limit. */
  async consume(attempt: AuthAttempt): Promise<void> {
    const checks: Promise<RateLimiterRes>[] = [this.address.consume(attempt.address)];
    if (attempt.subject) checks.push(this.account.consume(`${attempt.action}:${hashKey(attempt.subject)}`));
    const results = await Promise.allSettled(checks);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
    if (refused.length === 0) return;
    const waits = refused.filter((r): r is RateLimiterRes => r instanceof RateLimiterRes).map((r) => r.msBeforeNext);
    if (waits.length === 0) throw refused[0]; // not a limit: an unexpected error
    throw new RateLimitedError(
      429,
      Math.max(1, Math.ceil(Math.max(...waits) / 1000)),
      'too_many_requests',
      'Too many attempts; wait and try again (see Retry-After).',
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}

/** Keys never hold an email or token in clear. */
function hashKey(subject: string): string {
  return createHash('sha256').update(subject).digest('base64url').slice(0, 32);
}
