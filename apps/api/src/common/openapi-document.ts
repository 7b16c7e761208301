import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { OpenAPIObject } from '@nestjs/swagger';
import { ApiModule } from '../api.module';
import { applyGlobalPrefix } from '../bootstrap';
import { buildOpenApiDocument, routeFacts } from './openapi';

/**
 * The OpenAPI document without a database or Redis: Nest's preview mode reads the modules' metadata and creates no
 * provider. Used to dump openapi.json (the file the web app's types are generated from) and by the contract spec.
 */
export async function openApiDocumentWithoutServices(): Promise<{ document: OpenAPIObject; facts: ReturnType<typeof routeFacts> }> {
  const app = await NestFactory.create(ApiModule, new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
  try {
    applyGlobalPrefix(app as unknown as INestApplication);
    const document = buildOpenApiDocument(app as unknown as INestApplication);
    return { document, facts: routeFacts(app as unknown as INestApplication) };
  } finally {
    await app.close();
  }
}
