import { afterEach, describe, expect, it } from 'vitest';
import { setUnauthorizedListener } from './client';
import { createApiClient, unwrap } from './typed-client';

describe('the typed API client', () => {
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'document');
    setUnauthorizedListener(null);
  });

  it('calls the contract path and returns the typed body; a write carries the CSRF token of the cookie', async () => {
    const seen: Request[] = [];
    const fetchStub = async (input: RequestInfo | URL) => {
      seen.push(input as Request);
      return new Response(
        JSON.stringify({
          user: { id: 'u', email: 'a@b.test', name: 'A' },
          organization: { id: 'o', name: 'O' },
          membership: { memberId: 'm', roles: ['admin'], status: 'active' },
        }),
        {
          status: 200,
          headers: { 'content-type': 'application/json' },
        },
      );
    };
    Object.assign(globalThis, { document: { cookie: 'other=1; hireloop_csrf=csrf%2Dtok' } });
    const client = createApiClient({ fetch: fetchStub as typeof fetch, baseUrl: 'http://api.test' });
    const me = unwrap(await client.GET('/v1/me'));
    expect(me.membership.roles).toEqual(['admin']);
    expect(seen[0].url).toBe('http://api.test/v1/me');
    expect(seen[0].headers.get('authorization')).toBeNull();
    expect(seen[0].headers.get('x-csrf-token')).toBeNull();
    await client.POST('/v1/auth/logout');
    expect(seen[1].headers.get('x-csrf-token')).toBe('csrf-tok');
  });

  it('turns a problem+json answer into an ApiError with its code', async () => {
    const fetchStub = async () =>
      new Response(
        JSON.stringify({
          type: 'https://hireloop.dev/problems/application_not_found',
          title: 'Not Found',
          status: 404,
          detail: 'gone',
          code: 'application_not_found',
        }),
        {
          status: 404,
          headers: { 'content-type': 'application/problem+json' },
        },
      );
    const client = createApiClient({ fetch: fetchStub as typeof fetch, baseUrl: 'http://api.test' });
    const result = await client.GET('/v1/applications/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
    expect(() => unwrap(result)).toThrow(expect.objectContaining({ code: 'application_not_found', status: 404 }));
  });

  it('a 401 ends the session (as the hand-built client does), except on the sign-in paths', async () => {
    const status = { code: 401 };
    const fetchStub = async () =>
      new Response(JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: status.code, code: 'invalid_token' }), {
        status: status.code,
        headers: { 'content-type': 'application/problem+json' },
      });
    let ended = 0;
    setUnauthorizedListener(() => ended++);
    const client = createApiClient({ fetch: fetchStub as typeof fetch, baseUrl: 'http://api.test' });
    await client.GET('/v1/me');
    expect(ended).toBe(1);
    await client.POST('/v1/auth/login', { body: { email: 'a@b.test', password: 'wrong-password' } });
    expect(ended).toBe(1);
    status.code = 403;
    await client.GET('/v1/me');
    expect(ended).toBe(1);
  });
});
