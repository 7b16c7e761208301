export * from './default-job-options';
export * from './queue-names';
export * from './queue.module';
export * from './redis-connection';
export * from './job-data';
export * from './webhook-backoff';
export * from './job-context';
