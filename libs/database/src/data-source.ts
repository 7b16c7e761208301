import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { directDatabaseUrl, validateEnvironment } from '@hireloop/config';
import { buildDataSourceOptions } from './data-source-options';

const env = validateEnvironment(process.env as Record<string, unknown>);

/**
 * Entry point of the TypeORM CLI (`npm run migration:run`, `npm run migration:generate`): PostgreSQL itself
 * (DATABASE_DIRECT_URL), never the pooler. Deployments run `node dist/libs/database/src/migrate.js` instead, which
 * takes the migration lock.
 */
export default new DataSource(buildDataSourceOptions({ url: directDatabaseUrl(env), logging: true }));
