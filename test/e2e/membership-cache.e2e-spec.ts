import request from 'supertest';
import { MembershipCache } from '@hireloop/core';
import { addMember, Actor, createTestApp, signupOrganization, TEST_PASSWORD, TestApp } from '@hireloop/testing';
import { ApiProcess, startApi } from '@hireloop/testing/api-process';
import { freePort } from '@hireloop/testing/processes';

jest.setTimeout(180_000);

/**
 * API processes answer the membership check of a token from memory (MembershipCache) and hear of changes through
 * PostgreSQL's NOTIFY. Here the changes are made through one API process (this test's in-process app, or SQL) and
 * checked on another one (a child process, apps/api/src/main.ts) that had the membership in memory: deactivation, role
 * changes and sign-out must apply there too, at once, and a process that lost its LISTEN connection must not answer
 * from what it remembered before.
 */
describe('membership checks answered from memory, across API processes', () => {
  let t: TestApp;
  let other: ApiProcess;
  let metricsUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    const metricsPort = await freePort();
    other = await startApi({ name: 'api-b', env: { METRICS_PORT: String(metricsPort), MEMBERSHIP_CACHE_SECONDS: '300' } });
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  });
  afterAll(async () => {
    await other?.kill();
    await t?.close();
  });

  const onOther = (actor: { Authorization: string }, path = '/v1/me') => request(other.url).get(path).set(actor);

  async function lookups(result: 'hit' | 'miss' | 'not_listening'): Promise<number> {
    const text = await (await fetch(metricsUrl)).text();
    const line = text.split('\n').find((l) => l.startsWith(`hireloop_membership_cache_lookups_total{result="${result}"}`));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  /** Reads on the other process until it answers from memory, so that what follows tests forgetting, not reading. */
  async function rememberedByOther(auth: { Authorization: string }, path?: string, status = 200): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const hits = await lookups('hit');
      expect((await onOther(auth, path)).status).toBe(status);
      if ((await lookups('hit')) > hits) return;
      if (Date.now() > deadline) throw new Error('the other API process never answered the membership check from memory');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The other process's answer once it changed, and how long that took after the change committed. */
  async function statusOnOtherBecomes(auth: { Authorization: string }, expected: number, path?: string): Promise<number> {
    const started = Date.now();
    for (;;) {
      if ((await onOther(auth, path)).status === expected) return Date.now() - started;
      if (Date.now() - started > 2_000) throw new Error(`the other API process did not answer ${expected} within 2 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async function signIn(member: Actor): Promise<{ Authorization: string }> {
    const res = await t.http.post('/v1/auth/login').send({ email: member.email, password: TEST_PASSWORD }).expect(200);
    return { Authorization: `Bearer ${res.body.accessToken as string}` };
  }

  it('applies a role change, a sign-out, signing out everywhere, ended sessions and a deactivation made through another process at once', async () => {
    const admin = await signupOrganization(t);
    const member = await addMember(t, admin, ['interviewer'], 'Casey Cached');
    const second = await signIn(member);

    // Roles: the member list is for admins, recruiters and hiring managers. Widened, then narrowed again.
    const setRoles = (roles: string[]) => t.http.patch(`/v1/members/${member.memberId}`).set(admin.auth).send({ roles }).expect(200);
    await rememberedByOther(member.auth, '/v1/members', 403);
    await setRoles(['interviewer', 'recruiter']);
    expect(await statusOnOtherBecomes(member.auth, 200, '/v1/members')).toBeLessThan(1_000);
    await rememberedByOther(member.auth, '/v1/members');
    await setRoles(['interviewer']);
    expect(await statusOnOtherBecomes(member.auth, 403, '/v1/members')).toBeLessThan(1_000);

    // Sign-out of one token: that token only.
    await rememberedByOther(member.auth);
    await rememberedByOther(second);
    await t.http.post('/v1/auth/logout').set(member.auth).expect(204);
    expect(await statusOnOtherBecomes(member.auth, 401)).toBeLessThan(1_000);
    expect((await onOther(second)).status).toBe(200);

    // A password reset (here its statement, as another process would commit it): every token issued before it.
    await rememberedByOther(second);
    await t.dataSource.query(`UPDATE users SET sessions_valid_after = date_trunc('second', now()) + interval '1 second' WHERE id = $1`, [
      member.userId,
    ]);
    expect(await statusOnOtherBecomes(second, 401)).toBeLessThan(1_000);
    await t.dataSource.query(`UPDATE users SET sessions_valid_after = NULL WHERE id = $1`, [member.userId]);
    expect(await statusOnOtherBecomes(second, 200)).toBeLessThan(1_000);

    // Signing out everywhere through this process: every token of the account, remembered over there too.
    await rememberedByOther(second);
    await t.http.post('/v1/auth/logout-everywhere').set(second).expect(204);
    expect(await statusOnOtherBecomes(second, 401)).toBeLessThan(1_000);
    const third = await signIn(member);

    // An admin ending the member's sessions in the organization, through this process.
    await rememberedByOther(third);
    await t.http.post(`/v1/members/${member.memberId}/end-sessions`).set(admin.auth).expect(200);
    expect(await statusOnOtherBecomes(third, 401)).toBeLessThan(1_000);
    const fourth = await signIn(member);

    // Deactivation: every token of the member.
    await rememberedByOther(fourth);
    await t.http.post(`/v1/members/${member.memberId}/deactivate`).set(admin.auth).expect(200);
    expect(await statusOnOtherBecomes(fourth, 401)).toBeLessThan(1_000);
    // The admin, remembered all along, is not affected.
    expect((await onOther(admin.auth)).status).toBe(200);
  });

  it('forgets what it remembered when its LISTEN connection is lost, and remembers again once it hears', async () => {
    const admin = await signupOrganization(t);
    const member = await addMember(t, admin, ['interviewer'], 'Lee Lost');
    await rememberedByOther(member.auth);
    await rememberedByOther(admin.auth);

    // Every API process's listener (this test's and the other's) loses its connection. Once the other process knows
    // (it then checks every request against the database), the member is deactivated with SQL: nobody hears of it, so
    // only forgetting on the loss keeps the other process right after it reconnects.
    const notListeningBefore = await lookups('not_listening');
    await t.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hireloop-membership-cache' AND datname = current_database()`,
    );
    for (const deadline = Date.now() + 900; (await lookups('not_listening')) === notListeningBefore;) {
      expect((await onOther(admin.auth)).status).toBe(200);
      if (Date.now() > deadline) throw new Error('the other API process did not notice the loss of its LISTEN connection');
    }
    const hitsWhileAway = await lookups('hit');
    await t.dataSource.query(`UPDATE members SET status = 'deactivated' WHERE id = $1`, [member.memberId]);
    expect((await onOther(member.auth)).status).toBe(401);
    // Still away (it reconnects after a second): the 401 came from the database, not from a notification heard.
    expect(await lookups('hit')).toBe(hitsWhileAway);

    // Back after its reconnect delay: the admin is read once, then answered from memory again; the member stays out.
    await rememberedByOther(admin.auth);
    expect((await onOther(member.auth)).status).toBe(401);
  });

  it('in one process, a change made there applies to its very next request without waiting for its notification', async () => {
    const admin = await signupOrganization(t);
    const member = await addMember(t, admin, ['interviewer'], 'Sam Same');
    const second = await signIn(member);
    // This process hears no notification during the test: only its own forgetting can make the changes apply.
    const deaf = jest.spyOn(t.app.get(MembershipCache) as unknown as { heard: () => void }, 'heard').mockImplementation(() => undefined);
    try {
      for (let i = 0; i < 3; i++) await t.http.get('/v1/me').set(member.auth).expect(200);
      await t.http.post('/v1/auth/logout').set(member.auth).expect(204);
      await t.http.get('/v1/me').set(member.auth).expect(401);
      await t.http.get('/v1/me').set(second).expect(200);
      await t.http.get('/v1/members').set(second).expect(403);
      await t.http
        .patch(`/v1/members/${member.memberId}`)
        .set(admin.auth)
        .send({ roles: ['interviewer', 'recruiter'] })
        .expect(200);
      await t.http.get('/v1/members').set(second).expect(200);
      await t.http.post(`/v1/members/${member.memberId}/deactivate`).set(admin.auth).expect(200);
      await t.http.get('/v1/me').set(second).expect(401);
    } finally {
      deaf.mockRestore();
    }
  });

  it('listens on PostgreSQL as the service’s role, never as the owner whose URL names the address', async () => {
    const admin = await signupOrganization(t);
    await rememberedByOther(admin.auth);
    const listeners: { usename: string }[] = await t.dataSource.query(
      `SELECT usename FROM pg_stat_activity WHERE application_name = 'hireloop-membership-cache' AND datname = current_database()`,
    );
    expect(listeners.length).toBeGreaterThanOrEqual(1);
    expect([...new Set(listeners.map((l) => l.usename))]).toEqual(['hireloop_app']);
  });
});
