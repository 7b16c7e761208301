import {
  createTestApp,
  mailToken,
  pendingVerificationToken,
  signupCookieOf,
  signupOrganization,
  TEST_PASSWORD,
  TestApp,
  uniqueEmail,
} from '@hireloop/testing';

/** Issue 14, item 4: accounts belong to their owner — invites reveal nothing about them and cannot take them over. */
describe('accounts belong to their owner', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const invite = (admin: { auth: Record<string, string> }, email: string, name: string) =>
    t.http
      .post('/v1/members')
      .set(admin.auth)
      .send({ email, name, roles: ['interviewer'] })
      .expect(201);
  const accept = (token: string, password: string, name?: string) =>
    t.http.post('/v1/auth/accept-invite').send({ token, password, ...(name ? { name } : {}) });
  const shape = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(shape)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
        : typeof value;

  it('inviting an email that has an account answers like a new email: no name, no user id of that account', async () => {
    const ownerName = `Olivia Owner ${Date.now()}`;
    const ownerEmail = uniqueEmail('owner');
    const signedUp = await t.http
      .post('/v1/auth/signup')
      .send({ organizationName: 'Owner Org', name: ownerName, email: ownerEmail, password: TEST_PASSWORD })
      .expect(202);
    const owner = (
      await t.http
        .post('/v1/auth/verify-email')
        .set('cookie', signupCookieOf(signedUp.headers['set-cookie']))
        .send({ token: await pendingVerificationToken(t.dataSource, ownerEmail) })
        .expect(200)
    ).body;
    const inviter = await signupOrganization(t);
    const existing = await invite(inviter, ownerEmail, 'Typed By Inviter');
    const fresh = await invite(inviter, uniqueEmail('fresh'), 'Typed By Inviter');
    expect(shape(existing.body)).toEqual(shape(fresh.body));
    for (const body of [existing.body, fresh.body]) {
      expect(body.member).toMatchObject({ name: 'Typed By Inviter', status: 'invited', userId: body.member.id });
    }
    const seen = JSON.stringify([
      existing.body,
      (await t.http.get('/v1/members?limit=100').set(inviter.auth).expect(200)).body,
      (await t.http.get(`/v1/members/${existing.body.member.id}`).set(inviter.auth).expect(200)).body,
    ]);
    expect(seen).not.toContain(owner.user.id);
    expect(seen).not.toContain(ownerName);
  });

  it("another organization's invite cannot set the password or name of a user a first organization invited (pre-hijack)", async () => {
    const b = await signupOrganization(t);
    const a = await signupOrganization(t);
    const victim = uniqueEmail('victim');
    const fromB = await invite(b, victim, 'Vic Tim');
    const fromA = await invite(a, victim, 'Chosen By A');
    // A accepts its own token with a password of its choosing: refused, nothing changes.
    await accept(fromA.body.inviteToken, 'attacker password 123', 'Chosen By A').expect(401);
    // The real person accepts B's invite and sets their password and name.
    const joined = await accept(fromB.body.inviteToken, TEST_PASSWORD, 'Victoria Tim').expect(200);
    expect(joined.body.user.name).toBe('Victoria Tim');
    const bMembers = await t.http.get('/v1/members?limit=100').set(b.auth).expect(200);
    expect(bMembers.body.items.find((m: { id: string }) => m.id === fromB.body.member.id)).toMatchObject({
      name: 'Victoria Tim',
      status: 'active',
      userId: joined.body.user.id,
    });
    // A's invite now joins that account with its current password only, and changes neither name nor password.
    await accept(fromA.body.inviteToken, 'attacker password 123').expect(401);
    const viaA = await accept(fromA.body.inviteToken, TEST_PASSWORD, 'Renamed By A').expect(200);
    expect(viaA.body.user).toMatchObject({ id: joined.body.user.id, name: 'Victoria Tim' });
    await t.http.post('/v1/auth/login').send({ email: victim, password: TEST_PASSWORD, organizationId: b.organizationId }).expect(200);
  });

  it('an existing account joins another organization only by signing in as it; its name and password stay', async () => {
    const owner = await signupOrganization(t);
    const other = await signupOrganization(t);
    const inv = await invite(other, owner.email, 'Someone Else');
    await accept(inv.body.inviteToken, 'a new password 0000', 'Someone Else').expect(401);
    const joined = await accept(inv.body.inviteToken, TEST_PASSWORD, 'Someone Else').expect(200);
    expect(joined.body.user).toMatchObject({ id: owner.userId, name: 'Alex Admin' });
    await t.http.post('/v1/auth/login').send({ email: owner.email, password: 'a new password 0000' }).expect(401);
    await t.http.post('/v1/auth/login').send({ email: owner.email, password: TEST_PASSWORD }).expect(200);
  });
});

