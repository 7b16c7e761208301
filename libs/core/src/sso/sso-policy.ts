/**
 * Who may sign in to an organization through its OpenID provider: pure rules, no I/O.
 * Domains match exactly (`acme.com` does not admit `eu.acme.com`: list each one), case-insensitively.
 */

const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Lower-cased, trimmed, without a leading `@`, de-duplicated; the invalid ones are returned apart. */
export function normalizeDomains(values: readonly string[]): { domains: string[]; invalid: string[] } {
  const domains: string[] = [];
  const invalid: string[] = [];
  for (const raw of values) {
    const domain = String(raw).trim().toLowerCase().replace(/^@/, '');
    if (!DOMAIN.test(domain)) invalid.push(String(raw));
    else if (!domains.includes(domain)) domains.push(domain);
  }
  return { domains, invalid };
}

/** The domain of `local@domain`, lower-cased; null when the value is not one address. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 1 || at !== email.indexOf('@')) return null;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  return DOMAIN.test(domain) ? domain : null;
}

export type SsoRefusal = 'sso_email_missing' | 'sso_email_unverified' | 'sso_domain_not_allowed';

/**
 * Whether the ID token's (or userinfo's) claims may sign in: an email, verified by the provider (`email_verified`
 * exactly `true`; a string "true" from providers that send one is accepted too), of an allowed domain.
 */
export function ssoRefusal(claims: { email?: unknown; email_verified?: unknown }, allowedDomains: readonly string[]): SsoRefusal | null {
  if (typeof claims.email !== 'string' || claims.email.trim() === '') return 'sso_email_missing';
  if (claims.email_verified !== true && claims.email_verified !== 'true') return 'sso_email_unverified';
  const domain = emailDomain(claims.email.trim());
  if (!domain || !allowedDomains.includes(domain)) return 'sso_domain_not_allowed';
  return null;
}
