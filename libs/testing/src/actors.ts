import { randomUUID } from 'node:crypto';
import type { MemberRole } from '@hireloop/core';
import type { TestApp } from './test-app';

export interface Actor {
  token: string;
  memberId: string;
  userId: string;
  organizationId: string;
  email: string;
  name: string;
  roles: MemberRole[];
  /** `Authorization` header value. */
  auth: { Authorization: string };
}

export const TEST_PASSWORD = 'correct horse battery staple';

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 12)}@example.test`;
}

function toActor(body: any, roles: MemberRole[]): Actor {
  return {
    token: body.accessToken,
    memberId: body.membership.memberId,
    userId: body.user.id,
    organizationId: body.organization.id,
    email: body.user.email,
    name: body.user.name,
    roles,
    auth: { Authorization: `Bearer ${body.accessToken}` },
  };
}

/** A new organization and its first admin. Every test that signs up gets its own tenant, so tests never collide. */
export async function signupOrganization(t: TestApp, name = `Org ${randomUUID().slice(0, 8)}`): Promise<Actor> {
  const email = uniqueEmail('admin');
  const res = await t.http.post('/v1/auth/signup').send({ organizationName: name, name: 'Alex Admin', email, password: TEST_PASSWORD }).expect(201);
  return toActor(res.body, ['admin']);
}

/** Invites a member with the given roles into the admin's organization and accepts the invite. */
export async function addMember(t: TestApp, admin: Actor, roles: MemberRole[], name = `Member ${roles.join('+')}`): Promise<Actor> {
  const email = uniqueEmail(roles.join('-'));
  const invite = await t.http.post('/v1/members').set(admin.auth).send({ email, name, roles }).expect(201);
  const res = await t.http.post('/v1/auth/accept-invite').send({ token: invite.body.inviteToken, password: TEST_PASSWORD }).expect(200);
  return toActor(res.body, roles);
}

/** A typical tenant: admin, recruiter, hiring manager and three interviewers. */
export async function createTeam(t: TestApp) {
  const admin = await signupOrganization(t);
  const [recruiter, hiringManager, alice, bob, carol] = await Promise.all([
    addMember(t, admin, ['recruiter'], 'Riley Recruiter'),
    addMember(t, admin, ['hiring_manager'], 'Harper Manager'),
    addMember(t, admin, ['interviewer'], 'Alice Interviewer'),
    addMember(t, admin, ['interviewer'], 'Bob Interviewer'),
    addMember(t, admin, ['interviewer'], 'Carol Interviewer'),
  ]);
  return { admin, recruiter, hiringManager, interviewers: [alice, bob, carol] };
}
