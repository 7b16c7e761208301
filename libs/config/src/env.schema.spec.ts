import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigValidationError, listenDatabaseUrl, validateEnvironment } from './env.schema';

const ROOT = join(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' || entry === 'dist' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry) && !/\.spec\.ts$/.test(entry) ? [path] : [];
  });
}

describe('environment schema', () => {
  it('gives every worker setting its documented default', () => {
    expect(validateEnvironment({})).toMatchObject({
      PANEL_AGGREGATION_CONCURRENCY: 200,
      AGGREGATION_BATCH_SIZE: 100,
      AGGREGATION_BATCH_PARALLELISM: 2,
      AGGREGATION_TEST_DELAY_MS: 0,
      WORKER_LOCK_DURATION_MS: 30_000,
      WORKER_STALLED_INTERVAL_MS: 30_000,
      OUTBOX_POLL_INTERVAL_MS: 500,
      OUTBOX_BATCH_SIZE: 200,
      OUTBOX_PUBLISH_TIMEOUT_MS: 2000,
      OUTBOX_MAX_BACKOFF_MS: 5000,
      JOB_SWEEP_INTERVAL_MS: 300_000,
      JOB_SWEEP_GRACE_S: 120,
      EMAIL_DELIVERY_CONCURRENCY: 4,
      WEBHOOK_DELIVERY_CONCURRENCY: 8,
    });
  });

  it.each([
    ['PANEL_AGGREGATION_CONCURRENCY', '0'],
    ['AGGREGATION_BATCH_SIZE', '1001'],
    ['AGGREGATION_BATCH_PARALLELISM', 'two'],
    ['AGGREGATION_TEST_DELAY_MS', '-1'],
    ['WORKER_LOCK_DURATION_MS', '100'],
    ['WORKER_STALLED_INTERVAL_MS', '1.5'],
    ['OUTBOX_POLL_INTERVAL_MS', '0'],
    ['OUTBOX_BATCH_SIZE', 'lots'],
    ['OUTBOX_PUBLISH_TIMEOUT_MS', '99'],
    ['OUTBOX_MAX_BACKOFF_MS', '300001'],
    ['JOB_SWEEP_INTERVAL_MS', '-1'],
    ['JOB_SWEEP_GRACE_S', 'soon'],
    ['EMAIL_DELIVERY_CONCURRENCY', '0'],
    ['WEBHOOK_DELIVERY_CONCURRENCY', '201'],
  ])('refuses %s=%s with a message naming it', (name, value) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(ConfigValidationError);
    expect(() => validateEnvironment({ [name]: value })).toThrow(new RegExp(`^  ${name} \\(got .+\\): ${name} must`, 'm'));
  });

  it('is the only reader of process.env in the api, the worker and the libraries they run', () => {
    const readers = ['apps/api/src', 'apps/worker/src', 'libs/core/src', 'libs/database/src', 'libs/queue/src']
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${relative(ROOT, file)}:${i + 1}`, line }))
          // Handing the whole environment to the schema is the one allowed use.
          .filter(({ line }) => /process\.env/.test(line) && !/validateEnvironment\(process\.env/.test(line)),
      );
    expect(readers.map((r) => `${r.where}: ${r.line.trim()}`)).toEqual([]);
  });
});

describe('the listeners’ database URL', () => {
  const listen = (env: Record<string, string>) => listenDatabaseUrl(validateEnvironment(env));

  it('is PostgreSQL itself as the service’s role by default: no session of the service listens as the owner', () => {
    expect(listen({ DATABASE_URL: 'postgres://owner:secret@db.internal:5432/hl?sslmode=require' })).toBe(
      'postgres://hireloop_app@db.internal:5432/hl?sslmode=require',
    );
  });

  it('takes the address of DATABASE_DIRECT_URL and the credentials of DATABASE_APP_URL (a pooler in front)', () => {
    expect(
      listen({
        DATABASE_URL: 'postgres://owner:secret@pgbouncer:6432/hl',
        DATABASE_APP_URL: 'postgres://hireloop_app:p%40ss%3Aw%2Frd@pgbouncer:6432/hl',
        DATABASE_DIRECT_URL: 'postgres://owner:secret@postgres:5432/hl?sslmode=require',
      }),
    ).toBe('postgres://hireloop_app:p%40ss%3Aw%2Frd@postgres:5432/hl?sslmode=require');
  });

  it('is DATABASE_LISTEN_URL when set', () => {
    expect(listen({ DATABASE_URL: 'postgres://owner@a/hl', DATABASE_LISTEN_URL: 'postgres://listener:pw@b:5433/hl' })).toBe(
      'postgres://listener:pw@b:5433/hl',
    );
  });
});
