import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../libs/database/src/data-source-options';
import { ALL_ENTITIES } from '../../libs/core/src/entities';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp, createFastifyAdapter } from '../../apps/api/src/bootstrap';

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<typeof request>;
  /**
   * The owner's connection (DATABASE_URL), outside row-level security: for fixtures and for checking what is stored.
   * The API itself connects as its own role (`appDataSource`).
   */
  dataSource: DataSource;
  /** The API's own DataSource (role hireloop_app, subject to row-level security). */
  appDataSource: DataSource;
  /**
   * How `signupOrganization` reads the token of a verification mail. Unset: from the pending email delivery (no
   * worker sends it meanwhile). Tests whose workers really send mail read the received message instead.
   */
  readVerificationToken?: (email: string) => Promise<string>;
  close(): Promise<void>;
}

/**
 * The real API (same module, pipes, filters and Fastify settings as production) on the test database. `env`: settings
 * of this app only (e.g. `{ TRUST_PROXY: '127.0.0.1' }`), in the environment while it reads its configuration and
 * restored after.
 */
export async function createTestApp(options: { env?: Record<string, string> } = {}): Promise<TestApp> {
  const env = options.env ?? {};
  const saved = Object.keys(env).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, env);
  try {
    return await startTestApp();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

async function startTestApp(): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(Number(process.env.BODY_LIMIT_BYTES ?? 1_048_576)), {
    logger: false,
  });
  await configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const owner = await new DataSource(buildDataSourceOptions({ url: process.env.DATABASE_URL!, entities: ALL_ENTITIES, poolSize: 20 })).initialize();
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource: owner,
    appDataSource: app.get(DataSource),
    close: async () => {
      await app.close();
      await owner.destroy();
    },
  };
}
