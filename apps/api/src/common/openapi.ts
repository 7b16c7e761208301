import { INestApplication, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ALL_PROBLEM_CODES, PROBLEM_CODES, ProblemCode, problemCodeStatuses } from '@hireloop/core';
import { DeclaredProblem, PROBLEMS_EXTENSION } from './api-contract';
import { ALLOWED_ROLES, IS_PUBLIC } from './auth.decorators';
import { UuidParam } from './uuid-param';

const PROBLEM_JSON = 'application/problem+json';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const TAGS: Record<string, string> = {
  auth: 'Sign-up, sign-in, invitations and password resets',
  members: 'Members of the organization and their roles',
  organization: "The organization's settings",
  roles: 'Roles (the jobs), their loop: dimensions, rounds, loop versions',
  'role-templates': 'Ready-made loops',
  questions: "The organization's question bank",
  candidates: 'Candidates and the erasure of their personal data',
  applications: 'Applications of candidates to roles',
  interviews: 'Interviews, interview kits and calendar feeds',
  scorecards: 'Scorecards under the blind rule',
  debriefs: 'Calibrated debriefs and hiring decisions',
  calibration: 'Calibration of roles and interviewers',
  notifications: "The caller's notifications",
  audit: 'The read-only audit log',
  admin: 'Operations: job queues and email deliveries',
  health: 'Liveness and readiness',
};

/** What the running app knows of a route and the document does not: the metadata its guards and pipes read. */
interface RouteFacts {
  isPublic: boolean;
  roles: string[] | undefined;
  /** Path parameters parsed by UuidParam (a non-UUID answers 404 not_found). */
  uuidParams: string[];
  status: number;
}

/** The OpenAPI document, served at /docs-json and dumped to openapi.json: the contract of the API. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('hireloop API')
      .setDescription(
        'Hiring loops, blind scorecards and calibrated debriefs. Errors are RFC 9457 problem+json with a stable `code` (table below). ' +
          'Lists take `limit` (1–100, default 20) and an opaque `cursor`; the body carries `items` and `nextCursor` (null on the last page).\n\n' +
          problemCodeTable(),
      )
      .setVersion('1')
      .setLicense('UNLICENSED', 'https://hireloop.dev/license')
      .addServer('/', 'This server')
      .addBearerAuth()
      .build(),
  );
  completeContract(document, routeFacts(app));
  collapseBareAllOf(document);
  typeNullableEnumRefs(document);
  return document;
}

/**
 * @nestjs/swagger writes a property typed by a named enum or class as `{ allOf: [{ $ref }] }` even with nothing beside
 * it; that is just the `$ref` (Redocly: no-illogical-composition-keywords). A `$ref` with siblings (a description,
 * nullable) keeps its allOf, since OpenAPI 3.0 ignores a `$ref`'s siblings.
 */
export function collapseBareAllOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(collapseBareAllOf);
  if (!node || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    const child = value as { allOf?: unknown[] } | null;
    const bare = child && typeof child === 'object' && !Array.isArray(child) && Object.keys(child).length === 1 && Array.isArray(child.allOf);
    const only = bare && child.allOf!.length === 1 ? (child.allOf![0] as Record<string, unknown>) : null;
    record[key] =
      only && typeof only === 'object' && Object.keys(only).length === 1 && typeof only.$ref === 'string' ? only : collapseBareAllOf(value);
  }
  return node;
}

/**
 * A nullable property typed by a named enum is `{ nullable: true, allOf: [{ $ref }] }`, and OpenAPI 3.0 applies
 * `nullable` only beside a `type` (Redocly: nullable-type-sibling): it gets the enum's type, as a nullable class
 * reference gets `type: 'object'`.
 */
