import { parseAllowList, Resolver, WebhookPolicy } from '@hireloop/core/notifications/webhook-target';
import { discoverProvider, IssuerRefusedError } from '@hireloop/core/sso/oidc-client';
import { startOidcProvider, TestOidcProvider } from '@hireloop/testing/oidc-provider';

/**
 * Single sign-on's SSRF guard checks the addresses a provider's host name resolves to, and the request then goes to
 * those very addresses: a second DNS answer (a rebinding to an internal address between the check and the connect)
 * is never asked for. Shown with a real OpenID provider on loopback whose issuer has a name only the check's
 * resolver knows: the system's DNS cannot resolve it, so the discovery can only succeed by connecting to the
 * checked address.
 */
describe('single sign-on discovery connects where the SSRF guard looked', () => {
  const host = 'idp.hireloop.invalid';
  let provider: TestOidcProvider;
  const client = { clientId: 'pinning-client', clientSecret: 'pinning-secret', redirectUris: ['http://127.0.0.1/callback'] };

  beforeAll(async () => {
    provider = await startOidcProvider([client], { issuerHost: host });
  });
  afterAll(async () => {
    await provider.close();
  });

  const loopbackAllowed: WebhookPolicy = { allowed: parseAllowList('127.0.0.1'), requireHttps: false };
  const settings = () => ({ issuerUrl: provider.issuer, clientId: client.clientId, clientSecret: client.clientSecret });

  it('reaches the checked address of a name the system cannot resolve', async () => {
    const asked: string[] = [];
    const resolve: Resolver = async (name) => {
      asked.push(name);
      return name === host ? [{ address: '127.0.0.1', family: 4 }] : [];
    };
    const configuration = await discoverProvider(settings(), loopbackAllowed, resolve);
    expect(configuration.serverMetadata().issuer).toBe(provider.issuer);
    expect(configuration.serverMetadata().token_endpoint).toBe(`${provider.issuer}/token`);
    expect(asked).toEqual([host]);
  });

  it('refuses, without connecting, a name whose checked address is not allowed', async () => {
    const before = provider.requests();
    const resolve: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    await expect(discoverProvider(settings(), { allowed: [], requireHttps: false }, resolve)).rejects.toThrow(IssuerRefusedError);
    await expect(discoverProvider(settings(), { allowed: [], requireHttps: false }, resolve)).rejects.toThrow(/must point to a public address/);
    expect(provider.requests()).toBe(before);
  });
});
