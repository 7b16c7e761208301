import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { OpenAPIObject } from '@nestjs/swagger';
import { contractGaps } from './openapi';
import { openApiDocumentWithoutServices } from './openapi-document';

/** The committed contract the web app's types are generated from (apps/web: npm run api-types). */
export const OPENAPI_JSON = join(__dirname, '../../../../openapi.json');

describe('the OpenAPI contract', () => {
  let document: OpenAPIObject;
  let facts: Awaited<ReturnType<typeof openApiDocumentWithoutServices>>['facts'];

  beforeAll(async () => {
    ({ document, facts } = await openApiDocumentWithoutServices());
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(OPENAPI_JSON, `${JSON.stringify(document, null, 2)}\n`);
  });

  it('declares for every operation a summary, its success response with a schema, its problem codes and its security', () => {
    const operations = Object.values(document.paths).flatMap((item) => Object.keys(item));
    expect(operations.length).toBeGreaterThan(70);
    // Each line names the operation and what it lacks; declare it with @ApiContract (see README: "The API contract").
    expect(contractGaps(document, facts)).toEqual([]);
  });

  it('publishes the problem-code catalogue on the Problem schema and in the description', () => {
    const problem = document.components?.schemas?.Problem as { properties: { code: { enum: string[] } } };
    expect(problem.properties.code.enum).toEqual(
      expect.arrayContaining(['validation_failed', 'feedback_blind', 'decision_already_recorded', 'role_not_open']),
    );
    expect(document.info.description).toContain('| `feedback_blind` | 403 |');
  });

  it('is the document committed in openapi.json (regenerate with `npm run openapi`)', () => {
    const committed = JSON.parse(readFileSync(OPENAPI_JSON, 'utf8')) as OpenAPIObject;
    const live = JSON.parse(JSON.stringify(document)) as OpenAPIObject;
    const changed = [
      ...Object.keys({ ...committed.paths, ...live.paths }).filter((p) => !isDeepStrictEqual(committed.paths[p], live.paths[p])),
      ...Object.keys({ ...committed.components?.schemas, ...live.components?.schemas })
        .filter((s) => !isDeepStrictEqual(committed.components?.schemas?.[s], live.components?.schemas?.[s]))
        .map((s) => `#/components/schemas/${s}`),
    ];
    if (!isDeepStrictEqual(committed, live)) {
      throw new Error(
        `openapi.json is out of date (run \`npm run openapi\`, then rebuild the web app's types); changed: ${changed.join(', ') || 'info, tags or servers'}`,
      );
    }
  });
});
