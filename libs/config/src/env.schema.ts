import { plainToInstance, Transform } from 'class-transformer';
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

  /**
   * The service's own connection: a role without superuser or BYPASSRLS, subject to row-level security.
   * Default: DATABASE_URL with the user `hireloop_app` (created by the migrations) and no password.
   * DATABASE_URL itself is the owner's connection, used only for migrations.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_APP_URL must be a postgres:// connection URL' })
  DATABASE_APP_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 20;

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

  /**
   * Master key that wraps the per-candidate data keys (crypto-shredding of personal data in the audit log):
   * 32 bytes, base64 or hex. Required in production; elsewhere generated once into `.run/data-encryption-key`.
   */
  @Matches(/^([A-Za-z0-9+/]{43}=|[0-9a-fA-F]{64})$/, { message: 'DATA_ENCRYPTION_KEY must be 32 bytes, base64 (44 characters) or hex (64 characters)' })
  DATA_ENCRYPTION_KEY: string;

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
}

export class ConfigValidationError extends Error {}

/**
 * Outside production, a missing DATA_ENCRYPTION_KEY is generated once and kept in the untracked `.run/` folder of the
 * working directory, so restarts (and the API and the worker) share it. Never a value published in the source.
 */
function localDataEncryptionKey(): string {
  const dir = join(process.cwd(), '.run');
  const file = join(dir, 'data-encryption-key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    // Written aside and linked into place: a process starting at the same moment never reads a half-written file.
    const temporary = `${file}.${process.pid}`;
    writeFileSync(temporary, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    try {
      linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
  }
  return readFileSync(file, 'utf8').trim();
}

export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const input = { ...raw };
  if (input.JWT_SECRET === undefined && input.NODE_ENV !== 'production') input.JWT_SECRET = DEV_JWT_SECRET;
  for (const key of Object.keys(input)) if (input[key] === '') delete input[key];
  if (input.DATA_ENCRYPTION_KEY === undefined && input.NODE_ENV !== 'production') input.DATA_ENCRYPTION_KEY = localDataEncryptionKey();
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

/** The role the service connects as (row-level security applies to it); the migrations create it. */
export const APP_DATABASE_ROLE = 'hireloop_app';

/** DATABASE_APP_URL, or DATABASE_URL with the user replaced by the service's role (no password: local trust). */
export function appDatabaseUrl(config: Pick<EnvironmentVariables, 'DATABASE_URL' | 'DATABASE_APP_URL'>): string {
  if (config.DATABASE_APP_URL) return config.DATABASE_APP_URL;
  const url = new URL(config.DATABASE_URL);
  url.username = APP_DATABASE_ROLE;
  url.password = '';
  return url.toString();
}