describe('signup with e-mail verification (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const signup = (email: string, name: string, password = TEST_PASSWORD) =>
    t.http.post('/v1/auth/signup').send({ organizationName: `Org of ${name}`, name, email, password });
  /** The mails to this address as the email pipeline stores them (an `email_deliveries` row and its outbox row each). */
  const mailTo = async (email: string) =>
    (await t.dataSource.query(
      `SELECT d.template, d.recipient_email, d.organization_id, d.params, (SELECT count(*)::int FROM outbox_messages o WHERE o.payload->>'deliveryId' = d.id::text) AS outbox
         FROM email_deliveries d WHERE d.recipient_email = $1 ORDER BY d.created_at`,
      [email],
    )) as { template: string; recipient_email: string; organization_id: string | null; params: Record<string, string>; outbox: number }[];

  it('answers a registered e-mail exactly like a new one (202, same body), and changes nothing of the existing account', async () => {
    const ownerEmail = uniqueEmail('owner');
    const owner = await signup(ownerEmail, 'Olive Owner').expect(202);
    expect(owner.body).toEqual({ status: 'verification_sent', detail: expect.any(String) });
    const [mail] = await mailTo(ownerEmail);
    expect(mail).toMatchObject({ template: 'email_verification', organization_id: expect.any(String), outbox: 1 });
    const token = mailToken(mail);
    // Until the worker sends it, the mail holds the token sealed: the database alone gives no usable link.
    expect(mail.params).not.toHaveProperty('token');
    expect(JSON.stringify(mail.params)).not.toContain(token);
    // Bound to its delivery: moved onto another recipient's mail it does not open.
    expect(() => mailToken({ ...mail, recipient_email: uniqueEmail('elsewhere') })).toThrow(/does not open/);
    // Only the token's hash is stored for checking it.
    expect(JSON.stringify(await t.dataSource.query(`SELECT * FROM signup_verifications`))).not.toContain(token);
    // Not usable before verification.
    await t.http.post('/v1/auth/login').send({ email: ownerEmail, password: TEST_PASSWORD }).expect(401);
    // The link proves the mailbox, not who chose the password: outside the browser that signed up (no cookie, or
    // another sign-up's) it also takes that password; a refused attempt leaves the token usable.
    const otherBrowser = await t.http.post('/v1/auth/verify-email').send({ token }).expect(400);
    expect(otherBrowser.body).toMatchObject({ code: 'password_required', errors: [{ field: 'password' }] });
    const strangersCookie = signupCookieOf((await signup(uniqueEmail('stranger'), 'Sam Stranger').expect(202)).headers['set-cookie']);
    expect((await t.http.post('/v1/auth/verify-email').set('cookie', strangersCookie).send({ token }).expect(400)).body.code).toBe(
      'password_required',
    );
    expect((await t.http.post('/v1/auth/verify-email').send({ token, password: 'not the sign-up password' }).expect(401)).body.code).toBe(
      'invalid_credentials',
    );
    const verified = await t.http
      .post('/v1/auth/verify-email')
      .set('cookie', signupCookieOf(owner.headers['set-cookie']))
      .send({ token })
      .expect(200);
    expect(String(verified.headers['set-cookie'])).toMatch(/hireloop_signup=;/);
    expect(verified.body).toMatchObject({
      tokenType: 'Bearer',
      user: { email: ownerEmail, name: 'Olive Owner' },
      membership: { roles: ['admin'], status: 'active' },
    });
    await t.http.get('/v1/me').set('Authorization', `Bearer ${verified.body.accessToken}`).expect(200);
    await t.http.post('/v1/auth/verify-email').send({ token }).expect(400); // one-time

    const [mallory, freshName] = [`Mallory ${ownerEmail}`, `Fresh Person ${ownerEmail}`];
    const again = await signup(ownerEmail, mallory, 'mallory password 1').expect(202);
    const fresh = await signup(uniqueEmail('fresh'), freshName).expect(202);
    expect(again.body).toEqual(fresh.body);
    const headerNames = (res: { headers: Record<string, unknown> }) =>
      Object.keys(res.headers)
        .filter((h) => !['date', 'x-request-id', 'content-length', 'etag'].includes(h))
        .sort();
    expect(headerNames(again)).toEqual(headerNames(fresh));
    const organizations = async (name: string) =>
      Number((await t.dataSource.query(`SELECT count(*) FROM organizations WHERE name = $1`, [`Org of ${name}`]))[0].count);
    expect([await organizations(mallory), await organizations(freshName)]).toEqual([0, 1]); // only the fresh one
    // The owner is told by mail, through the same pipeline as every email (no organization: an account mail), and
    // keeps their name and password.
    const mails = await mailTo(ownerEmail);
    expect(mails.map((m) => m.template)).toEqual(['email_verification', 'signup_attempt']);
    expect(mails[1]).toMatchObject({ organization_id: null, outbox: 1 });
    expect(JSON.stringify(mails[1].params)).not.toContain(mallory);
    await t.http.post('/v1/auth/login').send({ email: ownerEmail, password: 'mallory password 1' }).expect(401);
    const login = await t.http.post('/v1/auth/login').send({ email: ownerEmail, password: TEST_PASSWORD }).expect(200);
    expect(login.body.user.name).toBe('Olive Owner');
  });

  it('refuses a name with line breaks the same way for a new and a registered e-mail (400 on the field)', async () => {
    const admin = await signupOrganization(t);
    for (const email of [admin.email, uniqueEmail('fresh')]) {
      const res = await signup(email, 'Eve\r\nBcc: victim@example.test').expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
    }
  });
});

describe('signup without e-mail verification (SIGNUP_EMAIL_VERIFICATION=false, development only)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { SIGNUP_EMAIL_VERIFICATION: 'false' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs a new e-mail in at once and answers a registered one 409 email_taken', async () => {
    const email = uniqueEmail('instant');
    const res = await t.http
      .post('/v1/auth/signup')
      .send({ organizationName: 'Instant Org', name: 'Ina Instant', email, password: TEST_PASSWORD })
      .expect(201);
    await t.http.get('/v1/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    const taken = await t.http.post('/v1/auth/signup').send({ organizationName: 'Other', name: 'X', email, password: TEST_PASSWORD }).expect(409);
    expect(taken.body).toMatchObject({ status: 409, code: 'email_taken', errors: [{ field: 'email' }] });
  });
});
