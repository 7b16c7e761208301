import type { Response } from 'supertest';
import { createTestApp, TestApp } from '@hireloop/testing';
import {
  createWriteScene,
  endpointKey,
  fillPath,
  organizationFingerprint,
  WRITE_ENDPOINTS,
  WriteEndpoint,
  WriteScene,
} from '@hireloop/testing/write-endpoints';

/**
 * `null` in a PATCH body, field by field: every field of every PATCH endpoint's request schema (read from the
 * OpenAPI document, nested objects included, so a field the catalogue's valid body leaves out is covered too) is set
 * to null in an otherwise valid body. The rule: null clears a field the schema marks nullable; on any other field it
 * is refused with 400 naming that field, and nothing is written. A list's entries may not be null either. Never 500
 * (a NOT NULL violation), and never stored as null where the API documents a value.
 */

jest.setTimeout(180_000);

type Schema = { $ref?: string; type?: string; nullable?: boolean; properties?: Record<string, Schema>; allOf?: Schema[]; items?: Schema };
type OpenApi = {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
};
type Field = { path: string[]; nullable: boolean; list: boolean };

describe('null in PATCH bodies', () => {
  let t: TestApp;
  let scene: WriteScene;
  let doc: OpenApi;

  beforeAll(async () => {
    t = await createTestApp();
    scene = await createWriteScene(t);
    doc = (await t.http.get('/docs-json').expect(200)).body as OpenApi;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const resolve = (s: Schema): Schema =>
    s.$ref ? resolve(doc.components.schemas[s.$ref.split('/').pop()!]) : s.allOf?.length === 1 ? { ...resolve(s.allOf[0]), nullable: s.nullable } : s;

  /** Every property of a request schema, depth first, with its dotted path. */
  function fieldsOf(schema: Schema, prefix: string[] = []): Field[] {
    return Object.entries(resolve(schema).properties ?? {}).flatMap(([name, property]) => {
      const resolved = resolve(property);
      const field = { path: [...prefix, name], nullable: Boolean(property.nullable ?? resolved.nullable), list: resolved.type === 'array' };
      return [field, ...(resolved.properties ? fieldsOf(resolved, field.path) : [])];
    });
  }

  /** The valid body with `value` at `path` (objects on the way created when the valid body has none). */
  function bodyWith(e: WriteEndpoint, path: string[], value: unknown): Record<string, unknown> {
    const body = structuredClone(e.body!(scene)) as Record<string, unknown>;
    let node = body;
    for (const key of path.slice(0, -1)) node = node[key] = node[key] && typeof node[key] === 'object' ? (node[key] as Record<string, unknown>) : {};
    node[path[path.length - 1]] = value;
    return body;
  }

  const patchEndpoints = WRITE_ENDPOINTS.filter((e) => e.method === 'PATCH' && e.body);
  const send = (e: WriteEndpoint, body: unknown): Promise<Response> => {
    const req = t.http.patch(fillPath(e.path, e.params(scene)));
    const actor = e.actor(scene);
    return (actor ? req.set(actor.auth) : req).send(body as object);
  };
  const valueAt = (body: unknown, path: string[]): unknown =>
    path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), body);

  it('covers the PATCH endpoints of roles, dimensions, rounds and questions (and every other one)', () => {
    const keys = patchEndpoints.map(endpointKey);
    expect(keys).toEqual(
      expect.arrayContaining([
        'PATCH /v1/roles/:id',
        'PATCH /v1/roles/:id/dimensions/:dimensionId',
        'PATCH /v1/roles/:id/rounds/:roundId',
        'PATCH /v1/questions/:id',
      ]),
    );
    for (const e of patchEndpoints)
      expect({ e: endpointKey(e), schema: Boolean(doc.paths[e.path.replace(/:(\w+)/g, '{$1}')]?.patch?.requestBody) }).toEqual({
        e: endpointKey(e),
        schema: true,
      });
  });

  it('null clears a nullable field and is refused, naming the field and writing nothing, on any other', async () => {
    const failures: string[] = [];
    let tried = 0;
    for (const e of patchEndpoints) {
      const schema = doc.paths[e.path.replace(/:(\w+)/g, '{$1}')].patch.requestBody!.content['application/json'].schema;
      const fields = fieldsOf(schema);
      const cases = [
        ...fields.map((f) => ({ f, value: null as unknown, label: 'null' })),
        ...fields.filter((f) => f.list).map((f) => ({ f, value: [null] as unknown, label: '[null]' })),
      ];
      for (const { f, value, label } of cases) {
        tried++;
        const field = f.path.join('.');
        const what = `${endpointKey(e)} ${field}: ${label}`;
        const before = await organizationFingerprint(t.dataSource, scene.organizationId);
        const res = await send(e, bodyWith(e, f.path, value));
        const errorFields: string[] = (res.body?.errors ?? []).map((x: { field: string }) => x.field);
        if (f.nullable && value === null) {
          if (res.status !== 200) failures.push(`${what} (nullable) → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
          else if (valueAt(res.body, f.path) !== undefined && valueAt(res.body, f.path) !== null)
            failures.push(`${what} (nullable) → 200 but ${field} is ${JSON.stringify(valueAt(res.body, f.path))}`);
        } else if (res.status !== 400 || !String(res.headers['content-type']).includes('application/problem+json')) {
          failures.push(`${what} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        } else if (!errorFields.some((x) => x === field || x.startsWith(`${field}.`))) {
          failures.push(`${what} → 400 without an error on ${field}: ${JSON.stringify(errorFields)}`);
        } else {
          const after = await organizationFingerprint(t.dataSource, scene.organizationId);
          const written = Object.keys(after).filter((table) => after[table] !== before[table]);
          if (written.length) failures.push(`${what} → 400 but ${written.join(', ')} changed`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThan(60);
  });

  it('a dimension signal list: null is a 400 on signals.strong, [] clears it', async () => {
    const url = `/v1/roles/${scene.draftRole.roleId}/dimensions/${scene.draftRole.dimensions.coding.id}`;
    const auth = scene.team.recruiter.auth;
    await t.http
      .patch(url)
      .set(auth)
      .send({ signals: { strong: ['Tests first'], weak: ['Guesses'], redFlags: ['Blames the compiler'] } })
      .expect(200);
    const refused = await t.http
      .patch(url)
      .set(auth)
      .send({ signals: { strong: null } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'validation_failed',
      errors: expect.arrayContaining([expect.objectContaining({ field: 'signals.strong' })]),
    });
    const cleared = await t.http
      .patch(url)
      .set(auth)
      .send({ signals: { strong: [] } })
      .expect(200);
    expect(cleared.body.dimension.signals).toEqual({ strong: [], weak: ['Guesses'], redFlags: ['Blames the compiler'] });
  });
});
