import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../../apps/api/src/api.module';
import { configureApp, createFastifyAdapter } from '../../../apps/api/src/bootstrap';

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** The real API (same module, pipes, filters and Fastify settings as production) on the test database. */
export async function createTestApp(): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(Number(process.env.BODY_LIMIT_BYTES ?? 1_048_576)), { logger: false });
  await configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    close: () => app.close(),
  };
}
