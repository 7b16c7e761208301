import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtension, ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { ProblemCode } from '@hireloop/core';

/** A problem code the operation answers with; `{ code, status }` for a code answering with its `alsoStatus`. */
export type DeclaredProblem = ProblemCode | { code: ProblemCode; status: number };

export interface ApiContractOptions {
  summary: string;
  description?: string;
  /**
   * The success body: a response DTO class, `[Dto]` for an array, or a schema object (with `contentType` for a body
   * that is not JSON); `null` for an empty body (204).
   */
  response: Type<unknown> | [Type<unknown>] | SchemaObject | null;
  /** The success status the route answers with: 200 unless @HttpCode or POST's default (201) says otherwise. */
  status?: 200 | 201 | 202 | 204 | 302;
  contentType?: string;
  /**
   * The problem codes of this operation beyond those every operation gets from what it is (see openapi.ts):
   * 400 validation_failed with a body or query, 401 invalid_token/token_expired unless @Public, 403 role_required
   * with @Roles, 404 not_found with a UuidParam; `default` for the rest (500, 503).
   */
  errors: DeclaredProblem[];
}

/** The extension that carries the declared problem codes from the decorator to the document builder. */
export const PROBLEMS_EXTENSION = 'x-hireloop-problems';

/**
 * Declares an operation's contract: summary, success response and schema, and problem codes. Every route has one;
 * the OpenAPI document adds security and the error responses, and a spec fails on any route without it.
 */
export function ApiContract(options: ApiContractOptions): MethodDecorator {
  const status = options.status ?? 200;
  const success =
    options.response === null
      ? ApiResponse({ status, description: status === 302 ? 'Redirect (Location)' : 'No content' })
      : isSchema(options.response)
        ? ApiResponse({ status, description: 'Success', content: { [options.contentType ?? 'application/json']: { schema: options.response } } })
        : ApiResponse({ status, description: 'Success', type: options.response as Type<unknown> | [Type<unknown>] });
  return applyDecorators(
    ApiOperation({ summary: options.summary, description: options.description }),
    success,
    ApiExtension(PROBLEMS_EXTENSION, options.errors),
  );
}

function isSchema(value: ApiContractOptions['response']): value is SchemaObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
