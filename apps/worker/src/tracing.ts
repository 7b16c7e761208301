import { startTracing } from '@hireloop/core/observability/tracing';

// Imported first by main.ts: the instrumentations patch `http` and `pg` as they load.
startTracing('hireloop-worker');
