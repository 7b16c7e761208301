import { randomUUID } from 'node:crypto';
import { MEMBER_ROLES, MemberRole } from '@hireloop/core';
import { Actor, addMember, createTestApp, routeTable, RouteDeclaration, signupOrganization, TestApp } from '@hireloop/testing';

/**
 * Every route × every role, built from the route table itself: the roles a route declares with @Roles are allowed
 * past the role guard, every other role is refused with 403 `role_required`, and nobody gets in without a token.
 * Ids are random, so an allowed caller sees 404/400/403-of-ownership, never 401 and never `role_required`.
 */
describe('permission matrix (every route × every role)', () => {
  let t: TestApp;
  let routes: RouteDeclaration[];
  const members = {} as Record<MemberRole, Actor>;

  /** Routes that end the caller's own sessions: called last, so that the routes after them still see a signed-in member. */
  const ENDS_THE_CALLERS_SESSIONS = new Set(['POST /v1/auth/logout-everywhere']);

  beforeAll(async () => {
    t = await createTestApp();
    const table = routeTable(t.app);
    const endsSessions = (r: RouteDeclaration) => ENDS_THE_CALLERS_SESSIONS.has(`${r.method} ${r.path}`);
    routes = [...table.filter((r) => !endsSessions(r)), ...table.filter(endsSessions)];
    const admin = await signupOrganization(t);
    members.admin = admin;
    for (const role of MEMBER_ROLES.filter((r) => r !== 'admin')) members[role] = await addMember(t, admin, [role]);
  });
  afterAll(async () => {
    await t.close();
  });

  const send = (route: RouteDeclaration, actor?: Actor) => {
    const path = route.path.replace(/:[A-Za-z]+/g, () => randomUUID());
    const req = t.http[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
    if (actor) req.set(actor.auth);
    return route.method === 'GET' || route.method === 'DELETE' ? req : req.send({});
  };

  it('finds the routes the product promises', () => {
    const paths = routes.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(
      expect.arrayContaining(['POST /v1/auth/signup', 'POST /v1/auth/login', 'GET /v1/me', 'POST /v1/members', 'GET /v1/audit-log']),
    );
  });

  it('refuses requests without a token on every non-public route', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      const res = await send(route);
      if (res.status !== 401) failures.push(`${route.method} ${route.path} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it.each(MEMBER_ROLES.map((role) => [role]))('applies the declared roles to a member holding only %s', async (role) => {
    const actor = members[role as MemberRole];
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      const res = await send(route, actor);
      const denied = res.status === 403 && res.body?.code === 'role_required';
      const shouldDeny = route.roles !== undefined && route.roles.length > 0 && !route.roles.includes(role as MemberRole);
      if (res.status === 401 || res.status >= 500 || denied !== shouldDeny) {
        failures.push(
          `${route.method} ${route.path} as ${role}: ${res.status} ${res.body?.code ?? ''} (declared: ${route.roles?.join(',') ?? 'any member'})`,
        );
      }
    }
    expect(failures).toEqual([]);
  });

  it('has no route that writes to or deletes from the audit log', () => {
    const auditWrites = routes.filter((r) => r.path.startsWith('/v1/audit-log') && r.method !== 'GET');
    expect(auditWrites).toEqual([]);
  });
});
