export * from './app-error';
export * from './rate-limited.error';
export * from './problem-codes';
export * from './auth-context';
export * from './member-role';
export * from './pagination';
export * from './keyset';
export * from './idempotency';
