import { createTestApp, signupOrganization, TEST_PASSWORD, TestApp, uniqueEmail } from '@hireloop/testing';

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
    t.http.post('/v1/members').set(admin.auth).send({ email, name, roles: ['interviewer'] }).expect(201);
  const accept = (token: string, password: string, name?: string) => t.http.post('/v1/auth/accept-invite').send({ token, password, ...(name ? { name } : {}) });
  const shape = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(shape) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)])) : typeof value;

  it('inviting an email that has an account answers like a new email: no name, no user id of that account', async () => {
    const ownerName = `Olivia Owner ${Date.now()}`;
    const ownerEmail = uniqueEmail('owner');
    const owner = (await t.http.post('/v1/auth/signup').send({ organizationName: 'Owner Org', name: ownerName, email: ownerEmail, password: TEST_PASSWORD }).expect(201)).body;
    const inviter = await signupOrganization(t);
    const existing = await invite(inviter, ownerEmail, 'Typed By Inviter');
    const fresh = await invite(inviter, uniqueEmail('fresh'), 'Typed By Inviter');
    expect(shape(existing.body)).toEqual(shape(fresh.body));
    for (const body of [existing.body, fresh.body]) {
      expect(body.member).toMatchObject({ name: 'Typed By Inviter', status: 'invited', userId: body.member.id });
    }
    const seen = JSON.stringify([existing.body, (await t.http.get('/v1/members?limit=100').set(inviter.auth).expect(200)).body, (await t.http.get(`/v1/members/${existing.body.member.id}`).set(inviter.auth).expect(200)).body]);
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
    expect(bMembers.body.items.find((m: { id: string }) => m.id === fromB.body.member.id)).toMatchObject({ name: 'Victoria Tim', status: 'active', userId: joined.body.user.id });
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

describe('signup with e-mail verification (SIGNUP_EMAIL_VERIFICATION)', () => {
  let t: TestApp;
  beforeAll(async () => {
    process.env.SIGNUP_EMAIL_VERIFICATION = 'true';
    t = await createTestApp();
    delete process.env.SIGNUP_EMAIL_VERIFICATION;
  });
  afterAll(async () => {
    await t?.close();
  });

  const signup = (email: string, name: string, password = TEST_PASSWORD) => t.http.post('/v1/auth/signup').send({ organizationName: `Org of ${name}`, name, email, password });
  const mailTo = async (email: string) => (await t.dataSource.query(`SELECT subject, body FROM dev_mailbox WHERE recipient = $1 ORDER BY id`, [email])) as { subject: string; body: string }[];

  it('answers a registered e-mail exactly like a new one (202, same body), and changes nothing of the existing account', async () => {
    const ownerEmail = uniqueEmail('owner');
    const owner = await signup(ownerEmail, 'Olive Owner').expect(202);
    expect(owner.body).toEqual({ status: 'verification_sent', detail: expect.any(String) });
    const [mail] = await mailTo(ownerEmail);
    const token = /verification token: (\S+)/.exec(mail.body)![1];
    // Not usable before verification.
    await t.http.post('/v1/auth/login').send({ email: ownerEmail, password: TEST_PASSWORD }).expect(401);
    const verified = await t.http.post('/v1/auth/verify-email').send({ token }).expect(200);
    expect(verified.body).toMatchObject({ tokenType: 'Bearer', user: { email: ownerEmail, name: 'Olive Owner' }, membership: { roles: ['admin'], status: 'active' } });
    await t.http.get('/v1/me').set('Authorization', `Bearer ${verified.body.accessToken}`).expect(200);
    await t.http.post('/v1/auth/verify-email').send({ token }).expect(400); // one-time

    const organizationsBefore = Number((await t.dataSource.query(`SELECT count(*) FROM organizations`))[0].count);
    const again = await signup(ownerEmail, 'Mallory', 'mallory password 1').expect(202);
    const fresh = await signup(uniqueEmail('fresh'), 'Fresh Person').expect(202);
    expect(again.body).toEqual(fresh.body);
    expect(Object.keys(again.headers).filter((h) => !['date', 'x-request-id', 'content-length', 'etag'].includes(h)).sort()).toEqual(
      Object.keys(fresh.headers).filter((h) => !['date', 'x-request-id', 'content-length', 'etag'].includes(h)).sort(),
    );
    expect(Number((await t.dataSource.query(`SELECT count(*) FROM organizations`))[0].count)).toBe(organizationsBefore + 1); // only the fresh one
    // The owner is told (by mail, once e-mail exists), and keeps their name and password.
    expect((await mailTo(ownerEmail)).map((m) => m.subject)).toEqual(['Confirm your e-mail', 'Someone tried to sign up with your e-mail']);
    await t.http.post('/v1/auth/login').send({ email: ownerEmail, password: 'mallory password 1' }).expect(401);
    const login = await t.http.post('/v1/auth/login').send({ email: ownerEmail, password: TEST_PASSWORD }).expect(200);
    expect(login.body.user.name).toBe('Olive Owner');
  });
});
