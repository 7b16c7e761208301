import { Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@hireloop/config';

/** Structured JSON logs; every line of a request carries its request id (taken from x-request-id when sent). */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          // Fastify assigns the id (from x-request-id or a new UUID); reuse it so logs and responses agree.
          genReqId: (req) => (req as { id?: string }).id ?? randomUUID(),
          redact: {
            paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-operator-token"]', '*.parameters', '*.driverError', 'req.body.password', 'req.body.token', '*.password', '*.passwordHash', '*.accessToken', '*.inviteToken'],
            censor: '[redacted]',
          },
          customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
          // Middleware mounted on a path sees `url` relative to it (middie strips the mount point): match `originalUrl`.
          autoLogging: { ignore: (req) => ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').startsWith('/health') },
          serializers: {
            // A self-identification link's token is a capability: it never reaches the logs.
            req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.replace(/(\/self-identification\/)[^/?#]+/, '$1[redacted]') }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
