export * from './data-source-options';
export * from './database.module';
export * from './pg-errors';
export * from './migrations-once';
export * from './tenant-context';
