import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig, listenDatabaseUrl } from '@hireloop/config';
import { runWithScope } from '@hireloop/database';
import type { AuthContext } from '../common/auth-context';
import { membershipCacheLookups } from '../observability/metrics';
import { MEMBERSHIP_CHANNEL, MembershipChange, parseMembershipChange, RememberedMemberships } from './remembered-memberships';

const MAX_ENTRIES = 10_000;
/**
 * Every few seconds a ping is sent on the channel through the service's own pool, as changes are, and the listener must
 * hear it: each ping heard extends the lease of hearing to PING_INTERVAL_MS + PING_TIMEOUT_MS after it was sent. So a
 * connection that stopped answering (a silent network partition), a listener behind a transaction-mode pooler
 * (DATABASE_LISTEN_URL naming the pooler) or a stalled pool cannot pass for one that hears nothing because nothing changed: at
 * worst, answers from memory stop 8 s after the last proof of hearing.
 */
const PING_INTERVAL_MS = 5_000;
const PING_TIMEOUT_MS = 3_000;
const LEASE_MS = PING_INTERVAL_MS + PING_TIMEOUT_MS;
/** The triggers that announce changes (migration MembershipChangeNotifications): without them nothing is heard. */
const ANNOUNCING_TRIGGERS = [
  'members_access_changed',
  'members_deleted',
  'members_truncated',
  'revoked_access_tokens_announced',
  'users_sessions_ended',
];

/**
 * Saves the membership check of an authenticated request its round trip to the database (an eighth of a read's CPU,
 * bench/README "issue 17") without letting deactivation, role changes or sign-out wait: PostgreSQL announces each such
 * change on MEMBERSHIP_CHANNEL (triggers on members and revoked_access_tokens), every API process LISTENs, and a
 * process that cannot prove it hears (not yet connected, connection lost, pings not heard back) remembers nothing and
 * asks the database every time. The process that makes a change also forgets at once, without waiting for its own
 * notification. Started by the first lookup, so processes that never authenticate a request (the worker) never connect.
 */