export function typeNullableEnumRefs(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaObject>;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const ref = Array.isArray(record.allOf) && record.allOf.length === 1 ? (record.allOf[0] as { $ref?: unknown }).$ref : undefined;
    const target = typeof ref === 'string' ? schemas[ref.replace('#/components/schemas/', '')] : undefined;
    if (record.nullable === true && record.type === undefined && target?.enum && typeof target.type === 'string') {
      const { nullable, allOf, ...rest } = record;
      for (const key of Object.keys(record)) delete record[key];
      Object.assign(record, { nullable, type: target.type, ...rest, allOf });
    }
    Object.values(record).forEach(visit);
  };
  visit(document);
}

/** Security, error responses, the Problem schema and tag descriptions, from the declarations and the route metadata. */
export function completeContract(document: OpenAPIObject, facts: Map<string, RouteFacts>): void {
  const schemas = ((document.components ??= {}).schemas ??= {});
  schemas.FieldError = {
    type: 'object',
    required: ['field', 'message'],
    properties: {
      field: { type: 'string', description: 'Dotted path of the offending field, e.g. `ratings.0.rating`' },
      message: { type: 'string' },
      code: { type: 'string', description: 'Field-level code (e.g. `invalid_cursor`, `isUuid`); not a problem code' },
    },
  };
  schemas.Problem = {
    type: 'object',
    description: 'RFC 9457 problem details. `code` is stable; branch on it, not on `detail`.',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: { type: 'string', format: 'uri' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      instance: { type: 'string' },
      code: { type: 'string', enum: ALL_PROBLEM_CODES },
      errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
      retryAfter: { type: 'integer', description: 'Seconds to wait (429 and 503 also send Retry-After)' },
    },
    additionalProperties: true,
  };
  const usedTags = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as (OperationObject & Record<string, unknown>) | undefined;
      if (!operation) continue;
      operation.tags?.forEach((t) => usedTags.add(t));
      const route = facts.get(operation.operationId ?? '');
      const declared = operation[PROBLEMS_EXTENSION] as DeclaredProblem[] | undefined;
      delete operation[PROBLEMS_EXTENSION];
      if (!route) continue;
      operation.security = route.isPublic ? [] : [{ bearer: [] }];
      for (const parameter of operation.parameters ?? []) {
        if ('in' in parameter && parameter.in === 'path' && route.uuidParams.includes(parameter.name))
          parameter.schema = { type: 'string', format: 'uuid' };
      }
      if (route.roles?.length) operation.description = [operation.description, `Roles: ${route.roles.join(', ')}.`].filter(Boolean).join('\n\n');
      if (!declared) continue; // not declared with @ApiContract: the spec names it
      const byStatus = new Map<number, Set<ProblemCode>>();
      const add = (status: number, code: ProblemCode) => (byStatus.get(status) ?? byStatus.set(status, new Set()).get(status)!).add(code);
      for (const problem of declared) {
        if (typeof problem === 'string') add(problemCodeStatuses(problem)[0], problem);
        else add(problem.status, problem.code);
      }
      const hasQuery = (operation.parameters ?? []).some((p) => 'in' in p && p.in === 'query');
      if (operation.requestBody) ['validation_failed', 'invalid_json', 'too_deeply_nested'].forEach((c) => add(400, c as ProblemCode));
      if (hasQuery) add(400, 'validation_failed');
      if (!route.isPublic) ['invalid_token', 'token_expired'].forEach((c) => add(401, c as ProblemCode));
      if (route.roles?.length) add(403, 'role_required');
      if (route.uuidParams.length > 0) add(404, 'not_found');
      for (const [status, codes] of [...byStatus.entries()].sort(([a], [b]) => a - b))
        operation.responses[String(status)] = problemResponse([...codes]);
      operation.responses.default = {
        description: 'Any other problem: 500 internal_error, 503 database_unavailable, 413 payload_too_large, …',
        content: { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
  }
  document.tags = [...usedTags].sort().map((name) => ({ name, description: TAGS[name] ?? name }));
}

function problemResponse(codes: ProblemCode[]): ResponseObject {
  const sorted = [...codes].sort();
  return {
    description: sorted.map((c) => `\`${c}\`: ${PROBLEM_CODES[c].meaning}`).join('\n\n'),
    content: {
      [PROBLEM_JSON]: {
        schema: { allOf: [{ $ref: '#/components/schemas/Problem' }, { type: 'object', properties: { code: { type: 'string', enum: sorted } } }] },
      },
    },
  };
}

function problemCodeTable(): string {
  const rows = ALL_PROBLEM_CODES.map((code) => {
    const statuses = problemCodeStatuses(code).join(', ');
    return `| \`${code}\` | ${statuses} | ${PROBLEM_CODES[code].meaning.replace(/\|/g, '\\|')} |`;
  });
  return ['## Problem codes', '', '| code | status | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The guards' and pipes' metadata of every route, by the operationId @nestjs/swagger gives it (`Controller_method`). */
export function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!type?.prototype) continue;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const args = Object.values(
          (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, name) ?? {}) as Record<string, { data?: unknown; pipes?: unknown[] }>,
        );
        facts.set(`${type.name}_${name}`, {
          isPublic: Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, type)),
          roles: Reflect.getMetadata(ALLOWED_ROLES, handler) ?? Reflect.getMetadata(ALLOWED_ROLES, type),
          uuidParams: args.filter((a) => a.pipes?.includes(UuidParam) && typeof a.data === 'string').map((a) => a.data as string),
          status: Reflect.getMetadata(HTTP_CODE_METADATA, handler) ?? (method === RequestMethod.POST ? 201 : 200),
        });
      }
    }
  }
  return facts;
}

