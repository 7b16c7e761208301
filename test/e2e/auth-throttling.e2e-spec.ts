import { randomUUID } from 'node:crypto';
import { createTestApp, signupOrganization, TEST_PASSWORD, TestApp, uniqueEmail } from '@hireloop/testing';

/**
 * Issue 14, item 3: sign-in limits that hold. Counted per account and per client address in Redis (shared by every
 * API process); the client address is the socket's unless TRUST_PROXY names the proxy; 429 carries Retry-After.
 */

/** An app with these settings and a Redis key prefix of its own (so the limits of other tests do not interfere). */
async function appWith(env: Record<string, string>, prefix = `thr-${randomUUID().slice(0, 8)}`): Promise<TestApp> {
  const saved: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries({ ...env, QUEUE_PREFIX: prefix })) {
    saved[key] = process.env[key];
    process.env[key] = value;
  }
  try {
    return await createTestApp();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

const login = (t: TestApp, email: string, password: string, forwardedFor?: string) => {
  const req = t.http.post('/v1/auth/login');
  if (forwardedFor) req.set('X-Forwarded-For', forwardedFor);
  return req.send({ email, password });
};

describe('sign-in throttling', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });
  const track = async (app: Promise<TestApp>) => {
    const t = await app;
    apps.push(t);
    return t;
  };

  it('30 wrong passwords from "different addresses" (X-Forwarded-For) are throttled per account; the right one then waits too', async () => {
    const t = await track(appWith({ LOGIN_THROTTLE_LIMIT: '10', LOGIN_THROTTLE_ADDRESS_LIMIT: '1000' }));
    const admin = await signupOrganization(t);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await login(t, admin.email, `wrong password ${i}`, `203.0.113.${i + 1}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(20).fill(429));
    const right = await login(t, admin.email, TEST_PASSWORD, '198.51.100.7').expect(429);
    expect(right.headers['content-type']).toContain('application/problem+json');
    expect(right.body).toMatchObject({ status: 429, code: 'too_many_requests' });
    expect(right.body).not.toHaveProperty('accessToken');
    const retryAfter = Number(right.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
  }, 120_000);

  it('by default X-Forwarded-For is ignored: password spraying across emails from one address is limited', async () => {
    const t = await track(appWith({ LOGIN_THROTTLE_LIMIT: '10', LOGIN_THROTTLE_ADDRESS_LIMIT: '12' }));
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push((await login(t, uniqueEmail('spray'), 'Winter2026!', `203.0.113.${i + 1}`)).status);
    expect(statuses.slice(0, 12)).toEqual(Array(12).fill(401));
    expect(statuses.slice(12)).toEqual(Array(4).fill(429));
    // Signing up and accepting invites from that address wait as well.
    await t.http
      .post('/v1/auth/signup')
      .send({ organizationName: 'Late', name: 'Late Comer', email: uniqueEmail(), password: TEST_PASSWORD })
      .expect(429);
  }, 120_000);

  it('X-Forwarded-For is honoured from a trusted proxy (TRUST_PROXY): each client address has its own bucket', async () => {
    const t = await track(appWith({ TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1', LOGIN_THROTTLE_LIMIT: '10', LOGIN_THROTTLE_ADDRESS_LIMIT: '5' }));
    // Sixteen clients behind the proxy, one attempt each: none is throttled.
    for (let i = 0; i < 16; i++) await login(t, uniqueEmail('client'), 'wrong password', `203.0.113.${i + 1}`).expect(401);
    // One client spraying through the proxy is.
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await login(t, uniqueEmail('spray'), 'wrong password', '198.51.100.99')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  }, 120_000);

  it('two API instances share the limits (Redis)', async () => {
    const prefix = `thr-shared-${randomUUID().slice(0, 8)}`;
    const one = await track(appWith({ LOGIN_THROTTLE_LIMIT: '6', LOGIN_THROTTLE_ADDRESS_LIMIT: '1000' }, prefix));
    const two = await track(appWith({ LOGIN_THROTTLE_LIMIT: '6', LOGIN_THROTTLE_ADDRESS_LIMIT: '1000' }, prefix));
    const admin = await signupOrganization(one);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await login(i % 2 === 0 ? one : two, admin.email, 'wrong password')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
  }, 120_000);

  it('accepting invites counts per invite, not one bucket for a whole office behind one address', async () => {
    const t = await track(appWith({ LOGIN_THROTTLE_LIMIT: '3', LOGIN_THROTTLE_ADDRESS_LIMIT: '1000' }));
    const admin = await signupOrganization(t);
    for (let i = 0; i < 6; i++) {
      const invite = await t.http
        .post('/v1/members')
        .set(admin.auth)
        .send({ email: uniqueEmail('office'), name: `Colleague ${i}`, roles: ['interviewer'] })
        .expect(201);
      await t.http.post('/v1/auth/accept-invite').send({ token: invite.body.inviteToken, password: TEST_PASSWORD }).expect(200);
    }
    // Guessing one token is limited.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await t.http.post('/v1/auth/accept-invite').send({ token: 'guessed-token', password: TEST_PASSWORD })).status);
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
  }, 120_000);

  it('confirming a password reset is counted under its own action, per token: verify-email attempts do not use it up', async () => {
    const t = await track(appWith({ LOGIN_THROTTLE_LIMIT: '3', LOGIN_THROTTLE_ADDRESS_LIMIT: '1000' }));
    const token = `guessed-${randomUUID()}`;
    const verify: number[] = [];
    for (let i = 0; i < 4; i++) verify.push((await t.http.post('/v1/auth/verify-email').send({ token })).status);
    expect(verify).toEqual([400, 400, 400, 429]);
    // The same token string at the reset confirmation: a bucket of its own, then limited like the others.
    const confirm: number[] = [];
    for (let i = 0; i < 4; i++) confirm.push((await t.http.post('/v1/auth/password-reset/confirm').send({ token, password: TEST_PASSWORD })).status);
    expect(confirm).toEqual([400, 400, 400, 429]);
  }, 120_000);

  it('changing the password is counted per account: a stolen session cannot keep guessing the current one', async () => {
    const t = await track(appWith({ LOGIN_THROTTLE_LIMIT: '3', LOGIN_THROTTLE_ADDRESS_LIMIT: '1000' }));
    const admin = await signupOrganization(t);
    const other = await signupOrganization(t);
    const change = (actor: { auth: Record<string, string> }, currentPassword: string, forwardedFor: string) =>
      t.http
        .post('/v1/me/password')
        .set(actor.auth)
        .set('X-Forwarded-For', forwardedFor)
        .send({ currentPassword, newPassword: 'a new passphrase here' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await change(admin, `guess ${i}`, `203.0.113.${i + 1}`)).status);
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
    const right = await change(admin, TEST_PASSWORD, '198.51.100.9').expect(429);
    expect(right.body).toMatchObject({ code: 'too_many_requests' });
    // Another account is not held up by it, and signing in (another action) is not either.
    await change(other, TEST_PASSWORD, '198.51.100.10').expect(200);
    await t.http.post('/v1/auth/login').send({ email: admin.email, password: TEST_PASSWORD }).expect(200);
  }, 120_000);

  it('asking to change the address is counted per account, and guessing a confirmation token per token', async () => {
    const t = await track(appWith({ LOGIN_THROTTLE_LIMIT: '3', LOGIN_THROTTLE_ADDRESS_LIMIT: '1000' }));
    const admin = await signupOrganization(t);
    const other = await signupOrganization(t);
    const ask = (actor: { auth: Record<string, string> }, currentPassword: string) =>
      t.http
        .post('/v1/me/email')
        .set(actor.auth)
        .send({ newEmail: `moved-${randomUUID()}@example.test`, currentPassword });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await ask(admin, `guess ${i}`)).status);
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
    await ask(admin, TEST_PASSWORD).expect(429);
    await ask(other, TEST_PASSWORD).expect(202);
    // Changing the password is another action: not held up by it.
    await t.http.post('/v1/me/password').set(admin.auth).send({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }).expect(200);

    const token = `guessed-${randomUUID()}`;
    const confirm: number[] = [];
    for (let i = 0; i < 4; i++) confirm.push((await t.http.post('/v1/auth/email-change/confirm').send({ token })).status);
    expect(confirm).toEqual([400, 400, 400, 429]);
  }, 120_000);
});
