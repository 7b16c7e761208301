export * from './metrics';
export * from './metrics-server';
export * from './http-metrics';
export * from './execution-context';
export * from './tracing-context';
