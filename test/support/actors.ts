import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { MemberRole } from '@hireloop/core';
import { parseMasterKey } from '@hireloop/core/audit/personal-data-cipher';
import { emailTokenKey, openEmailToken } from '@hireloop/core/email/email-tokens';
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

/** What signup, sign-in and invite acceptance answer, as far as the test helpers read it. */
export interface SessionResponse {
  accessToken: string;
  user: { id: string; email: string; name: string };
  organization: { id: string; name: string };
  membership: { memberId: string; roles: MemberRole[] };
}

function toActor(body: SessionResponse, roles: MemberRole[]): Actor {
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

/** The session id of an access token: its `jti` claim (GET /v1/me/sessions lists sessions by it). */
export function sessionIdOf(accessToken: string): string {
  return JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8')).jti;
}

/**
 * The one-time token a stored email delivery carries, opened as the worker opens it (it is stored sealed under a key
 * derived from DATA_ENCRYPTION_KEY, the tests' own, bound to the delivery's template and recipient).
 */
export function mailToken(delivery: { template: string; recipient_email: string; params: Record<string, unknown> }): string {
  const key = emailTokenKey(parseMasterKey(process.env.DATA_ENCRYPTION_KEY!));
  const { token } = openEmailToken(key, delivery.params, { template: delivery.template, recipientEmail: delivery.recipient_email });
  if (typeof token !== 'string') throw new Error(`the ${delivery.template} mail to ${delivery.recipient_email} carries no token`);
  return token;
}

/**
 * The token of the newest verification mail to this address, read from its email delivery while the worker has not
 * sent it yet (sending empties the stored parameters; tests with a worker and an SMTP server read the mail instead).
 * `owner` is the owner's connection (DATABASE_URL), outside row-level security.
 */
export async function pendingVerificationToken(owner: DataSource, email: string): Promise<string> {
  const rows: { template: string; recipient_email: string; params: Record<string, unknown> }[] = await owner.query(
    `SELECT template, recipient_email, params FROM email_deliveries
      WHERE template = 'email_verification' AND recipient_email = lower($1) AND params ? 'sealedToken'
      ORDER BY created_at DESC LIMIT 1`,
    [email],
  );
  if (!rows[0]) throw new Error(`no pending verification mail to ${email}`);
  return mailToken(rows[0]);
}

/**
 * Signup then verification against an API at `baseUrl` (another process): the token comes from the pending mail in
 * the database at `databaseUrl` (the owner's connection). Resolves with the body of verify-email (the signed-in admin).
 */
export async function signupOverHttp(
  baseUrl: string,
  body: { organizationName: string; name: string; email: string; password: string },
  databaseUrl = process.env.DATABASE_URL!,
): Promise<SessionResponse> {
  const post = (path: string, payload: unknown) =>
    fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  const accepted = await post('/v1/auth/signup', body);
  if (accepted.status !== 202) throw new Error(`signup answered ${accepted.status}: ${await accepted.text()}`);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let token: string;
  try {
    token = await pendingVerificationToken(
      { query: async (sql: string, params: unknown[]) => (await client.query(sql, params)).rows } as unknown as DataSource,
      body.email,
    );
  } finally {
    await client.end();
  }
  const verified = await fetch(`${baseUrl}/v1/auth/verify-email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: signupCookieOf(accepted.headers.getSetCookie()) },
    body: JSON.stringify({ token }),
  });
  if (verified.status !== 200) throw new Error(`verify-email answered ${verified.status}: ${await verified.text()}`);
  return (await verified.json()) as SessionResponse;
}

/**
 * A new organization and its first admin, signed up the way a person does: signup (202, a verification mail), then
 * the mail's link (verify-email). Every test that signs up gets its own tenant, so tests never collide.
 */
export async function signupOrganization(t: TestApp, name = `Org ${randomUUID().slice(0, 8)}`): Promise<Actor> {
  const email = uniqueEmail('admin');
  const signup = await t.http
    .post('/v1/auth/signup')
    .send({ organizationName: name, name: 'Alex Admin', email, password: TEST_PASSWORD })
    .expect(202);
  const token = await (t.readVerificationToken ? t.readVerificationToken(email) : pendingVerificationToken(t.dataSource, email));
  // The link opened in the browser that signed up: its sign-up cookie comes along.
  const res = await t.http.post('/v1/auth/verify-email').set('cookie', signupCookieOf(signup.headers['set-cookie'])).send({ token }).expect(200);
  return toActor(res.body, ['admin']);
}

/** The `Cookie` header value that carries the sign-up browser's cookie, from the sign-up answer's Set-Cookie headers. */
export function signupCookieOf(setCookie: string[] | string | undefined): string {
  const headers = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const cookie = headers.map((h) => h.split(';')[0]).find((c) => c.startsWith('hireloop_signup='));
  if (!cookie) throw new Error(`the sign-up answer set no hireloop_signup cookie: ${JSON.stringify(headers)}`);
  return cookie;
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
