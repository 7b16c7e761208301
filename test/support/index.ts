export * from './actors';
export * from './cookies';
export * from './database';
export * from './test-app';
export * from './route-table';
export * from './loop-fixture';
export * from './contract-checker';
