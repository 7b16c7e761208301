import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const DEV_JWT_SECRET = 'hireloop-local-development-secret-change-me';

/**
 * Every setting the service reads, with local defaults that work on a developer machine.
 * In production (NODE_ENV=production) the JWT secret has no default.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/hireloop';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 20;

  /**
   * A connection to PostgreSQL itself, not through a pooler: the outbox relay's LISTEN and the migrations (under a
   * session advisory lock) use it. Defaults to DATABASE_URL.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_DIRECT_URL must be a postgres:// connection URL' })
  DATABASE_DIRECT_URL?: string;

  /**
   * `transaction` when DATABASE_URL is a transaction-mode pooler (PgBouncer pool_mode=transaction): the pool then
   * sends no session settings as startup parameters (PgBouncer refuses them; set them on the role instead, see
   * deploy/README.md) and uses no named prepared statements.
   */
  @IsIn(['none', 'transaction'])
  DATABASE_POOLER: 'none' | 'transaction' = 'none';

  /** statement_timeout of the service's sessions (0 = none). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DATABASE_STATEMENT_TIMEOUT_MS = 15_000;

  /** Run parameterised queries as named prepared statements; false behind a transaction-mode pooler. */
  @Transform(toBool)
  @IsBoolean()
  DATABASE_PREPARED_STATEMENTS = true;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// connection URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every BullMQ key, so that several deployments (or test runs) can share one Redis. */
  @IsString()
  @Matches(/^[a-zA-Z0-9_-]+$/, { message: 'QUEUE_PREFIX may hold letters, digits, - and _ only' })
  QUEUE_PREFIX = 'hireloop';

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET: string;

  /** Token lifetime in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  JWT_EXPIRES_IN_SECONDS = 3600;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /**
   * The API's Prometheus endpoint: `GET /metrics` on a listener of its own on this port (never the public PORT).
   * 0 turns it off.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 0;

  /**
   * OpenTelemetry traces go to this OTLP endpoint (the standard variable; the SDK also reads OTEL_EXPORTER_OTLP_PROTOCOL,
   * _HEADERS, OTEL_TRACES_SAMPLER … itself). Unset: tracing is off.
   */
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s):// URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http(s):// URL' })
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  /** Service name on the traces (default hireloop-api / hireloop-worker). */
  @IsOptional()
  @IsString()
  OTEL_SERVICE_NAME?: string;

  @Transform(toBool)
  @IsBoolean()
  OTEL_SDK_DISABLED = false;

  /** The worker's small HTTP listener: `GET /metrics` (Prometheus) and `GET /health` (liveness). 0 turns it off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_METRICS_PORT = 0;

  @Transform(toBool)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  /** Comma-separated list of allowed origins, or * for any. Empty disables CORS. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS = '';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  /** Attempts allowed per window on login before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_LIMIT = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  LOGIN_THROTTLE_TTL_MS = 60_000;

  /** Repeat pattern (cron) of the nightly interviewer-calibration job. */
  @IsString()
  CALIBRATION_CRON = '0 3 * * *';

  /** How often the feedback-reminder scan runs (cron). */
  @IsString()
  REMINDER_CRON = '*/15 * * * *';

  /** When the retention purge runs (cron, UTC): expired idempotency keys and long-published outbox rows. */
  @IsString()
  RETENTION_CRON = '30 4 * * *';

  /** How long an Idempotency-Key is remembered; a retry after that is a new request. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  IDEMPOTENCY_KEY_TTL_HOURS = 48;

  /** How long published outbox rows are kept (unpublished ones are never purged). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_RETENTION_DAYS = 7;

  /** Serve the built web app from apps/web/dist under / when present. */
  @Transform(toBool)
  @IsBoolean()
  SERVE_WEB = true;

  // ---- Worker ----------------------------------------------------------------------------------------------------

  /** Aggregation jobs taken at once per worker process; they are computed in batches. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  PANEL_AGGREGATION_CONCURRENCY = 200;

  /** Most applications computed and stored in one transaction. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  AGGREGATION_BATCH_SIZE = 100;

  /** Aggregation batches in progress at once per worker process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(32)
  AGGREGATION_BATCH_PARALLELISM = 2;

  /** NODE_ENV=test only: each aggregation job sleeps this long first, so tests can kill a worker mid-job. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  AGGREGATION_TEST_DELAY_MS = 0;

  /** Job lock: a worker that dies mid-job loses its jobs after about this long. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(600_000)
  WORKER_LOCK_DURATION_MS = 30_000;

  /** How often workers look for jobs whose lock expired. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(600_000)
  WORKER_STALLED_INTERVAL_MS = 30_000;

  /** Outbox relay fallback poll when no NOTIFY arrives. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  OUTBOX_POLL_INTERVAL_MS = 500;

  /** Outbox rows claimed per relay pass. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(5000)
  OUTBOX_BATCH_SIZE = 200;

  /** How long one relay pass waits for Redis before giving up on it. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(20_000)
  OUTBOX_PUBLISH_TIMEOUT_MS = 2000;

  /** Ceiling of the relay's back-off after Redis failures. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(300_000)
  OUTBOX_MAX_BACKOFF_MS = 5000;
}

export class ConfigValidationError extends Error {}

/** The URL of PostgreSQL itself (LISTEN, migrations): DATABASE_DIRECT_URL, else DATABASE_URL. */
export function directDatabaseUrl(env: Pick<EnvironmentVariables, 'DATABASE_URL' | 'DATABASE_DIRECT_URL'>): string {
  return env.DATABASE_DIRECT_URL ?? env.DATABASE_URL;
}

export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const input = { ...raw };
  if (input.JWT_SECRET === undefined && input.NODE_ENV !== 'production') input.JWT_SECRET = DEV_JWT_SECRET;
  for (const key of Object.keys(input)) if (input[key] === '') delete input[key];
  const config = plainToInstance(EnvironmentVariables, input, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const shown = e.property.includes('SECRET') ? '<hidden>' : JSON.stringify(e.value);
      return `  ${e.property} (got ${shown}): ${Object.values(e.constraints ?? {}).join('; ')}`;
    });
    throw new ConfigValidationError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
