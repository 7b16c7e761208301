import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { toApiError } from '../lib/problem';
import { csrfToken, reportUnauthorized } from './client';
import type { paths } from './schema';

/**
 * A client typed by the contract: paths, parameters, bodies and responses all come from schema.ts (generated from
 * openapi.json), so a changed path or shape is a type error. Pages move to it from the hand-built URLs of `api()`.
 */
export function createApiClient(options: { fetch?: typeof fetch; baseUrl?: string } = {}): Client<paths> {
  // The session is the httpOnly cookie (sent with same-origin requests); writes carry the CSRF token beside it.
  const client = createClient<paths>({ baseUrl: options.baseUrl ?? '', fetch: options.fetch, credentials: 'same-origin' });
  const csrf: Middleware = {
    onRequest({ request }) {
      const token = csrfToken();
      if (token && UNSAFE_METHODS.has(request.method)) request.headers.set('X-CSRF-Token', token);
      return request;
    },
  };
  const sessionEnd: Middleware = {
    onResponse({ response, request }) {
      reportUnauthorized(response.status, new URL(request.url, 'http://localhost').pathname.replace(/^\/v1/, ''));
      return response;
    },
  };
  client.use(csrf, sessionEnd);
  return client;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const apiClient = createApiClient();

/** The body of a successful answer, or the problem+json turned into an ApiError (like `api()`). */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) throw toApiError(result.response.status, result.error ?? null, result.response.statusText);
  return result.data as T;
}
