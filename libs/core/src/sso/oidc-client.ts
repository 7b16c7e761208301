import type { IncomingHttpHeaders } from 'node:http';
import * as oidc from 'openid-client';
import { pinnedRequest, Resolver, resolveWebhookTarget, WebhookPolicy, WebhookTarget, WebhookTargetError } from '../notifications/webhook-target';

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

/** The webhook SSRF guard applied to one URL of the provider: the URL with the addresses checked; throws IssuerRefusedError. */
export function checkedIssuerTarget(url: string, policy: WebhookPolicy, resolve?: Resolver): Promise<WebhookTarget> {
  return resolveWebhookTarget(url, policy, resolve).catch((error: unknown) => {
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
 * SSRF guard (`policy`: public addresses, or those in SSO_ALLOWED_HOSTS; https in production), and then connects to
 * the very addresses the guard checked (a second DNS answer, e.g. a rebinding to 127.0.0.1, is never asked for).
 * `resolve`: the DNS lookup of the check (the system's by default).
 */
export async function discoverProvider(settings: ProviderSettings, policy: WebhookPolicy, resolve?: Resolver): Promise<oidc.Configuration> {
  const guardedFetch: oidc.CustomFetch = async (url, options) => pinnedFetch(await checkedIssuerTarget(url, policy, resolve), options);
  const insecure = !policy.requireHttps && new URL(settings.issuerUrl).protocol === 'http:';
  return await oidc
    .discovery(
      new URL(settings.issuerUrl),
      settings.clientId,
      undefined,
      settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None(),
      {
        [oidc.customFetch]: guardedFetch,
        ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      },
    )
    // openid-client wraps what its fetch threw; the guard's refusal is given back as itself.
    .catch((error: unknown) => {
      throw (error as { cause?: unknown })?.cause instanceof IssuerRefusedError ? (error as { cause: IssuerRefusedError }).cause : error;
    });
}

/** A provider's answer larger than this is refused (discovery documents, keys and tokens are a few KB). */
const MAX_PROVIDER_RESPONSE_BYTES = 1_048_576;

/**
 * One request of openid-client to the checked addresses (`pinnedRequest`): no redirects, 10 s at most unless the
 * caller's signal says otherwise, answers over 1 MB refused.
 */
async function pinnedFetch(target: WebhookTarget, init: Parameters<oidc.CustomFetch>[1]): Promise<Response> {
  const headers = Object.fromEntries(new Headers(init.headers as ConstructorParameters<typeof Headers>[0]).entries());
  if (init.body instanceof URLSearchParams) headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
  const answer = await pinnedRequest(target, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined || init.body === null ? undefined : String(init.body),
    signal: init.signal ?? AbortSignal.timeout(10_000),
    readBody: { maxBytes: MAX_PROVIDER_RESPONSE_BYTES, tooLarge: () => new IssuerRefusedError(`${target.url.origin} answered more than 1 MB`) },
  });
  const status = answer.status || 502;
  const empty = status === 204 || status === 304 || init.method === 'HEAD';
  return new Response(empty ? null : answer.body, { status, statusText: answer.statusMessage, headers: responseHeaders(answer.headers) });
}

function responseHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

export { oidc };
