import { DynamicModule, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { LoggerModule, Params } from 'nestjs-pino';
import { AppConfig } from '@hireloop/config';
import { currentContext } from './execution-context';
import { redactUrlSecrets } from './url-secrets';

export type LoggingProcess = 'api' | 'worker';

/** Never written to a log: credentials and tokens, and a failed query's parameters and driver error (personal data). */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-operator-token"]',
  '*.parameters',
  '*.driverError',
  'req.body.password',
  'req.body.token',
  '*.password',
  'req.body.currentPassword',
  'req.body.newPassword',
  '*.currentPassword',
  '*.newPassword',
  '*.passwordHash',
  '*.accessToken',
  '*.inviteToken',
];

/** The job (id, queue) and trace a line was written for, when there is one. */
function executionContextFields(): Record<string, string> {
  const context = currentContext();
  const fields = { jobId: context?.jobId, queue: context?.queue, traceId: context?.traceId };
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/**
 * pino's options for one process: JSON lines at LOG_LEVEL naming the process, with the job and trace of the code
 * running now and the same redaction everywhere; the API also logs each request (its id from x-request-id when sent).
 */
export function loggerOptions(config: Pick<AppConfig, 'LOG_LEVEL'>, process: LoggingProcess): Params {
  const common = {
    level: config.LOG_LEVEL,
    base: { pid: globalThis.process.pid, hostname: hostname(), process },
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    mixin: executionContextFields,
  };
  if (process === 'worker') return { pinoHttp: common };
  return {
    pinoHttp: {
      ...common,
      // Fastify assigns the id (from x-request-id or a new UUID); reuse it so logs and responses agree.
      genReqId: (req) => (req as { id?: string }).id ?? randomUUID(),
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      // Middleware mounted on a path sees `url` relative to it (middie strips the mount point): match `originalUrl`.
      autoLogging: { ignore: (req) => ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').startsWith('/health') },
      serializers: {
        // Capability tokens (in some paths, and the code, state and token query parameters) never reach the logs.
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrlSecrets(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}

/** Structured JSON logs through pino (nestjs-pino) for the API or the worker. */
@Module({})
export class JsonLoggingModule {
  static forProcess(process: LoggingProcess): DynamicModule {
    return {
      module: JsonLoggingModule,
      imports: [LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => loggerOptions(config, process) })],
    };
  }
}
