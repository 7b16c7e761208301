import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig, listenDatabaseUrl } from '@hireloop/config';
import { ALL_QUEUES, QueueName, webhookJobOptions } from '@hireloop/queue';
import { OutboxPublisher } from './outbox-publisher';
import { OUTBOX_CHANNEL } from '@hireloop/core/outbox/outbox.service';
import { OutboxRelayRepository } from '@hireloop/core/outbox/outbox-relay.repository';
import { OutboxRelaySettings, readOutboxRelaySettings } from './outbox-relay.settings';
import { runAsSystem } from '@hireloop/database';

export interface RelayPass {
  claimed: number;
  published: number;
  failed: number;
  /** The highest id this pass claimed (null when it claimed nothing): where the next pass of a drain starts. */
  lastId: string | null;
}

/** Within a drain, every this many passes one starts from the oldest row again (see `claimStartOf`). */
export const FULL_CLAIM_EVERY = 10;

/**
 * Where a drain's pass `index` (0-based) claims from. The first pass of a drain and every `FULL_CLAIM_EVERY`th start
 * from the oldest unpublished row; the others after the previous pass's last id. Starting from the oldest every time
 * walks the partial index's entries of every row the drain already published (they stay in it until vacuum; at 20,000
 * rows a pass took 19 ms on average, up to 78 ms, bench/README). A row committed late with a lower id, or skipped while
 * another relay held it, is claimed by the next full pass or the next drain (its commit's NOTIFY starts one).
 */
export function claimStartOf(index: number, previousLastId: string | null): string | null {
  return index % FULL_CLAIM_EVERY === 0 ? null : previousLastId;
}

/**
 * Moves outbox rows into BullMQ. Woken at once by NOTIFY on commit, and polls as a fallback (missed notifications,
 * a lost LISTEN connection, rows left behind by a Redis outage).
 *
 * Each pass claims rows with FOR UPDATE SKIP LOCKED, adds them to their queues, and marks them published in the
 * same transaction. When Redis is unreachable the rows stay unpublished (attempts and last_error are recorded) and
 * the relay backs off; nothing is lost, and they go out once Redis is back. Delivery is at-least-once (a crash
 * between the add and the commit publishes a row again), which jobs tolerate: they carry ids and are idempotent.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelayService.name);
  private readonly settings: OutboxRelaySettings;
  private publisher?: OutboxPublisher;
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private rerun = false;
  private stopping = false;
  private failures = 0;
  private backoffUntil = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly outbox: OutboxRelayRepository,
  ) {
    this.settings = readOutboxRelaySettings(config);
  }

  onApplicationBootstrap(): void {
    this.publisher = new OutboxPublisher(
      this.config.REDIS_URL,
      this.config.QUEUE_PREFIX,
      { [QueueName.WebhookDeliveries]: webhookJobOptions(this.config) },
      { coalesceAggregations: this.settings.coalesceAggregations },
    );
    void this.listen();
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    clearTimeout(this.reconnectTimer);
    await this.running?.catch(() => undefined);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.publisher?.close();
  }

  /** One claim → publish → mark pass, from the oldest row or after `afterId`. Public for tests and operators; the loop calls it. */
  async relayOnce(afterId: string | null = null): Promise<RelayPass> {
    const publisher = this.publisher!;
    // Cross-organization by nature: the relay moves every organization's outbox rows (ids only) into the queues.
    return runAsSystem('outbox relay', () =>
      this.dataSource.transaction(async (manager) => {
        const rows = await this.outbox.claim(manager, ALL_QUEUES, this.settings.batchSize, afterId);
        if (rows.length === 0) return { claimed: 0, published: 0, failed: 0, lastId: null };
        const results = await withTimeout(publisher.publishMany(rows), this.settings.publishTimeoutMs).catch((reason: unknown) =>
          rows.map((): PromiseSettledResult<void> => ({ status: 'rejected', reason })),
        );
        const published: string[] = [];
        const failed: string[] = [];
        let error = '';
        results.forEach((result, i) => {
          if (result.status === 'fulfilled') published.push(rows[i].id);
          else {
            failed.push(rows[i].id);
            error ||= String(result.reason?.message ?? result.reason);
          }
        });
        await this.outbox.markPublished(manager, published);
        await this.outbox.markFailed(manager, failed, error);
        // Claimed in id order: the last row's id is the highest.
        return { claimed: rows.length, published: published.length, failed: failed.length, lastId: rows[rows.length - 1].id };
      }),
    );
  }

  /** Runs a pass now, or right after the one in progress. */
  private kick(): void {
    if (this.stopping) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    const wait = this.backoffUntil - Date.now();
    if (wait > 0) return this.schedule(wait);
    clearTimeout(this.timer);
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.rerun && this.failures === 0) {
        this.rerun = false;
        this.kick();
      } else {
        this.rerun = false;
        this.schedule(this.failures > 0 ? Math.max(0, this.backoffUntil - Date.now()) : this.settings.pollIntervalMs);
      }
    });
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), delayMs);
  }

  /** Passes until the backlog is empty or a pass fails. */
  private async drain(): Promise<void> {
    let lastId: string | null = null;
    for (let index = 0; ; index++) {
      let pass: RelayPass;
      try {
        pass = await this.relayOnce(claimStartOf(index, lastId));
      } catch (error) {
        this.failed(`outbox relay pass failed: ${(error as Error)?.message ?? error}`);
        return;
      }
      if (pass.failed > 0) {
        this.failed(`could not publish ${pass.failed} outbox message(s) to Redis; they stay in the outbox`);
        return;
      }
      if (this.failures > 0) this.logger.log(`outbox relay recovered after ${this.failures} failed pass(es)`);
      this.failures = 0;
      this.backoffUntil = 0;
      lastId = pass.lastId ?? lastId;
      if (pass.claimed < this.settings.batchSize || this.stopping) return;
    }
  }

  private failed(message: string): void {
    this.failures += 1;
    const delay = Math.min(this.settings.maxBackoffMs, 100 * 2 ** Math.min(this.failures, 16));
    this.backoffUntil = Date.now() + delay;
    // Once per outage, then every 20th attempt, so a long outage does not flood the log.
    if (this.failures === 1 || this.failures % 20 === 0) this.logger.warn(`${message} (attempt ${this.failures}, retrying in ${delay} ms)`);
  }

  /** A dedicated connection that LISTENs for commits of outbox rows; reconnects when lost (polling covers the gap). */
  private async listen(): Promise<void> {
    if (this.stopping) return;
    // PostgreSQL itself: LISTEN needs a session of its own, which a transaction-mode pooler does not keep.
    const client = new Client({ connectionString: listenDatabaseUrl(this.config), application_name: 'hireloop-outbox-relay' });
    const retry = () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      void client.end().catch(() => undefined);
      if (!this.stopping) this.reconnectTimer = setTimeout(() => void this.listen(), 1000);
    };
    this.listener = client;
    client.on('notification', () => this.kick());
    client.on('error', (error) => {
      this.logger.warn(`outbox LISTEN connection lost: ${error.message}`);
      retry();
    });
    client.on('end', retry);
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      // Anything committed while not listening is picked up by this pass.
      this.kick();
    } catch (error) {
      this.logger.warn(`outbox LISTEN failed: ${(error as Error).message}`);
      retry();
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
