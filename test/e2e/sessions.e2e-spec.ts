import { randomUUID } from 'node:crypto';
import { addMember, cookiesOf, createTestApp, sessionIdOf, signupOrganization, TEST_PASSWORD, TestApp } from '@hireloop/testing';

/**
 * Where an account is signed in: GET /v1/me/sessions lists the live sessions of the caller's account (every
 * organization), DELETE /v1/me/sessions/:id ends one of them. Only the owner sees or ends them.
 */
describe('your account: sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const login = async (email: string, userAgent: string, organizationId?: string) => {
    const res = await t.http
      .post('/v1/auth/login')
      .set('User-Agent', userAgent)
      .send({ email, password: TEST_PASSWORD, ...(organizationId ? { organizationId } : {}) })
      .expect(200);
    return res.body.accessToken as string;
  };
  const sessionsOf = async (token: string) => (await t.http.get('/v1/me/sessions').set(bearer(token)).expect(200)).body.items as Session[];
  type Session = {
    id: string;
    organizationId: string;
    organizationName: string;
    createdAt: string;
    lastUsedAt: string;
    expiresAt: string;
    userAgent: string | null;
    ipAddress: string | null;
    current: boolean;
  };

  it('lists each sign-in with its client, address and organization, newest first, and marks the current one', async () => {
    const admin = await signupOrganization(t);
    const laptop = await login(admin.email, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0');
    const phone = await login(admin.email, 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Safari/604.1');

    const seenFromPhone = await sessionsOf(phone);
    expect(seenFromPhone.map((s) => s.id).slice(0, 2)).toEqual([sessionIdOf(phone), sessionIdOf(laptop)]);
    expect(seenFromPhone.map((s) => s.id)).toContain(sessionIdOf(admin.auth.Authorization.slice('Bearer '.length)));
    const [phoneRow, laptopRow] = seenFromPhone;
    expect(phoneRow).toEqual({
      id: sessionIdOf(phone),
      organizationId: admin.organizationId,
      organizationName: expect.any(String),
      createdAt: expect.any(String),
      // Used just now, but within SESSION_ACTIVITY_SECONDS (5 minutes) of its sign-in: the sign-in is its last use.
      lastUsedAt: phoneRow.createdAt,
      expiresAt: expect.any(String),
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Safari/604.1',
      ipAddress: expect.stringMatching(/127\.0\.0\.1/),
      current: true,
    });
    expect(laptopRow).toMatchObject({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0', current: false });
    expect(Date.parse(phoneRow.expiresAt) - Date.parse(phoneRow.createdAt)).toBeGreaterThan(60_000);
    expect(seenFromPhone.filter((s) => s.current)).toHaveLength(1);
    // The same list seen from the laptop marks the laptop.
    expect((await sessionsOf(laptop)).find((s) => s.current)?.id).toBe(sessionIdOf(laptop));
  });

  it('ends another session: its token is refused at once (also when remembered), the others go on', async () => {
    const admin = await signupOrganization(t);
    const laptop = await login(admin.email, 'laptop');
    const phone = await login(admin.email, 'phone');
    // Remembered by the membership cache by now: ending must reach the remembered token too.
    for (let i = 0; i < 3; i++) await t.http.get('/v1/me').set(bearer(laptop)).expect(200);

    await t.http
      .delete(`/v1/me/sessions/${sessionIdOf(laptop)}`)
      .set(bearer(phone))
      .expect(204);
    await t.http.get('/v1/me').set(bearer(laptop)).expect(401);
    await t.http.get('/v1/me').set(bearer(phone)).expect(200);
    await t.http.get('/v1/me').set(admin.auth).expect(200);
    const left = await sessionsOf(phone);
    expect(left.map((s) => s.id)).not.toContain(sessionIdOf(laptop));
    expect(left.map((s) => s.id)).toContain(sessionIdOf(phone));
    // Ending it again changes nothing.
    await t.http
      .delete(`/v1/me/sessions/${sessionIdOf(laptop)}`)
      .set(bearer(phone))
      .expect(204);
  });

  it('ending this session signs it out and clears its cookies', async () => {
    const admin = await signupOrganization(t);
    const res = await t.http.post('/v1/auth/login').send({ email: admin.email, password: TEST_PASSWORD }).expect(200);
    const token = res.body.accessToken as string;
    const ended = await t.http
      .delete(`/v1/me/sessions/${sessionIdOf(token)}`)
      .set(bearer(token))
      .expect(204);
    expect(cookiesOf(ended).get('hireloop_session')?.value).toBe('');
    await t.http.get('/v1/me').set(bearer(token)).expect(401);
  });

  it("nobody sees or ends another account's sessions: 404, and the session goes on", async () => {
    const admin = await signupOrganization(t);
    const colleague = await addMember(t, admin, ['interviewer']);
    const stranger = await signupOrganization(t);
    const colleagueToken = colleague.auth.Authorization.slice('Bearer '.length);
    for (const actor of [admin, stranger]) {
      const res = await t.http
        .delete(`/v1/me/sessions/${sessionIdOf(colleagueToken)}`)
        .set(actor.auth)
        .expect(404);
      expect(res.body).toMatchObject({ status: 404, code: 'session_not_found' });
      expect((await sessionsOf(actor.auth.Authorization.slice('Bearer '.length))).map((s) => s.id)).not.toContain(sessionIdOf(colleagueToken));
    }
    await t.http.delete(`/v1/me/sessions/${randomUUID()}`).set(admin.auth).expect(404);
    // A malformed id is one no session has, as everywhere in the API.
    const malformed = await t.http.delete('/v1/me/sessions/not-a-uuid').set(admin.auth).expect(404);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    await t.http.get('/v1/me').set(colleague.auth).expect(200);
    await t.http.get('/v1/me/sessions').expect(401);
    await t.http.delete(`/v1/me/sessions/${sessionIdOf(colleagueToken)}`).expect(401);
  });

  it('lists sessions in every organization of the account, and forgets those ended by a password change or by signing out', async () => {
    const admin = await signupOrganization(t);
    const other = await signupOrganization(t, `Second ${randomUUID().slice(0, 6)}`);
    const invite = await t.http
      .post('/v1/members')
      .set(other.auth)
      .send({ email: admin.email, name: admin.name, roles: ['interviewer'] })
      .expect(201);
    await t.http.post('/v1/auth/accept-invite').send({ token: invite.body.inviteToken, password: TEST_PASSWORD }).expect(200);
    const there = await login(admin.email, 'second org', other.organizationId);
    const here = await login(admin.email, 'first org', admin.organizationId);
    const organizations = new Set((await sessionsOf(here)).map((s) => s.organizationId));
    expect(organizations).toEqual(new Set([admin.organizationId, other.organizationId]));
    expect((await sessionsOf(there)).find((s) => s.id === sessionIdOf(there))).toMatchObject({ organizationId: other.organizationId, current: true });

    await t.http.post('/v1/auth/logout').set(bearer(there)).expect(204);
    expect((await sessionsOf(here)).map((s) => s.id)).not.toContain(sessionIdOf(there));

    const changed = await t.http
      .post('/v1/me/password')
      .set(bearer(here))
      .send({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD })
      .expect(200);
    const after = await sessionsOf(changed.body.accessToken);
    expect(after.map((s) => s.id)).toEqual([sessionIdOf(changed.body.accessToken)]);
  });
});

describe('your account: sessions behind a proxy', () => {
  let direct: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    direct = await createTestApp();
    proxied = await createTestApp({ env: { TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1' } });
  });
  afterAll(async () => {
    await direct?.close();
    await proxied?.close();
  });

  /** The address the session of a sign-in that claimed to come from 203.0.113.7 was recorded with. */
  const recordedAddress = async (t: TestApp): Promise<string | null> => {
    const admin = await signupOrganization(t);
    const res = await t.http
      .post('/v1/auth/login')
      .set('X-Forwarded-For', '203.0.113.7')
      .send({ email: admin.email, password: TEST_PASSWORD })
      .expect(200);
    const token = res.body.accessToken as string;
    const items = (
      await t.http
        .get('/v1/me/sessions')
        .set({ Authorization: `Bearer ${token}` })
        .expect(200)
    ).body.items as { current: boolean; ipAddress: string }[];
    return items.find((s) => s.current)!.ipAddress;
  };

  it('records the forwarded address only from a trusted proxy (TRUST_PROXY); otherwise the socket address', async () => {
    expect(await recordedAddress(proxied)).toBe('203.0.113.7');
    expect(await recordedAddress(direct)).toMatch(/127\.0\.0\.1/);
  });
});

describe('your account: when a session was last used', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { SESSION_ACTIVITY_SECONDS: '1' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** The session's row as stored: the write of a use is not awaited by the request, so it is waited for here. */
  const storedUse = async (sessionId: string): Promise<Date | null> => {
    const [row]: { last_used_at: Date | null }[] = await t.dataSource.query(`SELECT last_used_at FROM sessions WHERE id = $1`, [sessionId]);
    return row.last_used_at;
  };
  const waitForUseAfter = async (sessionId: string, after: Date | null): Promise<Date> => {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const used = await storedUse(sessionId);
      if (used && (!after || used > after)) return used;
      if (Date.now() > deadline) throw new Error(`the use of session ${sessionId} was not recorded after ${after?.toISOString() ?? 'its sign-in'}`);
      await sleep(25);
    }
  };

  it('records a use once the last one is older than SESSION_ACTIVITY_SECONDS, at most once in that time, and lists it', async () => {
    const admin = await signupOrganization(t);
    const res = await t.http.post('/v1/auth/login').set('User-Agent', 'laptop').send({ email: admin.email, password: TEST_PASSWORD }).expect(200);
    const laptop = res.body.accessToken as string;
    const id = sessionIdOf(laptop);

    // Within a second of the sign-in: the sign-in is the last use, nothing is written.
    await t.http.get('/v1/me').set(bearer(laptop)).expect(200);
    await sleep(200);
    expect(await storedUse(id)).toBeNull();

    await sleep(1_100);
    await t.http.get('/v1/me').set(bearer(laptop)).expect(200);
    const first = await waitForUseAfter(id, null);
    // Used again at once, several times: no second write within the second.
    for (let i = 0; i < 3; i++) await t.http.get('/v1/me').set(bearer(laptop)).expect(200);
    await sleep(200);
    expect(await storedUse(id)).toEqual(first);

    await sleep(1_100);
    await t.http.get('/v1/me').set(bearer(laptop)).expect(200);
    const second = await waitForUseAfter(id, first);

    const listed = (
      (await t.http.get('/v1/me/sessions').set(admin.auth).expect(200)).body.items as { id: string; createdAt: string; lastUsedAt: string }[]
    ).find((s) => s.id === id)!;
    expect(listed.lastUsedAt).toBe(second.toISOString());
    expect(Date.parse(listed.lastUsedAt)).toBeGreaterThan(Date.parse(listed.createdAt) + 2_000);
  });

  it('a refused token records nothing', async () => {
    const admin = await signupOrganization(t);
    const res = await t.http.post('/v1/auth/login').send({ email: admin.email, password: TEST_PASSWORD }).expect(200);
    const token = res.body.accessToken as string;
    await t.http.post('/v1/auth/logout').set(bearer(token)).expect(204);
    await sleep(1_100);
    await t.http.get('/v1/me').set(bearer(token)).expect(401);
    await sleep(200);
    expect(await storedUse(sessionIdOf(token))).toBeNull();
  });
});
