import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';

/** Entry point of the TypeORM CLI (`npm run migration:run`, `npm run migration:generate`). */
export default new DataSource(
  buildDataSourceOptions({ url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hireloop', logging: true }),
);
