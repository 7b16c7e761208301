// Test defaults; each can be overridden from the environment (e.g. a separate DATABASE_URL per developer).
import { randomBytes } from 'node:crypto';
process.env.NODE_ENV ??= 'test';
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/hireloop_test';
// Each jest worker has its own copy of the migrated database (made by global-setup.ts) and its own queues, so test
// files running side by side never see each other's outbox rows, jobs or reports.
process.env.HIRELOOP_TEST_BASE_DATABASE_URL ??= process.env.DATABASE_URL;
if (process.env.JEST_WORKER_ID) process.env.DATABASE_URL = workerDatabaseUrl(process.env.HIRELOOP_TEST_BASE_DATABASE_URL, process.env.JEST_WORKER_ID);
process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
process.env.QUEUE_PREFIX = `hireloop-test-${new URL(process.env.DATABASE_URL).pathname.slice(1)}`;
process.env.LOG_LEVEL ??= 'silent';
process.env.MIGRATIONS_RUN ??= 'false';
process.env.LOGIN_THROTTLE_LIMIT ??= '1000';
process.env.SERVE_WEB ??= 'false';
// No built-in secret any more: each test run signs with its own random one (inherited by the processes it starts).
process.env.JWT_SECRET ??= `test-${randomBytes(24).toString('hex')}`;
// Tests deliver webhooks to a receiver on loopback (refused without this allow-list), on a fast retry schedule.
process.env.WEBHOOK_ALLOWED_HOSTS ??= '127.0.0.1';
// Tests run an OpenID provider on loopback (single sign-on issuers pass the same guard).
process.env.SSO_ALLOWED_HOSTS ??= '127.0.0.1';
process.env.WEBHOOK_BACKOFF_BASE_MS ??= '1000';
process.env.WEBHOOK_MAX_ATTEMPTS ??= '5';
process.env.LOGIN_THROTTLE_ADDRESS_LIMIT ??= '100000';
// Cheap argon2id for the suite's thousands of sign-ups (allowed only under NODE_ENV=test; production keeps 64 MiB ×
// 3 passes): on two busy cores a full-cost hash took ~2.5 s, and every test organization hashes several passwords.
process.env.PASSWORD_HASH_MEMORY_KIB ??= '1024';
process.env.PASSWORD_HASH_TIME_COST ??= '1';
// The job sweep asks again for work whose job went missing: in tests, only where a test turns it on (an outbox row a
// test wrote on purpose without a worker must stay as it is).
process.env.JOB_SWEEP_INTERVAL_MS ??= '0';
// A fixed test master key (tests only; production requires its own, development generates one under .run/).
process.env.DATA_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString('base64');

/** The database of one jest worker: the base database's name with `_w<id>`. */
export function workerDatabaseUrl(baseUrl: string, workerId: string | number): string {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname}_w${workerId}`;
  return url.toString();
}
