/**
 * Emails link to plain paths (`/verify-email?token=…`, `/accept-invite?token=…`), which the API answers with the app;
 * the app's routes live in the hash (`#/verify-email?token=…`). Moves such a path into the hash, once, at start.
 */
export function hashRouteForPath(location: { pathname: string; search: string; hash: string }): string | null {
  if (location.hash && location.hash !== '#' && location.hash !== '#/') return null;
  if (location.pathname === '/' || location.pathname === '' || location.pathname.endsWith('.html')) return null;
  return `/#${location.pathname}${location.search}`;
}
