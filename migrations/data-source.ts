import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { directDatabaseUrl, validateEnvironment } from '@hireloop/config';
import { ALL_ENTITIES } from '@hireloop/core/entities';
import { buildDataSourceOptions } from '@hireloop/database/data-source-options';

const env = validateEnvironment(process.env as Record<string, unknown>);

/**
 * Entry point of the TypeORM CLI (`npm run migration:run`, `npm run migration:generate`): PostgreSQL itself
 * (DATABASE_DIRECT_URL), never the pooler, with every entity (migration:generate compares them with the schema).
 * Here rather than in libs/database, which imports nothing above it. Deployments run
 * `node dist/libs/database/src/migrate.js` instead, which takes the migration lock.
 */
export default new DataSource(buildDataSourceOptions({ url: directDatabaseUrl(env), entities: ALL_ENTITIES, logging: true }));