@Injectable()
export class MembershipCache implements OnModuleDestroy {
  private readonly logger = new Logger(MembershipCache.name);
  private readonly remembered: RememberedMemberships;
  private readonly enabled: boolean;
  private listener?: Client;
  private started = false;
  private stopping = false;
  private reconnectTimer?: NodeJS.Timeout;
  private heartbeatTimer?: NodeJS.Timeout;
  private pingInFlight = false;
  private readonly pings = new Map<string, () => void>();
  private failures = 0;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.enabled = config.MEMBERSHIP_CACHE_SECONDS > 0;
    this.remembered = new RememberedMemberships({ maxEntries: MAX_ENTRIES, ttlMs: Math.max(1, config.MEMBERSHIP_CACHE_SECONDS) * 1000 });
  }

  /** The active membership behind a verified token, or undefined when it must be read from the database. */
  lookup(memberId: string, userId: string, organizationId: string, tokenId: string | undefined): AuthContext | undefined {
    if (!this.enabled) return undefined;
    if (!this.started) this.start();
    const found = this.remembered.lookup(memberId, userId, organizationId, tokenId);
    membershipCacheLookups.inc({ result: found ? 'hit' : this.remembered.isHearing ? 'miss' : 'not_listening' });
    return found;
  }

  /** Taken before the membership is read from the database; pass it to `remember`. */
  ticket(): number | null {
    return this.enabled ? this.remembered.ticket() : null;
  }

  remember(ticket: number | null, auth: AuthContext, tokenId: string | undefined): void {
    this.remembered.remember(ticket, auth, tokenId);
  }

  /** Called by the process that changed a membership, after its transaction committed. */
  forgetMember(memberId: string): void {
    this.remembered.forget({ kind: 'member', memberId: memberId.toLowerCase() });
  }

  /** Called by the process that ended an account's sessions (a password reset), after that committed. */
  forgetUser(userId: string): void {
    this.remembered.forget({ kind: 'user', userId: userId.toLowerCase() });
  }

  /** Called by the process that signed a token out, after the revocation committed. */
  forgetToken(tokenId: string): void {
    this.remembered.forget({ kind: 'token', tokenId: tokenId.toLowerCase() });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.heartbeatTimer);
    this.remembered.stopHearing();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  private start(): void {
    this.started = true;
    // Outside the first request's scope and trace: the listener and its pings belong to no organization and no span.
    runWithScope({}, () => context.with(ROOT_CONTEXT, () => void this.listen()));
  }

  private async listen(): Promise<void> {
    if (this.stopping) return;
    // PostgreSQL itself: LISTEN needs a session of its own, which a transaction-mode pooler does not keep.
    const client = new Client({
      connectionString: listenDatabaseUrl(this.config),
      application_name: 'hireloop-membership-cache',
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    const lost = (reason: string) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.remembered.stopHearing();
      clearInterval(this.heartbeatTimer);
      void client.end().catch(() => undefined);
      if (this.stopping) return;
      this.failures += 1;
      // Once per outage, then every 20th attempt, so that a long outage does not flood the log.
      if (this.failures === 1 || this.failures % 20 === 0)
        this.logger.warn(`membership LISTEN not hearing (${reason}); checking every request against the database until it is back`);
      this.reconnectTimer = setTimeout(() => void this.listen(), Math.min(30_000, 1000 * 2 ** Math.min(this.failures - 1, 5)));
      this.reconnectTimer.unref();
    };
    this.listener = client;
    client.on('notification', (message) => this.heard(parseMembershipChange(message.payload)));
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${MEMBERSHIP_CHANNEL}`);
      const echo = await this.ping();
      if (this.listener !== client || this.stopping) return;
      if (echo !== 'heard') return lost(`its first ping: ${echo}`);
      if (this.failures > 0) this.logger.log(`membership LISTEN hearing again after ${this.failures} attempt(s)`);
      this.failures = 0;
      this.heartbeatTimer = setInterval(() => void this.heartbeat(client, lost), PING_INTERVAL_MS);
      this.heartbeatTimer.unref();
    } catch (error) {
      lost((error as Error).message);
    }
  }

  private async heartbeat(client: Client, lost: (reason: string) => void): Promise<void> {
    // A ping still waiting (a stalled pool) is not joined by more; the lease lapses meanwhile.
    if (this.listener !== client || this.pingInFlight) return;
    const echo = await this.ping();
    if (this.listener === client && echo !== 'heard') lost(`ping: ${echo}`);
  }

  /**
   * Sends a ping on the channel through the pool and waits, at most PING_TIMEOUT_MS in all, for the listener to hear
   * it; the same statement checks that the triggers that announce changes are there and enabled. Heard: the lease of
   * hearing runs to LEASE_MS after the ping was sent.
   */
  private async ping(): Promise<string> {
    const id = randomUUID();
    const sentAt = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`not heard back within ${PING_TIMEOUT_MS} ms`), PING_TIMEOUT_MS);
      timer.unref();
    });
    const heard = new Promise<string>((resolve) => this.pings.set(id, () => resolve('heard')));
    this.pingInFlight = true;
    try {
      const query: Promise<{ triggers: number }[]> = this.dataSource.query(
        `SELECT pg_notify($1, $2),
                (SELECT count(*)::int FROM pg_trigger WHERE tgname = ANY($3::text[]) AND tgenabled <> 'D') AS triggers`,
        [MEMBERSHIP_CHANNEL, `p:${id}`, ANNOUNCING_TRIGGERS],
      );
      // In flight until the statement itself settles, even after the timeout gave up on it.
      const settled = () => (this.pingInFlight = false);
      void query.then(settled, settled);
      const statement = query.then(
        ([row]) => (row.triggers === ANNOUNCING_TRIGGERS.length ? heard : 'the triggers that announce changes are missing or disabled'),
        (error: Error) => `failed (${error.message})`,
      );
      const echo = await Promise.race([statement, timedOut]);
      if (echo === 'heard') this.remembered.hearUntil(sentAt + LEASE_MS);
      return echo;
    } finally {
      clearTimeout(timer);
      this.pings.delete(id);
    }
  }

  private heard(change: MembershipChange): void {
    // Other processes' pings are heard too, and ignored.
    if (change.kind === 'ping') return this.pings.get(change.id)?.();
    this.remembered.forget(change);
  }
}
