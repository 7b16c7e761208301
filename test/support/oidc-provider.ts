import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface OidcClientRegistration {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface TestOidcProvider {
  issuer: string;
  /** Requests it received so far. */
  requests(): number;
  provider: Provider;
  close(): Promise<void>;
}

/**
 * A real OpenID Provider (the `oidc-provider` package) on loopback, with its development login and consent forms.
 * The login name is the account: its `sub` and `email`; a login starting with `unverified.` has `email_verified:
 * false`. Email and profile claims are released at userinfo (the provider's default, `conformIdTokenClaims`), the
 * ID token carries `sub`, `nonce` and the usual validation claims.
 */
export async function startOidcProvider(clients: OidcClientRegistration[], options: { issuerHost?: string } = {}): Promise<TestOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // `issuerHost`: a name for the issuer URL instead of 127.0.0.1 (still listening there), for tests of name resolution.
  const issuer = `http://${options.issuerHost ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({
        sub: id,
        email: id.replace(/^unverified\./, ''),
        email_verified: !id.startsWith('unverified.'),
        name: `SSO ${id.split('@')[0]}`,
      }),
    }),
    pkce: { required: () => true },
    cookies: { keys: ['hireloop-test-oidc-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  } as ConstructorParameters<typeof Provider>[1]);
  let requests = 0;
  server.on('request', () => (requests += 1));
  server.on('request', provider.callback());
  // Never what keeps a test process alive: the listener is unref'd and idle connections close within a second.
  server.unref();
  server.keepAliveTimeout = 1000;
  return {
    issuer,
    provider,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
