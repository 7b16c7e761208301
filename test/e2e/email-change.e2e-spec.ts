import { addMember, mailToken, signupOrganization, TEST_PASSWORD, TestApp, createTestApp, uniqueEmail } from '@hireloop/testing';
import { openEmailChange, openPasswordReset } from '../support/write-endpoints';

/**
 * Changing the address an account signs in with: the current password to ask, a link to the new address to confirm.
 * Nothing changes before the link is used; the previous address hears of the change.
 */
describe('your account: changing the sign-in address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const login = (email: string) => t.http.post('/v1/auth/login').send({ email, password: TEST_PASSWORD });
  const emailOf = async (userId: string): Promise<string> => (await t.dataSource.query(`SELECT email FROM users WHERE id = $1`, [userId]))[0].email;
  const deliveries = (template: string, recipient: string) =>
    t.dataSource.query(
      `SELECT template, recipient_email, params, essential, organization_id FROM email_deliveries WHERE template = $1 AND recipient_email = $2`,
      [template, recipient],
    ) as Promise<
      { template: string; recipient_email: string; params: Record<string, unknown>; essential: boolean; organization_id: string | null }[]
    >;
  /** The token of the newest confirmation link mailed to `address`, opened as the worker opens it. */
  const linkTo = async (address: string): Promise<string> => {
    const mails = await deliveries('email_change', address);
    expect(mails).toHaveLength(1);
    return mailToken(mails[0]);
  };

  it('refuses a wrong password, a malformed or unchanged address and a missing session, storing nothing', async () => {
    const admin = await signupOrganization(t);
    const target = uniqueEmail('target');
    const wrong = await t.http.post('/v1/me/email').set(admin.auth).send({ newEmail: target, currentPassword: 'not my password' }).expect(400);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.body).toMatchObject({ code: 'invalid_current_password', errors: [expect.objectContaining({ field: 'currentPassword' })] });
    for (const newEmail of ['not-an-address', '', 'a@b.c\r\nBcc: x@evil.test', `${'x'.repeat(250)}@example.test`, 42]) {
      const bad = await t.http.post('/v1/me/email').set(admin.auth).send({ newEmail, currentPassword: TEST_PASSWORD }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('newEmail');
    }
    const same = await t.http
      .post('/v1/me/email')
      .set(admin.auth)
      .send({ newEmail: `  ${admin.email.toUpperCase()} `, currentPassword: TEST_PASSWORD })
      .expect(400);
    expect(same.body.errors).toEqual([expect.objectContaining({ field: 'newEmail', code: 'unchanged' })]);
    await t.http.post('/v1/me/email').send({ newEmail: target, currentPassword: TEST_PASSWORD }).expect(401);

    expect(await emailOf(admin.userId)).toBe(admin.email);
    expect(await t.dataSource.query(`SELECT 1 FROM email_change_tokens WHERE user_id = $1`, [admin.userId])).toEqual([]);
    expect(await deliveries('email_change', target)).toEqual([]);
  });

  it('changes the address once the link is used: sign-in by the new one, sessions go on, the old address is told', async () => {
    const admin = await signupOrganization(t);
    const member = await addMember(t, admin, ['interviewer']);
    const newEmail = uniqueEmail('moved');
    const resetToken = await openPasswordReset(t.dataSource, member.userId);

    const asked = await t.http
      .post('/v1/me/email')
      .set(member.auth)
      .send({ newEmail: `  ${newEmail.toUpperCase()}  `, currentPassword: TEST_PASSWORD })
      .expect(202);
    expect(asked.body).toEqual({ pendingEmail: newEmail, expiresAt: expect.any(String) });
    const hoursValid = (Date.parse(asked.body.expiresAt) - Date.now()) / 3_600_000;
    expect(hoursValid).toBeGreaterThan(23.9);
    expect(hoursValid).toBeLessThanOrEqual(24);
    const [mail] = await deliveries('email_change', newEmail);
    expect(mail).toMatchObject({ essential: true, organization_id: null, params: { newEmail, sealedToken: expect.any(String) } });
    expect(JSON.stringify(mail.params)).not.toMatch(/"token"/);
    const token = mailToken(mail);

    // Nothing changed yet.
    expect(await emailOf(member.userId)).toBe(member.email);
    await login(member.email).expect(200);
    await login(newEmail).expect(401);

    const confirmed = await t.http.post('/v1/auth/email-change/confirm').send({ token }).expect(200);
    expect(confirmed.body).toEqual({ email: newEmail });
    expect(await emailOf(member.userId)).toBe(newEmail);
    await login(newEmail).expect(200);
    await login(member.email).expect(401);
    const me = await t.http.get('/v1/me').set(member.auth).expect(200);
    expect(me.body.user).toMatchObject({ id: member.userId, email: newEmail });
    // The admin sees the member's new address.
    const members = await t.http.get('/v1/members').set(admin.auth).expect(200);
    expect(members.body.items.find((m: { id: string }) => m.id === member.memberId)).toMatchObject({ email: newEmail });

    // The organization's audit log says who signs in as that member now, as the member's own act.
    const audit = await t.http.get(`/v1/audit-log?entityType=member&entityId=${member.memberId}`).set(admin.auth).expect(200);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'member.email_changed')).toEqual([
      expect.objectContaining({ actorMemberId: member.memberId, before: { email: member.email }, after: { email: newEmail } }),
    ]);

    const notices = await deliveries('email_changed', member.email);
    expect(notices).toEqual([
      expect.objectContaining({ essential: true, organization_id: null, params: { newEmail, changedAt: expect.any(String) } }),
    ]);
    // A reset link mailed to the previous address no longer works; the confirmation link works once.
    const reset = await t.http.post('/v1/auth/password-reset/confirm').send({ token: resetToken, password: 'an attacker passphrase' }).expect(400);
    expect(reset.body.code).toBe('invalid_reset_token');
    const again = await t.http.post('/v1/auth/email-change/confirm').send({ token }).expect(400);
    expect(again.body).toMatchObject({ code: 'invalid_email_change_token', errors: [expect.objectContaining({ field: 'token' })] });
  });

  it('a newer request replaces the earlier link, and an expired link does nothing', async () => {
    const admin = await signupOrganization(t);
    const first = uniqueEmail('first');
    const second = uniqueEmail('second');
    await t.http.post('/v1/me/email').set(admin.auth).send({ newEmail: first, currentPassword: TEST_PASSWORD }).expect(202);
    const firstToken = await linkTo(first);
    await t.http.post('/v1/me/email').set(admin.auth).send({ newEmail: second, currentPassword: TEST_PASSWORD }).expect(202);
    const secondToken = await linkTo(second);
    const stale = await t.http.post('/v1/auth/email-change/confirm').send({ token: firstToken }).expect(400);
    expect(stale.body.code).toBe('invalid_email_change_token');
    expect(await emailOf(admin.userId)).toBe(admin.email);

    await t.dataSource.query(`UPDATE email_change_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND used_at IS NULL`, [
      admin.userId,
    ]);
    await t.http.post('/v1/auth/email-change/confirm').send({ token: secondToken }).expect(400);
    expect(await emailOf(admin.userId)).toBe(admin.email);
    await t.http.post('/v1/auth/email-change/confirm').send({ token: 'never-issued' }).expect(400);
    await t.http.post('/v1/auth/email-change/confirm').send({}).expect(400);
  });

  it("another account's address: the request answers alike but sends nothing; taken since the link was sent: 409, nothing changes", async () => {
    const admin = await signupOrganization(t);
    const other = await signupOrganization(t);
    const asked = await t.http.post('/v1/me/email').set(admin.auth).send({ newEmail: other.email, currentPassword: TEST_PASSWORD }).expect(202);
    expect(asked.body).toEqual({ pendingEmail: other.email, expiresAt: expect.any(String) });
    expect(await deliveries('email_change', other.email)).toEqual([]);

    const later = uniqueEmail('later');
    const token = await openEmailChange(t.dataSource, admin.userId, later);
    await t.dataSource.query(`UPDATE users SET email = $2 WHERE id = $1`, [other.userId, later]);
    const taken = await t.http.post('/v1/auth/email-change/confirm').send({ token }).expect(409);
    expect(taken.body).toMatchObject({ status: 409, code: 'email_taken' });
    expect(await emailOf(admin.userId)).toBe(admin.email);
    expect(await emailOf(other.userId)).toBe(later);
    await login(admin.email).expect(200);
  });

  it('an account without a password (single sign-on) cannot ask: the current password proves the owner', async () => {
    const admin = await signupOrganization(t);
    await t.dataSource.query(`UPDATE users SET password_hash = NULL WHERE id = $1`, [admin.userId]);
    const res = await t.http
      .post('/v1/me/email')
      .set(admin.auth)
      .send({ newEmail: uniqueEmail('sso'), currentPassword: TEST_PASSWORD })
      .expect(400);
    expect(res.body.code).toBe('invalid_current_password');
    expect(await t.dataSource.query(`SELECT 1 FROM email_change_tokens WHERE user_id = $1`, [admin.userId])).toEqual([]);
  });
});
