import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The database scope of the code running now, carried across awaits. Every statement sent on a pooled connection
 * first brings the connection's `app.organization_id` / `app.scope` settings in line with it (see ScopedClient), and
 * the row-level-security policies of every tenant table read them.
 */
export interface TenantScope {
  organizationId?: string;
  /** Before an organization is known (login, accept-invite): the user whose own memberships may be read. */
  userId?: string;
  /** Cross-tenant maintenance in the worker (outbox relay, scans, purge). Never entered on the API's request path. */
  system?: { reason: string };
}

const storage = new AsyncLocalStorage<TenantScope>();

export function currentScope(): TenantScope | undefined {
  return storage.getStore();
}

/** Opens an empty scope (per HTTP request); the auth guard fills in the organization once the token is checked. */
export function runWithScope<T>(scope: TenantScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function runInOrganization<T>(organizationId: string, fn: () => T): T {
  return storage.run({ organizationId }, fn);
}

/**
 * Narrows the current (request) scope once the organization is known: the verified token's, a new organization at
 * signup, the invited membership's. The next statement applies it.
 */
export function enterOrganization(organizationId: string): void {
  const scope = storage.getStore();
  if (!scope) throw new Error('no database scope to enter an organization in');
  if (scope.system) throw new Error('the system scope does not enter an organization');
  scope.organizationId = organizationId;
}

/** Before an organization is known: the user whose own memberships may be read (login). */
export function enterUser(userId: string): void {
  const scope = storage.getStore();
  if (!scope) throw new Error('no database scope to enter a user in');
  scope.userId = userId;
}

let systemScopeAllowed = false;
let auditSystemScope: (reason: string) => void = () => undefined;

/**
 * Called once by the worker's entry point: only that process may enter the system scope. Every entry is reported to
 * `audit` with its reason (the worker logs it).
 */
export function allowSystemScope(audit: (reason: string) => void = () => undefined): void {
  systemScopeAllowed = true;
  auditSystemScope = audit;
}

export function runAsSystem<T>(reason: string, fn: () => T): T {
  if (!systemScopeAllowed) throw new Error(`system database scope refused (${reason}): only the worker's maintenance may use it`);
  auditSystemScope(reason);
  return storage.run({ system: { reason } }, fn);
}

/** The settings a connection must carry for the current scope, as one comparable key and the two values. */
export function scopeSettings(scope: TenantScope | undefined): { key: string; organizationId: string; userId: string; system: string } {
  if (scope?.system) return { key: 'system', organizationId: '', userId: '', system: 'system' };
  const organizationId = scope?.organizationId ?? '';
  const userId = scope?.userId ?? '';
  return { key: `org:${organizationId}|user:${userId}`, organizationId, userId, system: '' };
}
