import { Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { AppConfig } from '@hireloop/config';
import { collectProcessMetrics, PoolStats, setPoolSource, startMetricsServer, stopMetricsServer } from '@hireloop/core/observability';

/** The pg pool behind a TypeORM data source (PostgresDriver.master), for the pool gauges. */
export function poolOf(dataSource: DataSource): PoolStats | undefined {
  return (dataSource.driver as unknown as { master?: PoolStats }).master;
}

/**
 * The API's `/metrics` listener on METRICS_PORT (off when 0), apart from the public port. HTTP durations are
 * recorded by the Fastify hook that `configureApp` installs.
 */
@Injectable()
export class ApiMetricsServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    collectProcessMetrics();
    setPoolSource(() => poolOf(this.dataSource));
    if (this.config.METRICS_PORT === 0) return;
    this.server = await startMetricsServer({ port: this.config.METRICS_PORT });
    this.logger.log(`metrics on :${this.config.METRICS_PORT}/metrics`);
  }

  async onModuleDestroy(): Promise<void> {
    await stopMetricsServer(this.server);
  }
}

@Module({ providers: [ApiMetricsServer] })
export class MetricsModule {}
