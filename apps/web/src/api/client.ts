import { ApiError, toApiError } from '../lib/problem';

/**
 * The session is an httpOnly cookie the API sets at sign-in: no script here can read the access token, and nothing
 * is kept in localStorage. Unsafe requests carry the CSRF token the API put in the readable `hireloop_csrf` cookie
 * (only pages of this origin can read it), which the API requires of every cookie-authenticated write.
 */
const CSRF_COOKIE = 'hireloop_csrf';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function csrfToken(): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** A session cookie is probably there (the CSRF cookie lives exactly as long): worth asking GET /v1/me. */
export function hasSession(): boolean {
  return Boolean(csrfToken());
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener | null = null;
/** Called when an authenticated request answers 401 (expired or revoked token). */
export function setUnauthorizedListener(listener: UnauthorizedListener | null): void {
  onUnauthorized = listener;
}

/** Both clients call this on a 401: the session ended (expired, or signed out elsewhere). A wrong password on the
 * sign-in forms (paths under /auth/) is no such thing. */
export function reportUnauthorized(status: number, apiPath: string): void {
  if (status === 401 && !apiPath.startsWith('/auth/') && onUnauthorized) onUnauthorized();
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const url = path.startsWith('/') ? path : `/${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

/** Calls the REST API under /v1. Resolves with the JSON body; rejects with an ApiError built from problem+json. */
export async function api<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
  const method = options.method ?? 'GET';
  const csrf = UNSAFE_METHODS.has(method) ? csrfToken() : null;
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(`/v1${path}`, options.query), { method, headers, body, signal: options.signal, credentials: 'same-origin' });
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw toApiError(0, null);
  }
  const text = await response.text();
  let parsed: unknown = text;
  if (text && /json/i.test(response.headers.get('content-type') ?? '')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) {
    const error = toApiError(response.status, parsed, response.statusText);
    reportUnauthorized(response.status, path);
    throw error;
  }
  return (text ? parsed : undefined) as T;
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export const get = <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) => api<T>(path, { query, signal });
export const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
  api<T>(path, { method: 'POST', body: body ?? {}, headers });
export const put = <T>(path: string, body?: unknown) => api<T>(path, { method: 'PUT', body: body ?? {} });
export const patch = <T>(path: string, body?: unknown) => api<T>(path, { method: 'PATCH', body: body ?? {} });
export const del = <T>(path: string) => api<T>(path, { method: 'DELETE' });
