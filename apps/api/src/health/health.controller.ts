import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthIndicatorResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth.decorators';
import { RedisHealthIndicator } from './redis.health';

type Status = 'ok' | 'degraded' | 'error';

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
  @ApiOperation({ summary: 'Liveness: the process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness. PostgreSQL down → 503 (nothing can be served). Redis down → 200 "degraded": writes still succeed
   * through the outbox and reports catch up when Redis returns.
   */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [database, redis] = await Promise.all([this.check(() => this.db.pingCheck('database').withTimeout(1500), 'database'), this.redis.isHealthy('redis')]);
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
