import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Response } from 'supertest';
import {
  Actor,
  completeScorecard,
  createTestApp,
  interviewWindow,
  routeTable,
  RouteDeclaration,
  scheduleInterview,
  TestApp,
  uniqueEmail,
} from '@hireloop/testing';
import {
  createWriteScene,
  endpointKey,
  fillPath,
  organizationFingerprint,
  uncataloguedWriteRoutes,
  WRITE_ENDPOINTS,
  WriteEndpoint,
  WriteScene,
} from '@hireloop/testing/write-endpoints';

/**
 * Bad input, property-based: for every write endpoint, arbitrary JSON bodies and mutations of a valid body (wrong
 * types, missing and extra fields, huge numbers, NaN-like strings, very long strings, unicode with emoji, RTL and NUL,
 * deep arrays) never get a 500, a refusal is problem+json, and a refused request writes nothing. Also: malformed JSON
 * is a 400, an oversized body a 413, long non-ASCII text comes back byte for byte, SQL-looking query strings are
 * harmless. Seeded, so a failure replays; FUZZ_SEED and FUZZ_RUNS override the defaults.
 */

jest.setTimeout(180_000);

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

// ----------------------------------------------------------------------------------------------------------------
// Values that break naive code
// ----------------------------------------------------------------------------------------------------------------

const NASTY_STRINGS = [
  '',
  ' ',
  '\t\n',
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C',
  '\u200F\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627',
  '👩‍👩‍👧‍👦🏳️‍🌈❤️',
  '\uFEFFbom',
  '\uD800',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '-0',
  '0x1F',
  'null',
  'undefined',
  'true',
  '{}',
  '[]',
  "' OR 1=1 --",
  '%',
  '_',
  '\\',
  ';DROP TABLE candidates;--',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '00000000-0000-0000-0000-000000000000',
  randomUUID(),
  '2026-02-30T25:61:00Z',
  'x'.repeat(20_000),
  'é'.repeat(6_000),
  '🙂'.repeat(3_000),
];

const NASTY_NUMBERS = [
  0,
  -0,
  -1,
  1.5,
  0.1 + 0.2,
  1e-320,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  1e308,
  -1e308,
  123456789.123456,
];

/** [[[[…]]]] nested `depth` levels. */
const deepArray = (depth: number): unknown => {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};
/** {"a":{"a":…}} nested `depth` levels. */
const deepObject = (depth: number): unknown => {
  let v: unknown = {};
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

const nastyString = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
);
const nastyNumber = fc.oneof(fc.constantFrom(...NASTY_NUMBERS), fc.double(), fc.integer());
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: nastyString, weight: 4 },
  { arbitrary: nastyNumber, weight: 3 },
  { arbitrary: fc.constantFrom<unknown>(true, false, null, [], {}, [null], [[[]]], { '': '' }), weight: 2 },
  { arbitrary: fc.array(nastyString, { maxLength: 4 }), weight: 1 },
  { arbitrary: fc.constantFrom(deepArray(200), deepArray(1_000), deepObject(200), deepObject(1_000)), weight: 1 },
  { arbitrary: fc.anything({ maxDepth: 3 }), weight: 1 },
);
const extraKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'organizationId', 'status', '$where', ''),
  fc.string({ maxLength: 12 }),
);

// ----------------------------------------------------------------------------------------------------------------
// Mutations of a valid body
// ----------------------------------------------------------------------------------------------------------------

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push([...prefix, i], ...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push([...prefix, k], ...pathsOf(v, [...prefix, k]));
  return out;
}

function containersOf(value: unknown, prefix: Path = []): Path[] {
  if (!value || typeof value !== 'object') return [];
  const inner = Array.isArray(value)
    ? value.flatMap((v, i) => containersOf(v, [...prefix, i]))
    : Object.entries(value).flatMap(([k, v]) => containersOf(v, [...prefix, k]));
  return Array.isArray(value) ? inner : [prefix, ...inner];
}

