/**
 * Emails link to paths (`/accept-invite?token=…`, `/reset-password?token=…`, `/settings/notifications?token=…`,
 * `/sso/complete#error=…`) while the app routes by hash (`#/accept-invite?token=…`). The hash route of such a
 * location, or null when it already is one (or is the root).
 * A fragment that is not a route (the SSO page's `#error=…`) becomes part of the route's query.
 */
export function hashRouteOf(location: { pathname: string; search: string; hash: string }): string | null {
  if (location.hash.startsWith('#/')) return null;
  const path = location.pathname.replace(/\/+$/, '');
  if (path === '' || path === '/index.html') return null;
  const query = new URLSearchParams(location.search);
  for (const [key, value] of new URLSearchParams(location.hash.replace(/^#/, ''))) query.set(key, value);
  const qs = query.toString();
  return `#${path}${qs ? `?${qs}` : ''}`;
}

/** What an organization's SSO sign-in starts from: its id, or a pasted sign-in link that contains it. */
export function ssoOrganizationId(input: string): string | null {
  const match = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(input.trim());
  return match ? match[1].toLowerCase() : null;
}

export const SSO_ERROR_MESSAGES: Record<string, string> = {
  sso_not_configured: 'This organization has no single sign-on configured. Check the sign-in link, or sign in with your password.',
  sso_state_invalid: 'This sign-in expired, was already used, or was started in another browser. Start again.',
  sso_provider_refused: 'Your identity provider did not let you sign in.',
  sso_token_invalid: "Your identity provider's answer could not be verified. Start again; if it keeps happening, tell your admin.",
  sso_email_missing: 'Your identity provider did not share your email address. Ask your admin.',
  sso_email_unverified: 'Your identity provider does not vouch for your email address, so it cannot sign you in here.',
  sso_domain_not_allowed: "Your email address's domain may not sign in to this organization.",
  sso_membership_deactivated: 'Your membership of this organization was deactivated. Ask an admin.',
  sso_provider_unavailable: "Your organization's identity provider cannot be reached right now. Try again shortly.",
  sso_handoff_invalid: 'This sign-in is no longer valid. Start again.',
};
