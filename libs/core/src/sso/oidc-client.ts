import * as oidc from 'openid-client';
import { resolveWebhookTarget, WebhookPolicy, WebhookTargetError } from '../notifications/webhook-target';

/** Why an issuer (or an endpoint its discovery document names) may not be reached. */
export class IssuerRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IssuerRefusedError';
  }
}

const ADDRESS_MESSAGES: Record<WebhookTargetError['problem'], string> = {
  invalid_url: 'must be an absolute http(s) URL without credentials',
  https_required: 'must use https',
  unresolvable: 'does not resolve',
  forbidden_address: 'must point to a public address (not loopback, private, link-local or reserved) unless listed in SSO_ALLOWED_HOSTS',
};

/** The webhook SSRF guard applied to one URL of the provider; throws IssuerRefusedError. */
export async function assertReachableIssuerUrl(url: string, policy: WebhookPolicy): Promise<void> {
  await resolveWebhookTarget(url, policy).catch((error: unknown) => {
    if (error instanceof WebhookTargetError) throw new IssuerRefusedError(`${new URL(url).origin} ${ADDRESS_MESSAGES[error.problem]}`);
    throw error;
  });
}

export interface ProviderSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret: string | null;
}

/**
 * The provider's configuration from its discovery document, through `openid-client` (v6). Every request the client
 * makes — discovery, token, JWKS, userinfo: hosts the document names may differ from the issuer's — first passes the
 * SSRF guard (`policy`: public addresses, or those in SSO_ALLOWED_HOSTS; https in production).
 */
export async function discoverProvider(settings: ProviderSettings, policy: WebhookPolicy): Promise<oidc.Configuration> {
  const guardedFetch: oidc.CustomFetch = async (url, options) => {
    await assertReachableIssuerUrl(url, policy);
    return fetch(url, { ...options, redirect: 'manual', signal: options.signal ?? AbortSignal.timeout(10_000) } as RequestInit);
  };
  const insecure = !policy.requireHttps && new URL(settings.issuerUrl).protocol === 'http:';
  return oidc.discovery(
    new URL(settings.issuerUrl),
    settings.clientId,
    undefined,
    settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None(),
    {
      [oidc.customFetch]: guardedFetch,
      ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
    },
  );
}

export { oidc };
