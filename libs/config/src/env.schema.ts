import { plainToInstance, Transform } from 'class-transformer';
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toBool = ({ value }: { value: unknown }) => (typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value);
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Secrets published with the service (the old built-in fallback). Refused whenever the service is reachable beyond
 * loopback or runs with NODE_ENV=production: anyone can sign tokens with them.
 */
export const KNOWN_DEVELOPMENT_SECRETS: readonly string[] = ['hireloop-local-development-secret-change-me'];

/** True for 127.0.0.0/8, ::1 and localhost: an address nobody else can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || h === '::ffff:127.0.0.1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Every setting the service reads, with local defaults that work on a developer machine.
 * The JWT secret has no default: `npm start` creates a random one (see scripts/lib.sh `ensure_jwt_secret`).
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

  /**
   * A connection to PostgreSQL itself, not through a pooler: the outbox relay's LISTEN and the migrations (under a
   * session advisory lock) use it. Defaults to DATABASE_URL.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_DIRECT_URL must be a postgres:// connection URL' })
  DATABASE_DIRECT_URL?: string;

  /**
   * The listeners' connection (the outbox relay's and the membership cache's LISTEN): PostgreSQL itself, as the
   * service's role. Default: DATABASE_DIRECT_URL (else DATABASE_URL) with the user and password of DATABASE_APP_URL's
   * role, so that no long-lived session of the service runs as the owner and a process that does not migrate needs no
   * owner credentials at all.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_LISTEN_URL must be a postgres:// connection URL' })
  DATABASE_LISTEN_URL?: string;

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

  /** node-postgres pipeline mode (see `DatabaseSettings.pipeline`); false sends each statement after the last answer. */
  @Transform(toBool)
  @IsBoolean()
  DATABASE_PIPELINE = true;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// connection URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every BullMQ key, so that several deployments (or test runs) can share one Redis. */
  @IsString()
  @Matches(/^[a-zA-Z0-9_-]+$/, { message: 'QUEUE_PREFIX may hold letters, digits, - and _ only' })
  QUEUE_PREFIX = 'hireloop';

  /** Required by the API (not by the worker); see `assertApiSecret`. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET: string;

  /**
   * Master key that wraps the per-candidate data keys (crypto-shredding of personal data in the audit log):
   * 32 bytes, base64 or hex. Required in production; elsewhere generated once into `.run/data-encryption-key`.
   */
  @Matches(/^([A-Za-z0-9+/]{43}=|[0-9a-fA-F]{64})$/, {
    message: 'DATA_ENCRYPTION_KEY must be 32 bytes, base64 (44 characters) or hex (64 characters)',
  })
  DATA_ENCRYPTION_KEY: string;

  /** Token lifetime in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  JWT_EXPIRES_IN_SECONDS = 3600;

  /**
   * How long an API process may answer the membership check of a token from memory (0: ask the database on every
   * request). Deactivation, role changes and sign-out still apply at once: PostgreSQL announces them (LISTEN/NOTIFY),
   * and a process that cannot prove it hears them (a ping every 5 s) stops answering from memory within 8 s.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  MEMBERSHIP_CACHE_SECONDS = 30;

  /**
   * How stale a session's "last used" time may be: it is written at most once per this many seconds per session
   * (0: on every authenticated request). The sessions list shows it; nothing is decided by it.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400)
  SESSION_ACTIVITY_SECONDS = 300;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  /** Address the API listens on; anything but loopback makes published development secrets an error. */
  @IsString()
  @IsNotEmpty()
  HOST = '0.0.0.0';

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

  /** Attempts per address (all accounts together) per window on login, signup and accept-invite before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_ADDRESS_LIMIT = 100;

  /**
   * Which proxies may set X-Forwarded-For: empty (none: the client address is the socket's), a hop count (`1`), or
   * comma-separated addresses/CIDRs of trusted proxies (`10.0.0.0/8,127.0.0.1`).
   */
  @IsOptional()
  @IsString()
  @Matches(/^$|^\d+$|^[0-9a-fA-F:./,\s]+$/, { message: 'TRUST_PROXY must be empty, a hop count, or comma-separated addresses/CIDRs' })
  TRUST_PROXY = '';

  /** Password hashes (argon2id, 64 MiB each) computed at once; more wait in line. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  PASSWORD_HASH_CONCURRENCY = 4;

  /** Password hashes allowed to wait; beyond that requests answer 503 at once (Retry-After). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  PASSWORD_HASH_QUEUE = 32;

  /**
   * argon2id cost of new password hashes: memory in KiB and passes. Below OWASP's minimum (19 MiB, 2 passes) only
   * with NODE_ENV=test, where thousands of sign-ups would otherwise spend minutes hashing. A stored hash carries its
   * own parameters, so a change applies to new passwords and every stored one still verifies.
   */
  @Transform(toInt)
  @IsInt()
  @Min(64)
  @Max(4_194_304)
  PASSWORD_HASH_MEMORY_KIB = 65_536;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  PASSWORD_HASH_TIME_COST = 3;

  /**
   * Webhook destinations that are allowed although not public (loopback, private…): comma-separated addresses or
   * CIDRs, for development and tests (`127.0.0.1`, `10.0.0.0/8`). Empty: only public addresses.
   */
  @IsOptional()
  @IsString()
  @Matches(/^$|^[0-9a-fA-F:./,\s]+$/, { message: 'WEBHOOK_ALLOWED_HOSTS must be comma-separated IP addresses or CIDRs' })
  WEBHOOK_ALLOWED_HOSTS = '';

  /**
   * Single sign-on issuers (and the endpoints their discovery document names) allowed although not public: the same
   * guard as webhooks, for development and tests (`127.0.0.1`). Empty: only public addresses.
   */
  @IsOptional()
  @IsString()
  @Matches(/^$|^[0-9a-fA-F:./,\s]+$/, { message: 'SSO_ALLOWED_HOSTS must be comma-separated IP addresses or CIDRs' })
  SSO_ALLOWED_HOSTS = '';

  /** Attempts per webhook delivery; with the default back-off they span more than 24 hours. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  WEBHOOK_MAX_ATTEMPTS = 14;

  /** First webhook retry delay; each next one doubles up to WEBHOOK_BACKOFF_MAX_MS, plus up to 50 % jitter. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  WEBHOOK_BACKOFF_BASE_MS = 60_000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  WEBHOOK_BACKOFF_MAX_MS = 4 * 3600_000;

  /**
   * Platform operator credential (32+ characters), sent as `X-Operator-Token`: the only way to see and retry
   * service-wide jobs (those of no organization). Unset: nobody can.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'OPERATOR_TOKEN must be at least 32 characters long' })
  OPERATOR_TOKEN?: string;

  /**
   * Signup answers 202 "check your e-mail" for every address (new or already registered, so it reveals nothing); the
   * account is usable after POST /v1/auth/verify-email. `false` (development and benchmarks only: it tells anyone
   * which addresses have an account): signup of a new e-mail returns a token at once, an existing one gets 409.
   */
  @Transform(toBool)
  @IsBoolean()
  SIGNUP_EMAIL_VERIFICATION = true;

  /** Largest outcome-import CSV (bytes, issue 15); a larger upload is refused with 413 while it streams in. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  OUTCOME_IMPORT_MAX_BYTES = 20 * 1024 * 1024;

  /** When the nightly quality-of-hire validity reports are computed (cron, UTC): every organization, and each role with hires. */
  @IsString()
  QUALITY_OF_HIRE_NIGHTLY_CRON = '15 3 * * *';

  /** Fewest pairs behind any quality-of-hire figure; below it a report shows "not enough data yet", never a number. */
  @Transform(toInt)
  @IsInt()
  @Min(4)
  QUALITY_OF_HIRE_MIN_N = 30;

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

  /**
   * How far in the past (minutes) an interview may start when it is scheduled or moved: room for clocks that differ
   * a little between the browser and the server. Earlier start times are refused (422 start_in_past).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1440)
  INTERVIEW_START_GRACE_MINUTES = 5;

  /** How long published outbox rows are kept (unpublished ones are never purged). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_RETENTION_DAYS = 7;

  /** Serve the built web app from apps/web/dist under / when present. */
  @Transform(toBool)
  @IsBoolean()
  SERVE_WEB = true;

  /**
   * Outgoing mail server, e.g. `smtp://user:pass@smtp.example.com:587` or `smtps://…:465`. Empty outside production:
   * mail goes to the development mailbox (DEV_MAILBOX_PORT) whose messages `/dev/mailbox` shows.
   */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** Sender of every email: an address, optionally with a display name (`hireloop <no-reply@example.com>`). */
  @IsString()
  @Matches(/^(?:[^\r\n<>"]{0,100} ?<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
    message: 'MAIL_FROM must be an address or "Name <address>" without line breaks',
  })
  MAIL_FROM = 'hireloop <no-reply@hireloop.localhost>';

  /** Base URL of the web app, used in links in emails (invitations, resets, scorecards). */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_APP_URL must be an http(s):// URL' })
  PUBLIC_APP_URL = 'http://localhost:3000';

  /**
   * Port of the development mailbox, a real SMTP server the API starts when SMTP_URL is unset and NODE_ENV is not
   * production (0 turns it off). Under NODE_ENV=test it is off unless set.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  DEV_MAILBOX_PORT = 1025;

  /** Attempts per email before it is recorded as failed. With EMAIL_RETRY_DELAY_MS the defaults span 13.5 minutes (810 s). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  EMAIL_MAX_ATTEMPTS = 10;

  /** First retry delay of an email; each next one doubles (capped at EMAIL_RETRY_MAX_DELAY_MS). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  EMAIL_RETRY_DELAY_MS = 2000;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  EMAIL_RETRY_MAX_DELAY_MS = 300_000;

  /** SMTP connection and greeting timeout per attempt. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  EMAIL_SMTP_TIMEOUT_MS = 15_000;

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

  /** `send-email` jobs run at once per worker process (each one SMTP attempt). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  EMAIL_DELIVERY_CONCURRENCY = 4;

  /** `deliver-webhook` jobs run at once per worker process (each one signed POST). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  WEBHOOK_DELIVERY_CONCURRENCY = 8;

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

  /**
   * The relay turns the report requests of several applications of one organization claimed in one pass into
   * `aggregate-panels` jobs. Set false while workers of a release that does not know that job run (a rolling upgrade).
   */
  @Transform(toBool)
  @IsBoolean()
  OUTBOX_COALESCE_AGGREGATIONS = true;

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

  /**
   * How often the worker looks for work whose job was lost after the outbox relay published it (Redis lost its data)
   * or failed for good — reports that do not cover their application's feedback, emails still unsent — once it is
   * older than JOB_SWEEP_GRACE_S, and asks for it again. 0 turns the sweep off.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  JOB_SWEEP_INTERVAL_MS = 300_000;

  /** How long after its last change a report or an email may still be on its way (not swept yet). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400)
  JOB_SWEEP_GRACE_S = 120;
}

export class ConfigValidationError extends Error {}

/** The URL of PostgreSQL itself as its owner (migrations): DATABASE_DIRECT_URL, else DATABASE_URL. */
export function directDatabaseUrl(env: Pick<EnvironmentVariables, 'DATABASE_URL' | 'DATABASE_DIRECT_URL'>): string {
  return env.DATABASE_DIRECT_URL ?? env.DATABASE_URL;
}

/**
 * The URL of the listeners' sessions (LISTEN): DATABASE_LISTEN_URL, else PostgreSQL itself (DATABASE_DIRECT_URL, else
 * DATABASE_URL: host, port, database and parameters) as the service's role (DATABASE_APP_URL's user and password).
 */
export function listenDatabaseUrl(
  env: Pick<EnvironmentVariables, 'DATABASE_URL' | 'DATABASE_DIRECT_URL' | 'DATABASE_APP_URL' | 'DATABASE_LISTEN_URL'>,
): string {
  if (env.DATABASE_LISTEN_URL) return env.DATABASE_LISTEN_URL;
  const url = new URL(directDatabaseUrl(env));
  const app = new URL(appDatabaseUrl(env));
  url.username = app.username;
  url.password = app.password;
  return url.toString();
}

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

/** OWASP Password Storage Cheat Sheet, argon2id: at least m=19456 (19 MiB), t=2, p=1. */
export const OWASP_ARGON2ID_MIN = { memoryKib: 19_456, timeCost: 2 } as const;

export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const input = { ...raw };
  // Tests never open the development mailbox's fixed port unless they ask for it.
  if (input.NODE_ENV === 'test' && (input.DEV_MAILBOX_PORT === undefined || input.DEV_MAILBOX_PORT === '')) input.DEV_MAILBOX_PORT = '0';
  for (const key of Object.keys(input)) if (input[key] === '') delete input[key];
  // Links in emails point at this service unless told otherwise.
  if (input.PUBLIC_APP_URL === undefined) input.PUBLIC_APP_URL = `http://localhost:${input.PORT ?? 3000}`;
  if (input.DATA_ENCRYPTION_KEY === undefined && input.NODE_ENV !== 'production') input.DATA_ENCRYPTION_KEY = localDataEncryptionKey();
  const config = plainToInstance(EnvironmentVariables, input, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const shown = e.property.includes('SECRET') || e.property === 'SMTP_URL' ? '<hidden>' : JSON.stringify(e.value);
      return `  ${e.property} (got ${shown}): ${Object.values(e.constraints ?? {}).join('; ')}`;
    });
    throw new ConfigValidationError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (
    config.JWT_SECRET &&
    KNOWN_DEVELOPMENT_SECRETS.includes(config.JWT_SECRET) &&
    (config.NODE_ENV === 'production' || !isLoopbackHost(config.HOST))
  ) {
    throw new ConfigValidationError(
      `Invalid configuration:\n  JWT_SECRET (got <hidden>): a published development value, refused ${config.NODE_ENV === 'production' ? 'with NODE_ENV=production' : `when listening on ${config.HOST} (beyond loopback)`}; ` +
        'set a random secret of 32+ characters (npm start creates one in .run/secrets/jwt-secret)',
    );
  }
  if (
    config.NODE_ENV !== 'test' &&
    (config.PASSWORD_HASH_MEMORY_KIB < OWASP_ARGON2ID_MIN.memoryKib || config.PASSWORD_HASH_TIME_COST < OWASP_ARGON2ID_MIN.timeCost)
  ) {
    throw new ConfigValidationError(
      `Invalid configuration:\n  PASSWORD_HASH_MEMORY_KIB, PASSWORD_HASH_TIME_COST (got ${config.PASSWORD_HASH_MEMORY_KIB}, ${config.PASSWORD_HASH_TIME_COST}): ` +
        `below OWASP's minimum for argon2id (${OWASP_ARGON2ID_MIN.memoryKib} KiB, ${OWASP_ARGON2ID_MIN.timeCost} passes); cheaper hashes are for NODE_ENV=test only`,
    );
  }
  return config;
}

/** The API signs tokens: it never starts without a secret (there is no built-in fallback). */
export function assertApiSecret(config: Pick<EnvironmentVariables, 'JWT_SECRET'>): void {
  if (!config.JWT_SECRET) {
    throw new ConfigValidationError(
      'Invalid configuration:\n  JWT_SECRET (got <hidden>): not set; `npm start` creates a random one in .run/secrets/jwt-secret, ' +
        'otherwise set 32+ random characters (e.g. `openssl rand -base64 48`)',
    );
  }
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
