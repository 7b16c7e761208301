import { addMember, createTestApp, signupOrganization, TEST_PASSWORD, TestApp, uniqueEmail } from '@hireloop/testing';
import type { Actor } from '@hireloop/testing';

/** Issue 19, item 10: admins resend and revoke invitations, edit roles, deactivate and reactivate members. */
describe('member administration', () => {
  let t: TestApp;
  let admin: Actor;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signupOrganization(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const invite = (email = uniqueEmail('invitee'), name = 'Ivy Invitee') =>
    t.http
      .post('/v1/members')
      .set(admin.auth)
      .send({ email, name, roles: ['interviewer'] })
      .expect(201);
  const accept = (token: string) => t.http.post('/v1/auth/accept-invite').send({ token, password: TEST_PASSWORD });
  /** Moves the last send of an invitation back in time, as if the resend interval had passed. */
  const backdateSend = (memberId: string, seconds: number) =>
    t.dataSource.query(`UPDATE members SET invite_expires_at = invite_expires_at - make_interval(secs => $2) WHERE id = $1`, [memberId, seconds]);
  const invitationEmails = async (memberId: string): Promise<number> =>
    (
      await t.dataSource.query(`SELECT count(*)::int AS n FROM email_deliveries WHERE template = 'invitation' AND recipient_member_id = $1`, [
        memberId,
      ])
    )[0].n;

  it('lists a pending invitation with when it was sent and when it expires', async () => {
    const sent = await invite();
    expect(sent.body.member).toMatchObject({ status: 'invited', joined: false, inviteExpiresAt: sent.body.inviteExpiresAt });
    expect(Date.parse(sent.body.inviteExpiresAt) - Date.parse(sent.body.member.inviteSentAt)).toBe(7 * 24 * 3600 * 1000);
  });

  it('resends with a fresh link: the old link stops working, a second resend within a minute is refused', async () => {
    const first = await invite();
    const id = first.body.member.id;
    const early = await t.http.post(`/v1/members/${id}/resend-invite`).set(admin.auth).expect(409);
    expect(early.body).toMatchObject({ code: 'invite_recently_sent', retryAfterSeconds: expect.any(Number) });
    expect(early.body.detail).toMatch(/less than a minute ago/);
    await backdateSend(id, 61);
    const again = await t.http.post(`/v1/members/${id}/resend-invite`).set(admin.auth).expect(200);
    expect(again.body.inviteToken).not.toBe(first.body.inviteToken);
    expect(again.body.member).toMatchObject({ id, status: 'invited' });
    expect(await invitationEmails(id)).toBe(2);
    await t.http.post(`/v1/members/${id}/resend-invite`).set(admin.auth).expect(409);
    expect((await accept(first.body.inviteToken).expect(400)).body.code).toBe('invalid_invite');
    await accept(again.body.inviteToken).expect(200);
    // Joined: nothing left to resend or revoke.
    expect((await t.http.post(`/v1/members/${id}/resend-invite`).set(admin.auth).expect(409)).body.code).toBe('invite_not_pending');
    expect((await t.http.post(`/v1/members/${id}/revoke-invite`).set(admin.auth).expect(409)).body.code).toBe('invite_not_pending');
  });

  it('revokes: the link answers 410 invite_revoked in words; the address may be invited again', async () => {
    const email = uniqueEmail('revoked');
    const sent = await invite(email);
    const revoked = await t.http.post(`/v1/members/${sent.body.member.id}/revoke-invite`).set(admin.auth).expect(200);
    expect(revoked.body).toMatchObject({ status: 'deactivated', joined: false, inviteExpiresAt: null });
    const refused = await accept(sent.body.inviteToken).expect(410);
    expect(refused.body).toMatchObject({ code: 'invite_revoked', detail: expect.stringMatching(/withdrawn/) });
    expect((await t.http.post(`/v1/members/${sent.body.member.id}/reactivate`).set(admin.auth).expect(409)).body.code).toBe('member_not_joined');
    const again = await invite(email);
    expect(again.body.member).toMatchObject({ id: sent.body.member.id, status: 'invited' });
    await accept(sent.body.inviteToken).expect(400);
    await accept(again.body.inviteToken).expect(200);
  });

  it('deactivating a pending invitation also makes its link say it was withdrawn', async () => {
    const sent = await invite();
    await t.http.post(`/v1/members/${sent.body.member.id}/deactivate`).set(admin.auth).expect(200);
    expect((await accept(sent.body.inviteToken).expect(410)).body.code).toBe('invite_revoked');
  });

  it('edits roles, deactivates and reactivates a member who joined; sign-in follows', async () => {
    const member = await addMember(t, admin, ['interviewer'], 'Rory Roles');
    const edited = await t.http
      .patch(`/v1/members/${member.memberId}`)
      .set(admin.auth)
      .send({ roles: ['interviewer', 'recruiter'] })
      .expect(200);
    expect(edited.body.roles).toEqual(['interviewer', 'recruiter']);
    const invalid = await t.http.patch(`/v1/members/${member.memberId}`).set(admin.auth).send({ roles: [] }).expect(400);
    expect(invalid.body.errors[0]).toMatchObject({ field: 'roles' });
    await t.http.post(`/v1/members/${member.memberId}/deactivate`).set(admin.auth).expect(200);
    const deactivatedReinvite = await t.http
      .post('/v1/members')
      .set(admin.auth)
      .send({ email: member.email, name: 'Rory Roles', roles: ['interviewer'] })
      .expect(409);
    expect(deactivatedReinvite.body.detail).toMatch(/reactivate them instead/);
    await t.http
      .post('/v1/auth/login')
      .send({ email: member.email, password: TEST_PASSWORD })
      .expect((res) => expect(res.status).toBeGreaterThanOrEqual(400));
    expect(await t.http.post(`/v1/members/${member.memberId}/reactivate`).set(admin.auth).expect(200)).toMatchObject({
      body: { status: 'active', joined: true },
    });
    await t.http.post(`/v1/members/${member.memberId}/reactivate`).set(admin.auth).expect(200);
    await t.http.post('/v1/auth/login').send({ email: member.email, password: TEST_PASSWORD }).expect(200);
    const reinvite = await t.http
      .post('/v1/members')
      .set(admin.auth)
      .send({ email: member.email, name: 'Rory Roles', roles: ['interviewer'] })
      .expect(409);
    expect(reinvite.body.code).toBe('already_member');
  });

  it('keeps the last admin: no removing their own admin role, no deactivating them (409 in words)', async () => {
    const solo = await signupOrganization(t);
    const demote = await t.http
      .patch(`/v1/members/${solo.memberId}`)
      .set(solo.auth)
      .send({ roles: ['recruiter'] })
      .expect(409);
    expect(demote.body).toMatchObject({ code: 'last_admin', detail: 'The organization must keep at least one active admin.' });
    expect((await t.http.post(`/v1/members/${solo.memberId}/deactivate`).set(solo.auth).expect(409)).body.code).toBe('last_admin');
    const second = await addMember(t, solo, ['admin'], 'Second Admin');
    await t.http
      .patch(`/v1/members/${solo.memberId}`)
      .set(solo.auth)
      .send({ roles: ['admin', 'recruiter'] })
      .expect(200);
    await t.http.post(`/v1/members/${second.memberId}/deactivate`).set(solo.auth).expect(200);
    await t.http
      .patch(`/v1/members/${solo.memberId}`)
      .set(solo.auth)
      .send({ roles: ['recruiter'] })
      .expect(409);
  });

  it("ends a member's sessions in this organization only: they stay active and sign in again; audited", async () => {
    const member = await addMember(t, admin, ['interviewer'], 'Lou Lost-Laptop');
    const second = `Bearer ${(await t.http.post('/v1/auth/login').send({ email: member.email, password: TEST_PASSWORD }).expect(200)).body.accessToken}`;
    // The same person in another organization.
    const other = await signupOrganization(t);
    const elsewhere = await t.http
      .post('/v1/members')
      .set(other.auth)
      .send({ email: member.email, name: member.name, roles: ['recruiter'] })
      .expect(201);
    const inOther = `Bearer ${(await accept(elsewhere.body.inviteToken).expect(200)).body.accessToken}`;
    for (let i = 0; i < 3; i++) {
      await t.http.get('/v1/me').set(member.auth).expect(200);
      await t.http.get('/v1/me').set('Authorization', second).expect(200);
    }

    const ended = await t.http.post(`/v1/members/${member.memberId}/end-sessions`).set(admin.auth).expect(200);
    expect(ended.body).toMatchObject({ id: member.memberId, status: 'active', roles: ['interviewer'] });
    await t.http.get('/v1/me').set(member.auth).expect(401);
    await t.http.get('/v1/me').set('Authorization', second).expect(401);
    await t.http.get('/v1/me').set('Authorization', inOther).expect(200);
    await t.http.get('/v1/me').set(admin.auth).expect(200);
    const again = await t.http
      .post('/v1/auth/login')
      .send({ email: member.email, password: TEST_PASSWORD, organizationId: admin.organizationId })
      .expect(200);
    await t.http.get('/v1/me').set('Authorization', `Bearer ${again.body.accessToken}`).expect(200);
    // Idempotent, and the new session it ends is the one just opened.
    await t.http.post(`/v1/members/${member.memberId}/end-sessions`).set(admin.auth).expect(200);
    await t.http.get('/v1/me').set('Authorization', `Bearer ${again.body.accessToken}`).expect(401);

    const audit = await t.http.get(`/v1/audit-log?entityType=member&entityId=${member.memberId}`).set(admin.auth).expect(200);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'member.sessions_ended')).toHaveLength(2);
  });

  it('refuses non-admins (403) and other organizations (404) on every member write', async () => {
    const recruiter = await addMember(t, admin, ['recruiter'], 'Reese Recruiter');
    const other = await signupOrganization(t);
    const pending = await invite();
    const id = pending.body.member.id;
    for (const action of ['resend-invite', 'revoke-invite', 'reactivate', 'deactivate', 'end-sessions']) {
      expect({ action, status: (await t.http.post(`/v1/members/${id}/${action}`).set(recruiter.auth)).status }).toEqual({ action, status: 403 });
      const res = await t.http.post(`/v1/members/${id}/${action}`).set(other.auth);
      expect({ action, status: res.status, code: res.body.code }).toEqual({ action, status: 404, code: 'member_not_found' });
    }
    await t.http
      .patch(`/v1/members/${id}`)
      .set(other.auth)
      .send({ roles: ['admin'] })
      .expect(404);
    await t.http.patch(`/v1/organization`).set(recruiter.auth).send({ name: 'Taken Over' }).expect(403);
    // Still pending and unchanged.
    expect((await t.http.get(`/v1/members/${id}`).set(admin.auth).expect(200)).body).toMatchObject({ status: 'invited', roles: ['interviewer'] });
  });

  it('saves organization settings and names each invalid field', async () => {
    const saved = await t.http
      .patch('/v1/organization')
      .set(admin.auth)
      .send({ name: 'Renamed Org', minEvidenceLength: 40, reminderAfterHours: 48, escalateAfterDays: 5 })
      .expect(200);
    expect(saved.body).toMatchObject({ name: 'Renamed Org', minEvidenceLength: 40, reminderAfterHours: 48, escalateAfterDays: 5 });
    const bad = await t.http.patch('/v1/organization').set(admin.auth).send({ name: '', reminderAfterHours: 0, escalateAfterDays: 61 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['escalateAfterDays', 'name', 'reminderAfterHours']);
  });
});
