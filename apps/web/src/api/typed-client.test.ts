import { afterEach, describe, expect, it } from 'vitest';
import { setToken } from './client';
import { createApiClient, unwrap } from './typed-client';

describe('the typed API client', () => {
  afterEach(() => setToken(null));

  it('calls the contract path with the bearer token and returns the typed body', async () => {
    const seen: Request[] = [];
    const fetchStub = async (input: RequestInfo | URL) => {
      seen.push(input as Request);
      return new Response(JSON.stringify({ user: { id: 'u', email: 'a@b.test', name: 'A' }, organization: { id: 'o', name: 'O' }, membership: { memberId: 'm', roles: ['admin'], status: 'active' } }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    };
    const storage = new Map<string, string>();
    Object.assign(globalThis, { localStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v), removeItem: (k: string) => storage.delete(k) } });
    setToken('tok');
    const client = createApiClient({ fetch: fetchStub as typeof fetch, baseUrl: 'http://api.test' });
    const me = unwrap(await client.GET('/v1/me'));
    expect(me.membership.roles).toEqual(['admin']);
    expect(seen[0].url).toBe('http://api.test/v1/me');
    expect(seen[0].headers.get('authorization')).toBe('Bearer tok');
  });

  it('turns a problem+json answer into an ApiError with its code', async () => {
    const fetchStub = async () =>
      new Response(JSON.stringify({ type: 'https://hireloop.dev/problems/application_not_found', title: 'Not Found', status: 404, detail: 'gone', code: 'application_not_found' }), {
        status: 404,
        headers: { 'content-type': 'application/problem+json' },
      });
    const client = createApiClient({ fetch: fetchStub as typeof fetch, baseUrl: 'http://api.test' });
    const result = await client.GET('/v1/applications/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
    expect(() => unwrap(result)).toThrow(expect.objectContaining({ code: 'application_not_found', status: 404 }));
  });
});
