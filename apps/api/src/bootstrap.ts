import fastifyCookie from '@fastify/cookie';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppConfig, validateEnvironment } from '@hireloop/config';
import { installHttpMetrics, installRequestContext } from '@hireloop/core/observability';
import { runWithScope, TenantScope } from '@hireloop/database';
import { ApiModule } from './api.module';
import { buildOpenApiDocument } from './common/openapi';
import { createValidationPipe } from './common/validation';
import { serveWebApp } from './common/web-app';

export const API_PREFIX = 'v1';

/**
 * Fastify's `trustProxy` from TRUST_PROXY: empty → false (req.ip is the socket address, X-Forwarded-For ignored);
 * a number → that many proxy hops; otherwise the comma-separated addresses/CIDRs of the trusted proxies.
 */
export function trustProxySetting(value: string | undefined): boolean | number | string[] {
  const v = (value ?? '').trim();
  if (v === '') return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

export function createFastifyAdapter(
  bodyLimit: number,
  trustProxy: string | undefined = validateEnvironment(process.env as Record<string, unknown>).TRUST_PROXY,
): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit,
    trustProxy: trustProxySetting(trustProxy),
    logger: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  } as never);
}

/** Every route under /v1 but the health probes (also applied where only the OpenAPI document is built). */
export function applyGlobalPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
}

/** Everything both main.ts and the tests apply, so the tests run the same app as production. */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  applyGlobalPrefix(app);
  app.useGlobalPipes(createValidationPipe());
  // SIGTERM/SIGINT: stop taking requests, finish those in flight, close the pools, then exit 0 (which also lets
  // the logger flush).
  app.enableShutdownHooks([], { useProcessExit: true });

  const fastify = app.getHttpAdapter().getInstance();
  installHttpMetrics(fastify);
  installRequestContext(fastify);
  // Every request runs in its own, initially empty, database scope (row-level security sees nothing); the JWT
  // strategy fills in the organization of the verified token. Entered again before validation: reading the body may
  // resume on another async path.
  fastify.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    const scope: TenantScope = {};
    (request as FastifyRequest & { dbScope?: TenantScope }).dbScope = scope;
    runWithScope(scope, done);
  });
  fastify.addHook('preValidation', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    runWithScope((request as FastifyRequest & { dbScope?: TenantScope }).dbScope ?? {}, done);
  });
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    void reply.header('x-request-id', request.id);
  });
  // A request still in flight when the server starts closing answers with `Connection: close`. Otherwise its
  // keep-alive socket stays open after the response and holds the close (and the process) until the keep-alive
  // timeout, which a supervisor ends with SIGKILL.
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (_request: FastifyRequest, reply: FastifyReply) => {
    if (closing) void reply.header('connection', 'close');
  });
  // Errors raised by Fastify before a route runs (malformed JSON, body too large) reach ProblemDetailsFilter too.

  // Parses the browser session cookies (auth/session-cookie.ts); nothing is signed by the plugin (the token is a JWT).
  await app.register(fastifyCookie as never);
  // Helmet's middleware is built once: @fastify/helmet built it again (parsing the CSP directives) on every request,
  // ~3 % of the API's CPU per submission (bench/README, issue 17). The headers are the same for every route.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Scripts only from our own files: no inline scripts or handlers (Vite and Swagger UI load external files).
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
      },
    },
  });
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, next: (error?: Error) => void) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) => next(error as Error | undefined));
  });

  const origins = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (origins.length > 0) {
    // Credentials (the session cookie) only for origins named one by one: `*` would let any site read a signed-in
    // member's data with their cookie.
    const any = origins.includes('*');
    app.enableCors({ origin: any ? true : origins, credentials: !any, exposedHeaders: ['x-request-id'] });
  }

  const document = buildOpenApiDocument(app as unknown as INestApplication);
  if (config.SERVE_WEB) await serveWebApp(app);

  SwaggerModule.setup('docs', app as unknown as INestApplication, document, { jsonDocumentUrl: 'docs-json' });
}

export async function createApiApp(): Promise<NestFastifyApplication> {
  const env = validateEnvironment(process.env as Record<string, unknown>);
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, createFastifyAdapter(env.BODY_LIMIT_BYTES, env.TRUST_PROXY), {
    bufferLogs: true,
  });
  await configureApp(app);
  return app;
}
