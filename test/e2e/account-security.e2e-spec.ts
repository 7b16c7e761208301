import { addMember, cookiesOf, createTestApp, signupOrganization, TEST_PASSWORD, TestApp } from '@hireloop/testing';
import { openPasswordReset } from '../support/write-endpoints';

/**
 * A signed-in member's own account: changing the password (the current one required) and signing out everywhere.
 * Both end every session of the account issued before, in every organization; the password change opens a new one.
 */
describe('your account: password change and signing out everywhere', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const NEW_PASSWORD = 'a completely new passphrase';
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const login = (email: string, password: string, organizationId?: string) =>
    t.http.post('/v1/auth/login').send({ email, password, ...(organizationId ? { organizationId } : {}) });
  const passwordHashOf = async (userId: string): Promise<string> =>
    (await t.dataSource.query(`SELECT password_hash FROM users WHERE id = $1`, [userId]))[0].password_hash;
  it('refuses a wrong current password or a short new one on the field, changing nothing', async () => {
    const admin = await signupOrganization(t);
    const hashBefore = await passwordHashOf(admin.userId);
    const wrong = await t.http
      .post('/v1/me/password')
      .set(admin.auth)
      .send({ currentPassword: 'not my password', newPassword: NEW_PASSWORD })
      .expect(400);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.body).toMatchObject({
      status: 400,
      code: 'invalid_current_password',
      errors: [expect.objectContaining({ field: 'currentPassword', code: 'invalid_current_password' })],
    });
    const short = await t.http.post('/v1/me/password').set(admin.auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'short' }).expect(400);
    expect(short.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field: 'newPassword' })] });
    const missing = await t.http.post('/v1/me/password').set(admin.auth).send({ newPassword: NEW_PASSWORD }).expect(400);
    expect([...new Set(missing.body.errors.map((e: { field: string }) => e.field))]).toEqual(['currentPassword']);
    await t.http.post('/v1/me/password').send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(401);

    expect(await passwordHashOf(admin.userId)).toBe(hashBefore);
    await t.http.get('/v1/me').set(admin.auth).expect(200);
    await login(admin.email, TEST_PASSWORD).expect(200);
    const mails = await t.dataSource.query(`SELECT 1 FROM email_deliveries WHERE recipient_email = $1 AND template = 'password_changed'`, [
      admin.email,
    ]);
    expect(mails).toEqual([]);
  });

  it('a change ends every earlier session, opens a new one, spends open reset links and emails the owner', async () => {
    const admin = await signupOrganization(t);
    const elsewhere = (await login(admin.email, TEST_PASSWORD).expect(200)).body.accessToken as string;
    // Both answered from memory by now: the change must reach the remembered tokens too.
    for (let i = 0; i < 3; i++) {
      await t.http.get('/v1/me').set(admin.auth).expect(200);
      await t.http.get('/v1/me').set(bearer(elsewhere)).expect(200);
    }
    const resetToken = await openPasswordReset(t.dataSource, admin.userId);

    const changed = await t.http
      .post('/v1/me/password')
      .set(admin.auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })
      .expect(200);
    expect(changed.body).toMatchObject({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      user: { id: admin.userId, email: admin.email },
      organization: { id: admin.organizationId },
      membership: { memberId: admin.memberId, roles: ['admin'] },
    });
    expect(cookiesOf(changed).get('hireloop_session')?.value).toBe(changed.body.accessToken);

    await t.http.get('/v1/me').set(admin.auth).expect(401);
    await t.http.get('/v1/me').set(bearer(elsewhere)).expect(401);
    await t.http.get('/v1/me').set(bearer(changed.body.accessToken)).expect(200);
    await login(admin.email, TEST_PASSWORD).expect(401);
    await login(admin.email, NEW_PASSWORD).expect(200);
    // A reset link asked for before the change no longer works (whoever holds it).
    const reset = await t.http.post('/v1/auth/password-reset/confirm').send({ token: resetToken, password: 'an attacker passphrase' }).expect(400);
    expect(reset.body.code).toBe('invalid_reset_token');

    const mails = await t.dataSource.query(
      `SELECT essential, params FROM email_deliveries WHERE recipient_email = $1 AND template = 'password_changed' AND organization_id IS NULL`,
      [admin.email],
    );
    expect(mails).toEqual([{ essential: true, params: { changedAt: expect.any(String) } }]);
  });

  it('an account without a password (single sign-on) cannot set one here: the reset link is the way', async () => {
    const admin = await signupOrganization(t);
    await t.dataSource.query(`UPDATE users SET password_hash = NULL WHERE id = $1`, [admin.userId]);
    const res = await t.http.post('/v1/me/password').set(admin.auth).send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(400);
    expect(res.body).toMatchObject({
      code: 'invalid_current_password',
      errors: [expect.objectContaining({ message: expect.stringMatching(/reset link/) })],
    });
    expect(await passwordHashOf(admin.userId)).toBeNull();
  });

  it('signing out everywhere ends every session of the account, in every organization, and clears the cookies', async () => {
    const admin = await signupOrganization(t);
    // The same person is also a member of a second organization (invited there, accepted with their password).
    const other = await signupOrganization(t);
    const invite = await t.http
      .post('/v1/members')
      .set(other.auth)
      .send({ email: admin.email, name: admin.name, roles: ['interviewer'] })
      .expect(201);
    const inOther = (await t.http.post('/v1/auth/accept-invite').send({ token: invite.body.inviteToken, password: TEST_PASSWORD }).expect(200)).body
      .accessToken as string;
    const browser = await login(admin.email, TEST_PASSWORD, admin.organizationId).expect(200);
    const cookies = cookiesOf(browser);
    const cookieHeader = `hireloop_session=${cookies.get('hireloop_session')?.value}; hireloop_csrf=${cookies.get('hireloop_csrf')?.value}`;
    for (let i = 0; i < 3; i++) {
      await t.http.get('/v1/me').set(admin.auth).expect(200);
      await t.http.get('/v1/me').set(bearer(inOther)).expect(200);
      await t.http.get('/v1/me').set('Cookie', cookieHeader).expect(200);
    }

    // Not without a session, and not by a cross-site request riding on the cookie.
    await t.http.post('/v1/auth/logout-everywhere').expect(401);
    const forged = await t.http.post('/v1/auth/logout-everywhere').set('Cookie', cookieHeader).expect(403);
    expect(forged.body.code).toBe('csrf_token_invalid');
    await t.http.get('/v1/me').set(admin.auth).expect(200);

    const done = await t.http
      .post('/v1/auth/logout-everywhere')
      .set('Cookie', cookieHeader)
      .set('X-CSRF-Token', cookies.get('hireloop_csrf')!.value)
      .expect(204);
    expect(cookiesOf(done).get('hireloop_session')?.value).toBe('');
    await t.http.get('/v1/me').set('Cookie', cookieHeader).expect(401);
    await t.http.get('/v1/me').set(admin.auth).expect(401);
    await t.http.get('/v1/me').set(bearer(inOther)).expect(401);
    // The other organization's admin is another account: untouched.
    await t.http.get('/v1/me').set(other.auth).expect(200);
    // Signing in again works (the password is unchanged).
    const again = await login(admin.email, TEST_PASSWORD).expect(200);
    await t.http.get('/v1/me').set(bearer(again.body.accessToken)).expect(200);
  });

  it('is open to every role, for their own account only', async () => {
    const admin = await signupOrganization(t);
    const interviewer = await addMember(t, admin, ['interviewer']);
    const changed = await t.http
      .post('/v1/me/password')
      .set(interviewer.auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })
      .expect(200);
    expect(changed.body.user.id).toBe(interviewer.userId);
    await login(interviewer.email, NEW_PASSWORD).expect(200);
    await t.http.post('/v1/auth/logout-everywhere').set(bearer(changed.body.accessToken)).expect(204);
    await t.http.get('/v1/me').set(bearer(changed.body.accessToken)).expect(401);
    // The admin's password and sessions are not the interviewer's to change.
    await t.http.get('/v1/me').set(admin.auth).expect(200);
    await login(admin.email, TEST_PASSWORD).expect(200);
  });

  it('renames the account: every organization shows the new name; a blank, null or control-character name is a 400 on the field', async () => {
    const admin = await signupOrganization(t);
    const member = await addMember(t, admin, ['interviewer'], 'Robin Old-Name');
    const renamed = await t.http.patch('/v1/me').set(member.auth).send({ name: '  Robin New-Name  ' }).expect(200);
    expect(renamed.body.user).toEqual({ id: member.userId, email: member.email, name: 'Robin New-Name' });
    expect((await t.http.get(`/v1/members/${member.memberId}`).set(admin.auth).expect(200)).body.name).toBe('Robin New-Name');
    await t.http.patch('/v1/me').set(member.auth).send({}).expect(200);
    for (const name of ['   ', null, 'Robin\r\nBcc: victim@example.test', 'x'.repeat(201)]) {
      const res = await t.http.patch('/v1/me').set(member.auth).send({ name }).expect(400);
      expect({ name, fields: res.body.errors.map((e: { field: string }) => e.field) }).toEqual({ name, fields: expect.arrayContaining(['name']) });
    }
    expect((await t.http.get('/v1/me').set(member.auth).expect(200)).body.user.name).toBe('Robin New-Name');
    await t.http.patch('/v1/me').send({ name: 'Nobody' }).expect(401);
  });

  it('lists your organizations and switches between them without the password; not yours: 404; single sign-on enforced there: 403', async () => {
    const first = await signupOrganization(t);
    const second = await signupOrganization(t);
    const invite = await t.http
      .post('/v1/members')
      .set(second.auth)
      .send({ email: first.email, name: first.name, roles: ['interviewer'] })
      .expect(201);
    await t.http.post('/v1/auth/accept-invite').send({ token: invite.body.inviteToken, password: TEST_PASSWORD }).expect(200);

    const list = await t.http.get('/v1/me/organizations').set(first.auth).expect(200);
    expect(list.body.items).toEqual([
      { organizationId: first.organizationId, name: expect.any(String), roles: ['admin'], current: true, ssoRequired: false },
      { organizationId: second.organizationId, name: expect.any(String), roles: ['interviewer'], current: false, ssoRequired: false },
    ]);
    const switched = await t.http.post('/v1/auth/switch-organization').set(first.auth).send({ organizationId: second.organizationId }).expect(200);
    expect(switched.body).toMatchObject({ organization: { id: second.organizationId }, membership: { roles: ['interviewer'] } });
    expect(cookiesOf(switched).get('hireloop_session')?.value).toBe(switched.body.accessToken);
    const inSecond = bearer(switched.body.accessToken);
    expect((await t.http.get('/v1/me').set(inSecond).expect(200)).body.organization.id).toBe(second.organizationId);
    await t.http.get('/v1/members').set(inSecond).expect(403); // an interviewer there
    await t.http.get('/v1/me').set(first.auth).expect(200); // the first session stays
    expect((await t.http.get('/v1/me/organizations').set(inSecond).expect(200)).body.items.map((o: { current: boolean }) => o.current)).toEqual([
      false,
      true,
    ]);

    const stranger = await signupOrganization(t);
    const notYours = await t.http.post('/v1/auth/switch-organization').set(first.auth).send({ organizationId: stranger.organizationId }).expect(404);
    expect(notYours.body.code).toBe('organization_not_found');
    const malformed = await t.http.post('/v1/auth/switch-organization').set(first.auth).send({ organizationId: 'nope' }).expect(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(['organizationId']);
    await t.http.post('/v1/auth/switch-organization').send({ organizationId: second.organizationId }).expect(401);

    // The second organization turns on single sign-on and enforces it: its interviewers come through their provider.
    await t.dataSource.query(
      `INSERT INTO organization_sso (organization_id, issuer_url, client_id, allowed_domains, enabled, enforced)
       VALUES ($1, 'https://idp.example.test', 'hireloop', '{example.test}', true, true)`,
      [second.organizationId],
    );
    expect((await t.http.get('/v1/me/organizations').set(first.auth).expect(200)).body.items[1]).toMatchObject({ ssoRequired: true });
    const sso = await t.http.post('/v1/auth/switch-organization').set(first.auth).send({ organizationId: second.organizationId }).expect(403);
    expect(sso.body).toMatchObject({ code: 'sso_required', ssoStartUrl: `/v1/auth/sso/${second.organizationId}/start` });
    await t.dataSource.query(`DELETE FROM organization_sso WHERE organization_id = $1`, [second.organizationId]);

    // Deactivated there: no longer theirs to enter.
    const membership = (await t.http.get('/v1/me').set(inSecond).expect(200)).body.membership.memberId;
    await t.http.post(`/v1/members/${membership}/deactivate`).set(second.auth).expect(200);
    await t.http.post('/v1/auth/switch-organization').set(first.auth).send({ organizationId: second.organizationId }).expect(404);
    expect((await t.http.get('/v1/me/organizations').set(first.auth).expect(200)).body.items).toHaveLength(1);
  });
});