/** Sets an own, enumerable property, so that `__proto__` becomes a JSON key rather than a prototype. */
function define(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

/** A JSON object or array of a request body, indexed by key or position. */
type JsonNode = Record<string | number, unknown>;

function at(root: unknown, path: Path): JsonNode {
  return path.reduce<JsonNode>((node, key) => node[key] as JsonNode, root as JsonNode);
}

type Mutation = { op: 'replace'; path: Path; value: unknown } | { op: 'delete'; path: Path } | { op: 'add'; path: Path; key: string; value: unknown };

function applyMutation(body: unknown, m: Mutation): unknown {
  const copy = structuredClone(body);
  if (m.op === 'add') {
    define(at(copy, m.path), m.key, m.value);
    return copy;
  }
  const parent = at(copy, m.path.slice(0, -1));
  const key = m.path[m.path.length - 1];
  if (m.op === 'replace') define(parent, key, m.value);
  else if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
  return copy;
}

function mutationsOf(valid: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(valid);
  const containers = containersOf(valid);
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('replace' as const), path: fc.constantFrom(...paths), value: nastyValue }), weight: 5 },
    { arbitrary: fc.record({ op: fc.constant('delete' as const), path: fc.constantFrom(...paths) }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('add' as const), path: fc.constantFrom(...containers), key: extraKey, value: nastyValue }), weight: 1 },
  );
  // Several mutations at once; a later one may name a path an earlier one removed: then it is skipped.
  return fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) =>
    ms.reduce((body, m) => {
      try {
        return applyMutation(body, m);
      } catch {
        return body;
      }
    }, valid),
  );
}

/** Any JSON at all, objects of any shape, and (mostly) near-misses of a valid body. */
function bodies(valid: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: mutationsOf(valid), weight: 6 },
    { arbitrary: fc.anything({ maxDepth: 3 }), weight: 1 },
    { arbitrary: fc.object({ maxDepth: 2 }), weight: 1 },
    { arbitrary: fc.constantFrom<unknown>(null, [], 0, '', 'text', true, [valid], deepArray(1_000)), weight: 1 },
  );
}

// ----------------------------------------------------------------------------------------------------------------

