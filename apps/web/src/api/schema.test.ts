import { readFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';

/** schema.ts is generated from the API's openapi.json (npm run api-types); the build regenerates it, this keeps the committed copy honest. */
describe('the generated API types', () => {
  it('are those of the committed OpenAPI document (run `npm run api-types` after `npm run openapi` at the root)', async () => {
    const document = new URL('../../../../openapi.json', import.meta.url);
    const generated = astToString(await openapiTS(document, { defaultNonNullable: false, enumValues: true }));
    const committed = readFileSync(new URL('./schema.ts', import.meta.url), 'utf8');
    expect(committed.endsWith(generated), 'src/api/schema.ts is out of date: run `npm run api-types`').toBe(true);
  }, 60_000);
});
