import { JwtService } from '@nestjs/jwt';
import {
  addMember,
  createTestApp,
  pendingVerificationToken,
  signupCookieOf,
  signupOrganization,
  TEST_PASSWORD,
  TestApp,
  uniqueEmail,
} from '@hireloop/testing';

describe('foundation: auth, tenancy, errors, health', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('signup and login', () => {
    it('creates an organization with its first admin once the e-mail is verified, and returns a working token', async () => {
      const email = uniqueEmail('founder');
      const accepted = await t.http
        .post('/v1/auth/signup')
        .send({ organizationName: 'Acme Robotics', name: 'Ada Founder', email: email.toUpperCase(), password: TEST_PASSWORD })
        .expect(202);
      expect(accepted.body).toEqual({ status: 'verification_sent', detail: expect.any(String) });
      const res = await t.http
        .post('/v1/auth/verify-email')
        .set('cookie', signupCookieOf(accepted.headers['set-cookie']))
        .send({ token: await pendingVerificationToken(t.dataSource, email) })
        .expect(200);
      expect(res.body).toMatchObject({
        tokenType: 'Bearer',
        organization: { name: 'Acme Robotics' },
        user: { email },
        membership: { roles: ['admin'], status: 'active' },
      });
      expect(JSON.stringify(res.body)).not.toContain(TEST_PASSWORD);

      const me = await t.http.get('/v1/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
      expect(me.body).toEqual({
        user: { id: res.body.user.id, email, name: 'Ada Founder' },
        organization: { id: res.body.organization.id, name: 'Acme Robotics' },
        membership: { memberId: res.body.membership.memberId, roles: ['admin'], status: 'active' },
      });
    });

    it('creates no second account with the same email, and says so to nobody but its owner (202 like a new one)', async () => {
      const admin = await signupOrganization(t);
      const res = await t.http
        .post('/v1/auth/signup')
        .send({ organizationName: 'Other', name: 'X', email: admin.email, password: TEST_PASSWORD })
        .expect(202);
      expect(res.body).toEqual({ status: 'verification_sent', detail: expect.any(String) });
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM members m JOIN users u ON u.id = m.user_id WHERE u.email = $1`, [
        admin.email,
      ]);
      expect(n).toBe(1);
    });

    it('logs in with the right password and refuses a wrong one with 401', async () => {
      const admin = await signupOrganization(t);
      const ok = await t.http.post('/v1/auth/login').send({ email: admin.email, password: TEST_PASSWORD }).expect(200);
      expect(ok.body.membership.memberId).toBe(admin.memberId);
      const bad = await t.http.post('/v1/auth/login').send({ email: admin.email, password: 'wrong password!!' }).expect(401);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.body).toMatchObject({ status: 401, code: 'invalid_credentials' });
      await t.http
        .post('/v1/auth/login')
        .send({ email: uniqueEmail('nobody'), password: TEST_PASSWORD })
        .expect(401);
    });

    it('answers 400 with field errors when login fields are missing', async () => {
      const res = await t.http.post('/v1/auth/login').send({}).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
    });
  });

  describe('tokens', () => {
    it('refuses a missing, tampered or expired token with 401', async () => {
      const admin = await signupOrganization(t);
      await t.http.get('/v1/me').expect(401);
      const [head, payload, signature] = admin.token.split('.');
      const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), mid: admin.memberId })).toString(
        'base64url',
      );
      await t.http.get('/v1/me').set('Authorization', `Bearer ${head}.${forged}x.${signature}`).expect(401);
      const wrongKey = new JwtService({ secret: 'another-secret-that-is-long-enough-000' });
      const foreign = await wrongKey.signAsync({ sub: admin.userId, org: admin.organizationId, mid: admin.memberId });
      await t.http.get('/v1/me').set('Authorization', `Bearer ${foreign}`).expect(401);
      const jwt = t.app.get(JwtService);
      const expired = await jwt.signAsync({ sub: admin.userId, org: admin.organizationId, mid: admin.memberId }, { expiresIn: -10 });
      const res = await t.http.get('/v1/me').set('Authorization', `Bearer ${expired}`).expect(401);
      expect(res.body.code).toBe('token_expired');
    });
  });

  describe('members', () => {
    it('invites a member who accepts, signs in and sees their roles in /me', async () => {
      const admin = await signupOrganization(t);
      const email = uniqueEmail('ivy');
      const invite = await t.http
        .post('/v1/members')
        .set(admin.auth)
        .send({ email, name: 'Ivy Interviewer', roles: ['interviewer', 'hiring_manager'] })
        .expect(201);
      expect(invite.body.member).toMatchObject({ email, status: 'invited', roles: ['interviewer', 'hiring_manager'] });
      expect(typeof invite.body.inviteToken).toBe('string');

      await t.http.post('/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(401);
      const accepted = await t.http.post('/v1/auth/accept-invite').send({ token: invite.body.inviteToken, password: TEST_PASSWORD }).expect(200);
      expect(accepted.body.membership).toEqual({ memberId: invite.body.member.id, roles: ['interviewer', 'hiring_manager'], status: 'active' });
      // one-time: the same token cannot be used twice
      await t.http.post('/v1/auth/accept-invite').send({ token: invite.body.inviteToken, password: TEST_PASSWORD }).expect(400);

      const login = await t.http.post('/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
      const me = await t.http.get('/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
      expect(me.body.membership.roles).toEqual(['interviewer', 'hiring_manager']);
    });

    it('lets admins list, change roles and deactivate; a deactivated member is locked out at once', async () => {
      const admin = await signupOrganization(t);
      const member = await addMember(t, admin, ['interviewer']);
      const list = await t.http.get('/v1/members?limit=1').set(admin.auth).expect(200);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.nextCursor).toEqual(expect.any(String));
      const page2 = await t.http.get(`/v1/members?limit=1&cursor=${list.body.nextCursor}`).set(admin.auth).expect(200);
      expect(page2.body.items.map((m: { id: string }) => m.id)).toEqual([member.memberId]);
      expect(page2.body.nextCursor).toBeNull();

      const changed = await t.http
        .patch(`/v1/members/${member.memberId}`)
        .set(admin.auth)
        .send({ roles: ['recruiter'] })
        .expect(200);
      expect(changed.body.roles).toEqual(['recruiter']);
      await t.http
        .get('/v1/me')
        .set(member.auth)
        .expect(200)
        .expect((r) => expect(r.body.membership.roles).toEqual(['recruiter']));

      await t.http.post(`/v1/members/${member.memberId}/deactivate`).set(admin.auth).expect(200);
      await t.http.get('/v1/me').set(member.auth).expect(401);
    });

    it('keeps at least one active admin', async () => {
      const admin = await signupOrganization(t);
      const res = await t.http.post(`/v1/members/${admin.memberId}/deactivate`).set(admin.auth).expect(409);
      expect(res.body.code).toBe('last_admin');
    });
  });

  describe('role guard and tenancy', () => {
    it("refuses members without the route's role with 403", async () => {
      const admin = await signupOrganization(t);
      const interviewer = await addMember(t, admin, ['interviewer']);
      const res = await t.http
        .post('/v1/members')
        .set(interviewer.auth)
        .send({ email: uniqueEmail(), name: 'X', roles: ['admin'] })
        .expect(403);
      expect(res.body).toMatchObject({ status: 403, code: 'role_required' });
      await t.http.get('/v1/members').set(interviewer.auth).expect(403);
      await t.http.get('/v1/audit-log').set(interviewer.auth).expect(403);
    });

    it("answers 404 for another organization's member id", async () => {
      const a = await signupOrganization(t);
      const b = await signupOrganization(t);
      const bMember = await addMember(t, b, ['interviewer']);
      await t.http.get(`/v1/members/${bMember.memberId}`).set(a.auth).expect(404);
      await t.http
        .patch(`/v1/members/${bMember.memberId}`)
        .set(a.auth)
        .send({ roles: ['admin'] })
        .expect(404);
      await t.http.post(`/v1/members/${bMember.memberId}/deactivate`).set(a.auth).expect(404);
      await t.http.get('/v1/members/not-a-uuid').set(a.auth).expect(404);
      const list = await t.http.get('/v1/members').set(a.auth).expect(200);
      expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([a.memberId]);
    });
  });

  describe('errors', () => {
    it('uses problem+json with field paths for validation errors', async () => {
      const admin = await signupOrganization(t);
      const res = await t.http
        .post('/v1/members')
        .set(admin.auth)
        .send({ email: 'not-an-email', name: '', roles: ['admin', 'wizard'], extra: true })
        .expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({
        type: expect.stringContaining('validation_failed'),
        title: 'Bad Request',
        status: 400,
        detail: expect.any(String),
      });
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['email', 'name', 'roles', 'extra']));
    });

    it('answers malformed JSON with 400 and oversized bodies with 413', async () => {
      const bad = await t.http.post('/v1/auth/signup').set('content-type', 'application/json').send('{"organizationName": ').expect(400);
      expect(bad.body).toMatchObject({ status: 400, code: 'invalid_json' });
      const huge = await t.http
        .post('/v1/auth/signup')
        .send({ organizationName: 'x'.repeat(2_000_000) })
        .expect(413);
      expect(huge.body).toMatchObject({ status: 413, code: 'payload_too_large' });
    });

    it('answers unknown routes with a problem+json 404', async () => {
      const res = await t.http.get('/v1/nope').expect(404);
      expect(res.body.status).toBe(404);
    });

    it('carries a request id on every response', async () => {
      const res = await t.http.get('/health').set('x-request-id', 'trace-abc-123').expect(200);
      expect(res.headers['x-request-id']).toBe('trace-abc-123');
    });
  });

  describe('health and docs', () => {
    it('reports liveness and readiness of PostgreSQL and Redis', async () => {
      await t.http.get('/health').expect(200, { status: 'ok' });
      const ready = await t.http.get('/health/ready').expect(200);
      expect(ready.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, redis: { status: 'up' } } });
    });

    it('serves the OpenAPI document', async () => {
      const res = await t.http.get('/docs-json').expect(200);
      expect(res.body.paths).toHaveProperty('/v1/auth/signup');
      expect(res.body.paths).toHaveProperty('/v1/me');
      await t.http.get('/docs').expect(200);
    });
  });
});

describe('readiness with a stopped dependency', () => {
  let t: TestApp;
  const saved = process.env.REDIS_URL;

  beforeAll(async () => {
    // Nothing listens on this port: Redis is as good as stopped for this app.
    process.env.REDIS_URL = 'redis://127.0.0.1:6399';
    t = await createTestApp();
  });
  afterAll(async () => {
    process.env.REDIS_URL = saved;
    await t.close();
  });

  it('says redis is down and the service degraded, while PostgreSQL-backed requests still work', async () => {
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'degraded', details: { database: { status: 'up' }, redis: { status: 'down' } } });
    await signupOrganization(t);
  });
});

describe('login throttling', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_THROTTLE_LIMIT: '3' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 after too many attempts for one email', async () => {
    const email = uniqueEmail('target');
    for (let i = 0; i < 3; i++) await t.http.post('/v1/auth/login').send({ email, password: 'wrong password' }).expect(401);
    const res = await t.http.post('/v1/auth/login').send({ email, password: 'wrong password' }).expect(429);
    expect(res.body).toMatchObject({ status: 429, code: 'too_many_requests' });
  });
});