/**
 * What each operation of the document lacks: a summary, a success response with a schema (the status the route
 * really answers with), problem+json error responses, security. Empty when the contract is complete.
 */
export function contractGaps(document: OpenAPIObject, facts?: Map<string, RouteFacts>): string[] {
  const gaps: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (!operation) continue;
      const name = `${method.toUpperCase()} ${path} (${operation.operationId})`;
      const lacks: string[] = [];
      if (!operation.summary?.trim()) lacks.push('a summary');
      // A redirect (302: the single sign-on routes a browser follows) is the success of such a route and has no body.
      const success = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status) || status === '302');
      const expected = facts?.get(operation.operationId ?? '')?.status;
      if (success.length === 0) lacks.push('a success response');
      for (const [status, response] of success) {
        const content = (response as ResponseObject).content;
        if (
          status !== '204' &&
          status !== '302' &&
          !Object.values(content ?? {}).some((media) => media.schema && Object.keys(media.schema).length > 0)
        )
          lacks.push(`a schema for its ${status} response`);
      }
      if (expected !== undefined && success.length > 0 && !success.some(([status]) => Number(status) === expected || status === '302')) {
        lacks.push(
          `a success response with the status the route answers with (${expected}; declared ${success.map(([s]) => s).join(', ')}: set \`status\` in @ApiContract)`,
        );
      }
      const problems = Object.entries(operation.responses ?? {}).filter(
        ([status, response]) => /^[45]\d\d$/.test(status) && (response as ResponseObject).content?.[PROBLEM_JSON],
      );
      const hasDefault = Boolean((operation.responses?.default as ResponseObject | undefined)?.content?.[PROBLEM_JSON]);
      if (problems.length === 0 && !hasDefault) lacks.push('problem+json error responses (declare its codes in @ApiContract({ errors }))');
      if (!Array.isArray(operation.security)) lacks.push('security (bearer, or [] for a @Public route)');
      if (lacks.length > 0) gaps.push(`${name} lacks ${lacks.join(', ')}`);
    }
  }
  return gaps;
}

/** The schema of a success response, for tests that check real responses against the document. */
export function successSchema(document: OpenAPIObject, path: string, method: string, status: number): SchemaObject | undefined {
  const operation = (document.paths[path] as Record<string, OperationObject> | undefined)?.[method.toLowerCase()];
  const response = operation?.responses?.[String(status)] as ResponseObject | undefined;
  return response?.content?.['application/json']?.schema as SchemaObject | undefined;
}
