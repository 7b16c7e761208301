import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;
interface Operation {
  operationId?: string;
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

/**
 * Checks real responses against the OpenAPI document: the status must be declared for the operation and the body
 * must match the declared schema: success bodies strictly (a field the schema does not name is a violation, so the
 * generated web types cannot silently miss one), problem bodies with the `code` values the operation lists.
 */
export class ContractChecker {
  readonly violations: string[] = [];
  readonly checked = new Set<string>();
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; pattern: RegExp; params: number }[];

  constructor(private readonly document: Document) {
    addFormats(this.ajv);
    this.ajv.addSchema({
      $id: 'openapi',
      definitions: Object.fromEntries(Object.entries(document.components.schemas).map(([name, schema]) => [name, toJsonSchema(schema)])),
    });
    this.templates = Object.keys(document.paths).map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      params: (template.match(/\{/g) ?? []).length,
    }));
  }

  /** The operation's template path for a concrete one (`/v1/roles/123` → `/v1/roles/{id}`), preferring literal segments. */
  templateOf(path: string): string | undefined {
    return this.templates.filter((t) => t.pattern.test(path)).sort((a, b) => a.params - b.params)[0]?.template;
  }

  /** Records every way the response departs from the document; returns the violations found for it. */
  verify(method: string, url: string, status: number, contentType: string | undefined, body: unknown): string[] {
    const path = url.split('?')[0];
    const template = this.templateOf(path);
    const where = `${method.toUpperCase()} ${path} → ${status}`;
    const found: string[] = [];
    const operation = template ? this.document.paths[template][method.toLowerCase()] : undefined;
    if (!template || !operation) found.push(`${where}: no such operation in the document`);
    else {
      const response = operation.responses[String(status)] ?? operation.responses.default;
      if (!response || (!operation.responses[String(status)] && status < 500 && status !== 413 && status !== 429)) {
        found.push(`${where}: status ${status} is not declared (declared: ${Object.keys(operation.responses).join(', ')})`);
      } else if (status !== 204) {
        const media = (contentType ?? '').split(';')[0].trim();
        const schema = response.content?.[media]?.schema;
        if (!schema)
          found.push(`${where}: content type ${media || '(none)'} is not declared (declared: ${Object.keys(response.content ?? {}).join(', ')})`);
        else if (media.endsWith('json')) {
          const key = `${template} ${method} ${status} ${media}`;
          let validate = this.validators.get(key);
          if (!validate) this.validators.set(key, (validate = this.ajv.compile(toJsonSchema(schema))));
          if (!validate(body)) {
            for (const error of validate.errors ?? [])
              found.push(`${where}: body${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`);
          }
        }
        this.checked.add(`${method.toUpperCase()} ${template} ${status}`);
      }
    }
    this.violations.push(...found);
    return found;
  }
}

/**
 * OpenAPI 3.0 schema → JSON Schema for ajv: `nullable` becomes a null alternative, references point into the
 * registered components, and an object schema that names its properties admits no other.
 */
export function toJsonSchema(node: unknown): Json {
  return convert(node) as Json;
}

function convert(node: unknown, closed = true): unknown {
  if (Array.isArray(node)) return node.map((item) => convert(item, closed));
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === 'enum' || key === 'example' || key === 'required' || key === 'default') out[key] = value;
    else if (key === 'properties') out[key] = mapValues(value as Json);
    // The parts of an intersection each name only some of the properties: none of them is closed.
    else if (key === 'allOf' && Array.isArray(value) && value.length > 1) out[key] = value.map((part) => convert(part, false));
    else out[key] = convert(value);
  }
  if (typeof out.$ref === 'string') out.$ref = out.$ref.replace('#/components/schemas/', 'openapi#/definitions/');
  if (closed && out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (out.nullable === true) {
    delete out.nullable;
    if (out.$ref || out.allOf || out.oneOf || out.anyOf) return { anyOf: [out, { type: 'null' }] };
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  return out;
}

function mapValues(properties: Json): Json {
  return Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, convert(schema)]));
}