describe('bad input: every write endpoint', () => {
  let t: TestApp;
  let routes: RouteDeclaration[];
  let scene: WriteScene;

  beforeAll(async () => {
    t = await createTestApp();
    routes = routeTable(t.app);
    scene = await createWriteScene(t);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const fingerprint = () => organizationFingerprint(t.dataSource, scene.organizationId);

  function request(method: string, url: string, actor: Actor | undefined) {
    const req = t.http[method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete'](url);
    if (actor) req.set(actor.auth);
    return req;
  }

  /** Sends `body` serialized as JSON (undefined: an empty body with a JSON content type). */
  function sendJson(e: WriteEndpoint, body: unknown): Promise<Response> {
    const req = request(e.method, fillPath(e.path, e.params(scene)), e.actor(scene)).set('content-type', 'application/json');
    const text = JSON.stringify(body);
    return text === undefined ? req : req.send(text);
  }

  /** A refusal is RFC 9457 problem+json naming its status and a code. */
  function expectProblem(res: Response, context: string): void {
    expect({ context, status: res.status, type: res.headers['content-type'] }).toEqual({
      context,
      status: res.status,
      type: expect.stringContaining('application/problem+json'),
    });
    expect(res.body).toMatchObject({ status: res.status, type: expect.any(String), title: expect.any(String), code: expect.any(String) });
  }

  it('has a catalogue entry for every write route of the app, and none for a route that does not exist', () => {
    expect(uncataloguedWriteRoutes(routes)).toEqual({ missing: [], stale: [] });
  });

  it('starts from valid bodies: on a fresh organization, every catalogue body is accepted (so mutations are near-misses)', async () => {
    const fresh = await createWriteScene(t);
    const refused: string[] = [];
    for (const e of WRITE_ENDPOINTS.filter((x) => x.body)) {
      const req = request(e.method, fillPath(e.path, e.params(fresh)), e.actor(fresh));
      const res = await req.send(e.body!(fresh));
      if (res.status >= 300) refused.push(`${endpointKey(e)} → ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(refused).toEqual([]);
  });

  // Organization settings last: a fuzzed minEvidenceLength would make later scorecard bodies shallow.
  const fuzzOrder = [
    ...WRITE_ENDPOINTS.filter((e) => e.body && e.path !== '/v1/organization'),
    ...WRITE_ENDPOINTS.filter((e) => e.body && e.path === '/v1/organization'),
  ];

  describe.each(fuzzOrder.map((e, i) => [endpointKey(e), e, i] as const))('%s', (_key, endpoint, index) => {
    it(`never answers 500, refuses with problem+json and a refusal writes nothing (${RUNS} bodies)`, async () => {
      const valid = endpoint.body!(scene);
      const seen = { accepted: 0, refused: 0 };
      // The state before each request: after a refusal it is the state measured after it (nothing changed).
      let before: Record<string, string> | undefined;
      await fc.assert(
        fc.asyncProperty(bodies(valid), async (body) => {
          before ??= await fingerprint();
          const res = await sendJson(endpoint, body);
          expect({ status: res.status, body: res.status >= 500 ? res.body : undefined }).toEqual({ status: expect.any(Number), body: undefined });
          if (res.status >= 400) {
            seen.refused++;
            expectProblem(res, endpointKey(endpoint));
            expect(await fingerprint()).toEqual(before);
          } else {
            seen.accepted++;
            before = undefined;
          }
        }),
        { numRuns: RUNS, seed: SEED + index, endOnFailure: true },
      );
      expect(seen.refused).toBeGreaterThan(RUNS / 2);
    });
  });

  describe('malformed and oversized bodies', () => {
    const writeRoutes = () => WRITE_ENDPOINTS;
    const MALFORMED = [
      '{"a": ',
      '{a: 1}',
      "{'a': 1}",
      '[1, 2',
      '{"a": 1}}',
      '{"a": NaN}',
      '{"a": undefined}',
      '\u0000',
      '{"a": "\\x41"}',
      '{"__proto__": {"admin": true}}',
      '{"constructor": {"prototype": {"x": 1}}}',
    ];

    it('answers malformed JSON with 400 problem+json on every write route, before anything runs', async () => {
      const failures: string[] = [];
      const before = await fingerprint();
      for (const e of writeRoutes()) {
        for (const text of MALFORMED) {
          const res = await request(e.method, fillPath(e.path, e.params(scene)), e.actor(scene))
            .set('content-type', 'application/json')
            .send(text);
          const problem = String(res.headers['content-type']).includes('application/problem+json') && res.body?.status === 400;
          if (res.status !== 400 || !problem) failures.push(`${endpointKey(e)} ${JSON.stringify(text)} → ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
      expect(failures).toEqual([]);
      // Nothing ran: not even the bodyless deletes and state changes (erase, deactivate, open, close, cancel…).
      expect(await fingerprint()).toEqual(before);
    });

    it('answers an empty JSON body and a non-JSON content type with a 4xx problem+json, never 500', async () => {
      const failures: string[] = [];
      for (const e of writeRoutes().filter((x) => x.body)) {
        const url = fillPath(e.path, e.params(scene));
        const empty = await request(e.method, url, e.actor(scene)).set('content-type', 'application/json');
        const plain = await request(e.method, url, e.actor(scene))
          .set('content-type', 'text/plain')
          .send(JSON.stringify(e.body!(scene)));
        const xml = await request(e.method, url, e.actor(scene)).set('content-type', 'application/xml').send('<a>1</a>');
        for (const [what, res] of [
          ['empty', empty],
          ['text/plain', plain],
          ['xml', xml],
        ] as const) {
          if (res.status < 400 || res.status >= 500 || !String(res.headers['content-type']).includes('application/problem+json'))
            failures.push(`${endpointKey(e)} ${what} → ${res.status}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('answers very deeply nested JSON with a 4xx problem+json, never 500', async () => {
      const failures: string[] = [];
      const before = await fingerprint();
      for (const depth of [40, 100_000]) {
        const text = `{"name": ${'['.repeat(depth)}${']'.repeat(depth)}, "email": "a@b.test"}`;
        for (const e of WRITE_ENDPOINTS.filter((x) => x.body)) {
          const res = await request(e.method, fillPath(e.path, e.params(scene)), e.actor(scene))
            .set('content-type', 'application/json')
            .send(text);
          if (res.status < 400 || res.status >= 500 || !String(res.headers['content-type']).includes('application/problem+json'))
            failures.push(`${endpointKey(e)} depth ${depth} → ${res.status}`);
        }
      }
      expect(failures).toEqual([]);
      expect(await fingerprint()).toEqual(before);
    });

    it('answers bodies over the limit with 413 problem+json on every write route', async () => {
      const limit = Number(process.env.BODY_LIMIT_BYTES ?? 1_048_576);
      const huge = JSON.stringify({ name: 'x'.repeat(limit + 10) });
      const failures: string[] = [];
      const before = await fingerprint();
      for (const e of writeRoutes()) {
        const res = await request(e.method, fillPath(e.path, e.params(scene)), e.actor(scene))
          .set('content-type', 'application/json')
          .send(huge);
        if (
          res.status !== 413 ||
          res.body?.code !== 'payload_too_large' ||
          !String(res.headers['content-type']).includes('application/problem+json')
        ) {
          failures.push(`${endpointKey(e)} → ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
      expect(failures).toEqual([]);
      expect(await fingerprint()).toEqual(before);
      // Just under the limit is read and judged on its content (a validation error, not a 413).
      const under = await t.http
        .post('/v1/candidates')
        .set(scene.team.recruiter.auth)
        .send({ name: 'x'.repeat(limit - 200), email: uniqueEmail() });
      expect(under.status).toBe(400);
      expect(under.body.errors.map((x: { field: string }) => x.field)).toEqual(['name']);
    });
  });

  describe('refused multi-row writes leave nothing behind', () => {
    it('a scorecard submission refused late (after shape validation) stores no scorecard, rating, revision or outbox row, and keeps the draft', async () => {
      const [, , carol] = scene.team.interviewers;
      const round = scene.openRole.rounds.technical;
      const interviewId = await scheduleInterview(t, scene.team.recruiter, scene.applications.main, round.id, [carol]);
      await t.http.put(`/v1/interviews/${interviewId}/scorecard`).set(carol.auth).send({ recommendation: 'no', privateNote: 'draft' }).expect(200);
      const valid = completeScorecard(round);
      const lateRefusals: [string, unknown][] = [
        [
          'a dimension outside the round',
          {
            ...valid,
            ratings: [
              ...valid.ratings.slice(0, 1),
              { dimensionId: scene.openRole.dimensions.design.id, rating: 3, evidence: valid.ratings[0].evidence },
            ],
          },
        ],
        ['evidence too short on the last rating', { ...valid, ratings: [valid.ratings[0], { ...valid.ratings[1], evidence: 'ok' }] }],
        ['a signal that is not listed', { ...valid, signals: [{ dimensionId: round.focusDimensionIds[0], kind: 'strong', text: 'Juggles' }] }],
        ['a red flag that is not listed', { ...valid, redFlags: ['Wore a hat'] }],
        [
          'a dimension id of another role',
          { ...valid, ratings: [valid.ratings[0], { ...valid.ratings[1], dimensionId: scene.draftRole.dimensions.coding.id }] },
        ],
        [
          'a rated dimension also marked not assessed',
          { ...valid, ratings: [valid.ratings[0], { ...valid.ratings[1], notAssessed: true, notAssessedReason: 'no time' }] },
        ],
      ];
      for (const [what, body] of lateRefusals) {
        const before = await fingerprint();
        const res = await t.http
          .post(`/v1/interviews/${interviewId}/scorecard/submit`)
          .set(carol.auth)
          .send(body as object);
        expect({ what, refused: [400, 409, 422].includes(res.status) }).toEqual({ what, refused: true });
        expectProblem(res, what);
        expect({ what, after: await fingerprint() }).toEqual({ what, after: before });
      }
      const draft = await t.http.get(`/v1/interviews/${interviewId}/scorecard`).set(carol.auth).expect(200);
      expect(draft.body).toMatchObject({ status: 'draft', recommendation: 'no', privateNote: 'draft' });
      // The same interview accepts a correct submission afterwards: the refusals were not stuck half-way.
      await t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(carol.auth).send(valid).expect(200);
    });

    it('a role from a template refused for its hiring manager creates no role, dimension, round, question or loop version', async () => {
      const interviewerOnly = scene.team.interviewers[0].memberId;
      for (const hiringManagerId of [randomUUID(), interviewerOnly, scene.spareMember.memberId]) {
        const before = await fingerprint();
        const res = await t.http
          .post('/v1/roles/from-template')
          .set(scene.team.recruiter.auth)
          .send({ templateKey: 'senior-applied-scientist', hiringManagerId });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expectProblem(res, `hiringManagerId ${hiringManagerId}`);
        expect(await fingerprint()).toEqual(before);
      }
    });

    it('weights of an open role that would not sum to 100, or name an unknown dimension, change nothing', async () => {
      const { coding, design, communication } = scene.openRole.dimensions;
      const cases = [
        [
          { dimensionId: coding.id, weight: 50 },
          { dimensionId: design.id, weight: 35 },
        ],
        [
          { dimensionId: coding.id, weight: 30 },
          { dimensionId: design.id, weight: 45 },
          { dimensionId: randomUUID(), weight: 25 },
        ],
        [
          { dimensionId: coding.id, weight: 30 },
          { dimensionId: design.id, weight: 45 },
          { dimensionId: coding.id, weight: 25 },
        ],
        [
          { dimensionId: coding.id, weight: 30 },
          { dimensionId: design.id, weight: 45 },
          { dimensionId: communication.id, weight: 24.5 },
        ],
      ];
      for (const weights of cases) {
        const before = await fingerprint();
        const res = await t.http.put(`/v1/roles/${scene.openRole.roleId}/weights`).set(scene.team.recruiter.auth).send({ weights });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expectProblem(res, JSON.stringify(weights));
        expect(await fingerprint()).toEqual(before);
      }
      const role = await t.http.get(`/v1/roles/${scene.openRole.roleId}`).set(scene.team.recruiter.auth).expect(200);
      expect(Object.fromEntries(role.body.dimensions.map((d: { id: string; weight: number }) => [d.id, d.weight]))).toEqual({
        [coding.id]: 40,
        [design.id]: 35,
        [communication.id]: 25,
      });
    });

    it('an interview refused for one of its interviewers is not scheduled at all', async () => {
      const { interviewers, recruiter, admin } = scene.team;
      for (const stranger of [randomUUID(), recruiter.memberId, admin.memberId]) {
        const before = await fingerprint();
        const res = await t.http
          .post(`/v1/applications/${scene.applications.main}/interviews`)
          .set(recruiter.auth)
          .send({ roundId: scene.openRole.rounds.pairing.id, interviewerIds: [interviewers[0].memberId, stranger], ...interviewWindow(72) });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(await fingerprint()).toEqual(before);
      }
    });
  });

  describe('long and non-ASCII text is stored and returned intact', () => {
    /** Mixed scripts, combining marks, emoji with ZWJ and skin tones, RTL: exactly `codePoints` code points, no outer spaces. */
    function mixedText(codePoints: number, seed = 0): string {
      const pieces = [
        'Zoë',
        'Ελληνικά',
        'Кириллица',
        'עִברִית',
        'العربية',
        '中文字符',
        '日本語かな',
        '한국어',
        'हिन्दी',
        'ไทย',
        'e\u0301',
        '👩🏽‍💻',
        '🧑‍🤝‍🧑',
        '🇯🇵',
        '\u200F',
        '𝔘𝔫𝔦',
        '∑∫√',
        '‘quotes’',
        '"\\/',
      ];
      const cps: string[] = [];
      for (let i = seed; cps.length < codePoints; i++) cps.push(...Array.from(pieces[i % pieces.length] + ' '));
      const text = cps.slice(0, codePoints);
      text[0] = 'A';
      text[text.length - 1] = 'Z';
      return text.join('');
    }
    const bytes = (s: string) => Buffer.from(s, 'utf8').toString('hex');

    it('a candidate name of 200 code points (the maximum) comes back byte-identical; 201 is a 400', async () => {
      const name = mixedText(200);
      const created = await t.http.post('/v1/candidates').set(scene.team.recruiter.auth).send({ name, email: uniqueEmail() }).expect(201);
      expect(bytes(created.body.name)).toBe(bytes(name));
      const read = await t.http.get(`/v1/candidates/${created.body.id}`).set(scene.team.recruiter.auth).expect(200);
      expect(bytes(read.body.name)).toBe(bytes(name));
      const tooLong = await t.http
        .post('/v1/candidates')
        .set(scene.team.recruiter.auth)
        .send({ name: mixedText(201), email: uniqueEmail() })
        .expect(400);
      expect(tooLong.body.errors.map((e: { field: string }) => e.field)).toEqual(['name']);
      const tenThousand = await t.http
        .post('/v1/candidates')
        .set(scene.team.recruiter.auth)
        .send({ name: mixedText(10_000), email: uniqueEmail() })
        .expect(400);
      expect(tenThousand.body.code).toBe('validation_failed');
    });

    it('any candidate name of printable graphemes comes back as sent (trimmed), in the response and on read', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }), async (raw) => {
          const name = Array.from(raw).slice(0, 200).join('');
          const expected = name.trim();
          const res = await t.http.post('/v1/candidates').set(scene.team.recruiter.auth).send({ name, email: uniqueEmail() });
          if (expected === '') {
            expect(res.status).toBe(400);
            return;
          }
          expect(res.status).toBe(201);
          expect(bytes(res.body.name)).toBe(bytes(expected));
          const read = await t.http.get(`/v1/candidates/${res.body.id}`).set(scene.team.recruiter.auth).expect(200);
          expect(bytes(read.body.name)).toBe(bytes(expected));
        }),
        { numRuns: 20, seed: SEED },
      );
    });

    it('a question prompt of 4,000 code points (the maximum) and its edit come back byte-identical', async () => {
      const prompt = mixedText(4_000);
      const created = await t.http
        .post('/v1/questions')
        .set(scene.team.recruiter.auth)
        .send({ prompt, pointsOfAssessment: [mixedText(2_000, 3)] })
        .expect(201);
      expect(bytes(created.body.prompt)).toBe(bytes(prompt));
      const read = await t.http.get(`/v1/questions/${created.body.id}`).set(scene.team.recruiter.auth).expect(200);
      expect(bytes(read.body.prompt)).toBe(bytes(prompt));
      expect(bytes(read.body.pointsOfAssessment[0])).toBe(bytes(mixedText(2_000, 3)));
      const edited = mixedText(4_000, 7);
      await t.http.patch(`/v1/questions/${created.body.id}`).set(scene.team.recruiter.auth).send({ prompt: edited }).expect(200);
      const again = await t.http.get(`/v1/questions/${created.body.id}`).set(scene.team.recruiter.auth).expect(200);
      expect(bytes(again.body.prompt)).toBe(bytes(edited));
    });

    it('scorecard evidence of 10,000 code points (the maximum) comes back byte-identical to the author, the hiring manager and in the history', async () => {
      const [alice] = scene.team.interviewers;
      const round = scene.openRole.rounds.design;
      const interviewId = await scheduleInterview(t, scene.team.recruiter, scene.applications.patch, round.id, [alice]);
      const evidence = mixedText(10_000);
      const note = mixedText(5_000, 5);
      const body = completeScorecard(round, { evidence, privateNote: note });
      const submitted = await t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(alice.auth).send(body).expect(200);
      for (const r of submitted.body.ratings) expect(bytes(r.evidence)).toBe(bytes(evidence));
      const hm = await t.http.get(`/v1/scorecards/${submitted.body.id}`).set(scene.team.hiringManager.auth).expect(200);
      for (const r of hm.body.ratings) expect(bytes(r.evidence)).toBe(bytes(evidence));
      expect(bytes(hm.body.privateNote)).toBe(bytes(note));
      expect(bytes(hm.body.history[0].content.ratings[0].evidence)).toBe(bytes(evidence));
      const own = await t.http.get(`/v1/interviews/${interviewId}/scorecard`).set(alice.auth).expect(200);
      expect(bytes(own.body.ratings[0].evidence)).toBe(bytes(evidence));
    });
  });

  describe('query strings that look like SQL', () => {
    const PAYLOADS = [
      "' OR 1=1 --",
      '%',
      '_',
      '\\',
      ';DROP TABLE candidates;--',
      '1; SELECT pg_sleep(5)--',
      '\u0000',
      "') UNION SELECT password_hash FROM users --",
    ];

    it('answer 200 or 400 (never 500, never slow) on every list route, for each query parameter it declares and one it does not', async () => {
      const doc = (await t.http.get('/docs-json').expect(200)).body as {
        paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
      };
      const lists = routes.filter((r) => r.method === 'GET' && !r.path.includes(':') && !r.isPublic);
      expect(lists.length).toBeGreaterThan(10);
      // The admin also holds the roles only some list routes allow (the fairness report is for compliance only).
      await t.http
        .patch(`/v1/members/${scene.team.admin.memberId}`)
        .set(scene.team.admin.auth)
        .send({ roles: ['admin', 'compliance'] })
        .expect(200);
      const failures: string[] = [];
      let requests = 0;
      for (const route of lists) {
        const declared = (doc.paths[route.path]?.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        for (const name of [...declared, 'undeclared']) {
          for (const payload of PAYLOADS) {
            requests++;
            const started = Date.now();
            const res = await t.http
              .get(route.path)
              .query({ [name]: payload })
              .set(scene.team.admin.auth);
            if (![200, 400].includes(res.status))
              failures.push(`${route.path}?${name}=${JSON.stringify(payload)} → ${res.status} ${JSON.stringify(res.body)}`);
            else if (res.status === 400 && !String(res.headers['content-type']).includes('application/problem+json'))
              failures.push(`${route.path}?${name} → 400 without problem+json`);
            else if (name === 'undeclared' && declared.length > 0 && res.status !== 400)
              failures.push(`${route.path} accepted an undeclared query parameter`);
            if (Date.now() - started > 3000) failures.push(`${route.path}?${name}=${JSON.stringify(payload)} took ${Date.now() - started} ms`);
          }
        }
      }
      expect(failures).toEqual([]);
      expect(requests).toBeGreaterThan(150);
    });

    it('answer 400, never 500, for cursors that decode to SQL-looking or mistyped keys', async () => {
      const cursor = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
      const cursors = [
        cursor(["' OR 1=1 --", randomUUID()]),
        cursor(['2026-01-01T00:00:00.000Z', "' OR 1=1 --"]),
        cursor(['not a date', 'not a uuid']),
        cursor(['99999-99-99T99:99:99Z', randomUUID()]),
        cursor(['\u0000', randomUUID()]),
        cursor([1, 2]),
        cursor({ a: 1 }),
        "' OR 1=1 --",
      ];
      const lists = routes.filter((r) => r.method === 'GET' && !r.path.includes(':') && !r.isPublic);
      const failures: string[] = [];
      for (const route of lists) {
        for (const c of cursors) {
          const res = await t.http.get(route.path).query({ cursor: c }).set(scene.team.admin.auth);
          if (res.status >= 500) failures.push(`${route.path}?cursor=${Buffer.from(c, 'base64url').toString()} → ${res.status}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('match % _ and \\ literally in searches: results are exactly the rows containing the text', async () => {
      const recruiter = scene.team.recruiter;
      const org = scene.organizationId;
      const special = await t.http
        .post('/v1/candidates')
        .set(recruiter.auth)
        .send({ name: 'Percy 100% Under_score Back\\slash', email: uniqueEmail('percy') })
        .expect(201);
      await t.http
        .post('/v1/candidates')
        .set(recruiter.auth)
        .send({ name: 'Plain Person', email: uniqueEmail('plain') })
        .expect(201);
      await t.http.post('/v1/questions').set(recruiter.auth).send({ prompt: 'Is 100% coverage_worth it\\?' }).expect(201);
      async function pages(path: string, q: string): Promise<string[]> {
        const ids: string[] = [];
        let cursor: string | null = null;
        do {
          const res: Response = await t.http
            .get(path)
            .query({ q, limit: 100, ...(cursor ? { cursor } : {}) })
            .set(recruiter.auth)
            .expect(200);
          ids.push(...res.body.items.map((i: { id: string }) => i.id));
          cursor = res.body.nextCursor;
        } while (cursor);
        return ids.sort();
      }
      // What a literal substring search finds (strpos has no wildcards), straight from the table.
      const literal = async (sql: string, q: string) => ((await t.dataSource.query(sql, [org, q])) as { id: string }[]).map((r) => r.id).sort();
      const candidatesSql = `SELECT id FROM candidates WHERE organization_id = $1 AND (strpos(lower(name), lower($2)) > 0 OR strpos(email, lower($2)) > 0)`;
      const questionsSql = `SELECT id FROM questions WHERE organization_id = $1 AND strpos(lower(prompt), lower($2)) > 0`;
      const [{ n: totalCandidates }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM candidates WHERE organization_id = $1`, [org]);
      for (const q of [
        '%',
        '_',
        '\\',
        '100%',
        'under_score',
        "' OR 1=1 --",
        "' OR '1'='1",
        '%%',
        '\\%',
        ';DROP TABLE candidates;--',
        'plain person',
      ]) {
        const candidates = await pages('/v1/candidates', q);
        expect({ q, candidates }).toEqual({ q, candidates: await literal(candidatesSql, q) });
        expect({ q, fewerThanAll: candidates.length < totalCandidates }).toEqual({ q, fewerThanAll: true });
        const questions = await pages('/v1/questions', q);
        expect({ q, questions }).toEqual({ q, questions: await literal(questionsSql, q) });
      }
      expect(await pages('/v1/candidates', '100%')).toContain(special.body.id);
      // And the tables the payloads named are still there, with their rows.
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM candidates WHERE organization_id = $1`, [org]);
      expect(n).toBe(totalCandidates);
    });
  });
});
