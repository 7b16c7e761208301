// Test defaults; each can be overridden from the environment (e.g. a separate DATABASE_URL per developer).
process.env.NODE_ENV ??= 'test';
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/hireloop_test';
process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
process.env.QUEUE_PREFIX ??= `hireloop-test-${new URL(process.env.DATABASE_URL).pathname.slice(1)}`;
process.env.LOG_LEVEL ??= 'silent';
process.env.MIGRATIONS_RUN ??= 'false';
process.env.LOGIN_THROTTLE_LIMIT ??= '1000';
process.env.SERVE_WEB ??= 'false';
// A fixed test master key (tests only; production requires its own, development generates one under .run/).
process.env.DATA_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString('base64');
