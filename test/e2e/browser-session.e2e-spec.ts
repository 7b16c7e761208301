import { cookiesOf, createTestApp, signupOrganization, TEST_PASSWORD, TestApp } from '@hireloop/testing';

/**
 * Issue 14, item 8: the web app's session lives in an httpOnly, SameSite=Lax cookie set by the API, with CSRF
 * protection for unsafe requests that authenticate with it; bearer clients are unaffected.
 */

describe('browser sessions: httpOnly cookie with CSRF protection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Signs in like the web app: the cookies a browser would keep. */
  async function browserSignIn(email: string) {
    const res = await t.http.post('/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
    const cookies = cookiesOf(res);
    const session = cookies.get('hireloop_session')!;
    const csrf = cookies.get('hireloop_csrf')!;
    return {
      session,
      csrf,
      cookieHeader: `hireloop_session=${session.value}; hireloop_csrf=${csrf.value}`,
      accessToken: res.body.accessToken as string,
    };
  }

  const candidateCount = async (organizationId: string) =>
    Number((await t.dataSource.query(`SELECT count(*) FROM candidates WHERE organization_id = $1`, [organizationId]))[0].count);

  it('sign-in sets the session cookie httpOnly, SameSite=Lax, for the token lifetime, and a readable CSRF cookie', async () => {
    const admin = await signupOrganization(t);
    const { session, csrf } = await browserSignIn(admin.email);
    expect(session.attributes).toEqual(
      expect.arrayContaining(['httponly', 'samesite=lax', 'path=/', `max-age=${process.env.JWT_EXPIRES_IN_SECONDS ?? 3600}`]),
    );
    expect(session.attributes).not.toContain('secure'); // plain http on loopback
    expect(csrf.attributes).toEqual(expect.arrayContaining(['samesite=lax', 'path=/']));
    expect(csrf.attributes).not.toContain('httponly');
    expect(csrf.value).not.toBe(session.value);
  });

  it('the cookie alone authenticates reads; an unsafe request needs the CSRF token of that very session', async () => {
    const admin = await signupOrganization(t);
    const browser = await browserSignIn(admin.email);
    const me = await t.http.get('/v1/me').set('Cookie', browser.cookieHeader).expect(200);
    expect(me.body.user.email).toBe(admin.email);

    const body = { name: 'Casey Candidate', email: 'casey@example.test' };
    // A cross-site form or fetch: the browser attaches the cookie but the page cannot read the CSRF cookie.
    const forged = await t.http
      .post('/v1/candidates')
      .set('Cookie', browser.cookieHeader)
      .set('Origin', 'https://evil.example')
      .send(body)
      .expect(403);
    expect(forged.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(forged.body).toMatchObject({ status: 403, code: 'csrf_token_invalid' });
    await t.http.post('/v1/candidates').set('Cookie', browser.cookieHeader).set('X-CSRF-Token', 'guessed-value').send(body).expect(403);
    // The CSRF token of another session (say, the attacker's own) does not fit this one.
    const other = await browserSignIn((await signupOrganization(t)).email);
    await t.http.post('/v1/candidates').set('Cookie', browser.cookieHeader).set('X-CSRF-Token', other.csrf.value).send(body).expect(403);
    expect(await candidateCount(admin.organizationId)).toBe(0);

    await t.http.post('/v1/candidates').set('Cookie', browser.cookieHeader).set('X-CSRF-Token', browser.csrf.value).send(body).expect(201);
    expect(await candidateCount(admin.organizationId)).toBe(1);
  });

  it('bearer clients are unaffected: no CSRF token needed, and a stray cookie changes nothing', async () => {
    const admin = await signupOrganization(t);
    await t.http.post('/v1/candidates').set(admin.auth).send({ name: 'Bea Bearer', email: 'bea@example.test' }).expect(201);
    // The bearer header wins over another organization's session cookie sent along.
    const other = await signupOrganization(t);
    const stranger = await browserSignIn(other.email);
    await t.http
      .post('/v1/candidates')
      .set(admin.auth)
      .set('Cookie', stranger.cookieHeader)
      .send({ name: 'Bo Bearer', email: 'bo@example.test' })
      .expect(201);
    expect(await candidateCount(admin.organizationId)).toBe(2);
    expect(await candidateCount(other.organizationId)).toBe(0);
  });

  it('sign-out clears both cookies and ends the session: the old cookie value is refused afterwards', async () => {
    const admin = await signupOrganization(t);
    const browser = await browserSignIn(admin.email);
    // Sign-out is an unsafe request too.
    await t.http.post('/v1/auth/logout').set('Cookie', browser.cookieHeader).expect(403);
    const out = await t.http.post('/v1/auth/logout').set('Cookie', browser.cookieHeader).set('X-CSRF-Token', browser.csrf.value).expect(204);
    const cleared = cookiesOf(out);
    for (const name of ['hireloop_session', 'hireloop_csrf']) {
      expect(cleared.get(name)?.value).toBe('');
      expect(cleared.get(name)?.attributes.some((a) => a === 'max-age=0' || a.startsWith('expires=thu, 01 jan 1970'))).toBe(true);
    }
    // A copy of the cookie (or of the same token as a bearer) is dead.
    const after = await t.http.get('/v1/me').set('Cookie', browser.cookieHeader).expect(401);
    expect(after.body.code).toBe('invalid_token');
    await t.http.get('/v1/me').set('Authorization', `Bearer ${browser.accessToken}`).expect(401);
    // Other sessions of the same person live on.
    await t.http.get('/v1/me').set(admin.auth).expect(200);
    // A bearer client signs out its own token the same way.
    await t.http.post('/v1/auth/logout').set(admin.auth).expect(204);
    await t.http.get('/v1/me').set(admin.auth).expect(401);
  });
});

describe('browser sessions behind an https proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('marks both cookies Secure when the page came over https', async () => {
    const admin = await signupOrganization(t);
    const res = await t.http
      .post('/v1/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ email: admin.email, password: TEST_PASSWORD })
      .expect(200);
    const cookies = cookiesOf(res);
    expect(cookies.get('hireloop_session')?.attributes).toEqual(expect.arrayContaining(['secure', 'httponly']));
    expect(cookies.get('hireloop_csrf')?.attributes).toContain('secure');
  });
});
