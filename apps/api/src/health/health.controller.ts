import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthIndicatorResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { ApiContract } from '../common/api-contract';
import { Public } from '../common/auth.decorators';
import { RedisHealthIndicator } from './redis.health';

type Status = 'ok' | 'degraded' | 'error';

const LIVENESS_SCHEMA = { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } };
const INDICATOR_SCHEMA = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['up', 'down'] },
    message: { type: 'string' },
    responseTime: { type: 'number', description: 'Milliseconds the check took' },
  },
};
const READINESS_SCHEMA = {
  type: 'object',
  required: ['status', 'details'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded', 'error'], description: 'degraded: Redis is down (writes still succeed through the outbox)' },
    details: { type: 'object', required: ['database', 'redis'], properties: { database: INDICATOR_SCHEMA, redis: INDICATOR_SCHEMA } },
  },
};

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get()
  @HttpCode(200)
  @ApiContract({ summary: 'Liveness: the process is up', response: LIVENESS_SCHEMA, errors: [] })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness. PostgreSQL down → 503 (nothing can be served). Redis down → 200 "degraded": writes still succeed
   * through the outbox and reports catch up when Redis returns.
   */
  @Get('ready')
  @ApiContract({ summary: 'Readiness: PostgreSQL and Redis', response: READINESS_SCHEMA, errors: [] })
  @ApiResponse({
    status: 503,
    description: 'PostgreSQL is down (the same body, status "error")',
    content: { 'application/json': { schema: READINESS_SCHEMA } },
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [database, redis] = await Promise.all([
      this.check(() => this.db.pingCheck('database').withTimeout(1500), 'database'),
      this.redis.isHealthy('redis'),
    ]);
    const details = { ...database, ...redis };
    const dbUp = database.database?.status === 'up';
    const redisUp = redis.redis?.status === 'up';
    const status: Status = !dbUp ? 'error' : redisUp ? 'ok' : 'degraded';
    void reply.status(dbUp ? 200 : 503);
    return { status, details };
  }

  private async check(run: () => PromiseLike<HealthIndicatorResult>, key: string): Promise<HealthIndicatorResult> {
    try {
      return await run();
    } catch (error) {
      const causes = (error as { causes?: HealthIndicatorResult }).causes;
      return causes ?? { [key]: { status: 'down', message: (error as Error).message } };
    }
  }
}
