import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const API_PATHS = /^\/(v1|docs|docs-json|health|admin)(\/|$|\?)/;

/** Where `npm run build:web` puts the single-page app. */
export function webDistDir(): string {
  return join(process.cwd(), 'apps', 'web', 'dist');
}

let indexHtml: string | undefined;

/** Serves the built web app under `/` (assets as files; any other page path gets index.html). */
export async function serveWebApp(app: NestFastifyApplication): Promise<boolean> {
  const root = webDistDir();
  const index = join(root, 'index.html');
  if (!existsSync(index)) return false;
  indexHtml = readFileSync(index, 'utf8');
  await app.register(fastifyStatic as never, { root, prefix: '/', wildcard: false, index: ['index.html'] });
  return true;
}

/** For a browser asking for a client-side route (e.g. /roles/123), answer with the app instead of a 404. */
export function sendWebAppForPage(request: FastifyRequest, reply: FastifyReply): boolean {
  if (!indexHtml || request.method !== 'GET') return false;
  const path = request.url;
  if (API_PATHS.test(path) || /\.[a-z0-9]{1,8}(\?|$)/i.test(path)) return false;
  if (!String(request.headers.accept ?? '').includes('text/html')) return false;
  void reply.status(200).header('content-type', 'text/html; charset=utf-8').send(indexHtml);
  return true;
}
