import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { toApiError } from '../lib/problem';
import { getToken } from './client';
import type { paths } from './schema';

/**
 * A client typed by the contract: paths, parameters, bodies and responses all come from schema.d.ts (generated from
 * openapi.json), so a changed path or shape is a type error. Pages move to it from the hand-built URLs of `api()`.
 */
export function createApiClient(options: { fetch?: typeof fetch; baseUrl?: string } = {}): Client<paths> {
  const client = createClient<paths>({ baseUrl: options.baseUrl ?? '', fetch: options.fetch });
  const bearer: Middleware = {
    onRequest({ request }) {
      const token = getToken();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  };
  client.use(bearer);
  return client;
}

export const apiClient = createApiClient();

/** The body of a successful answer, or the problem+json turned into an ApiError (like `api()`). */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) throw toApiError(result.response.status, result.error ?? null, result.response.statusText);
  return result.data as T;
}
