import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Actor, addMember, createTestApp, mailToken, signupOrganization, TEST_PASSWORD, TestApp } from '@hireloop/testing';
import { BrowserSession } from '@hireloop/testing/browser-session';
import { startOidcProvider, TestOidcProvider } from '@hireloop/testing/oidc-provider';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Issue 18, item 4: single sign-on per organization, against a real OpenID provider (`oidc-provider`) on loopback,
 * driven over real HTTP as a browser would: the API's start redirect, the provider's login and consent forms, the
 * callback, and the exchange for a session.
 */
describe('single sign-on (OpenID Connect)', () => {
  let t: TestApp;
  let api: string;
  let op: TestOidcProvider;
  let acme: Actor;
  let other: Actor;
  const domain = `sso-${randomUUID().slice(0, 8)}.test`;
  const client = { clientId: 'hireloop-acme', clientSecret: `secret-${randomUUID()}` };
  const email = (local: string) => `${local}-${randomUUID().slice(0, 6)}@${domain}`;

  beforeAll(async () => {
    const port = await freePort();
    api = `http://127.0.0.1:${port}`;
    process.env.PUBLIC_APP_URL = api;
    t = await createTestApp();
    await t.app.listen(port, '127.0.0.1');
    acme = await signupOrganization(t);
    other = await signupOrganization(t);
    op = await startOidcProvider([{ ...client, redirectUris: [`${api}/v1/auth/sso/${acme.organizationId}/callback`] }]);
    await t.http
      .put('/v1/organization/sso')
      .set(acme.auth)
      .send({ issuerUrl: op.issuer, ...client, allowedDomains: [domain.toUpperCase()] })
      .expect(200);
  });
  afterAll(async () => {
    await op?.close();
    await t?.close();
  });

  const startUrl = (organizationId = acme.organizationId) => `${api}/v1/auth/sso/${organizationId}/start`;
  const isCallback = (url: string) => url.startsWith(`${api}/v1/auth/sso/${acme.organizationId}/callback`);
  const problemOf = (location: string) => Object.fromEntries(new URLSearchParams(new URL(location).hash.slice(1)));
  /** Start → provider login (as `login`) and consent → the provider's redirect to the callback, not yet followed. */
  const toCallback = (browser: BrowserSession, login: string) => browser.follow(startUrl(), isCallback, { login, password: 'any password' });
  const complete = async (browser: BrowserSession, callbackUrl: string) => {
    const res = await browser.request(callbackUrl);
    expect(res.status).toBe(302);
    return res.headers.get('location')!;
  };
  const exchange = (browser: BrowserSession) => browser.request(`${api}/v1/auth/sso/exchange`, { method: 'POST' });
  const signIn = async (login: string, browser = new BrowserSession()) => {
    const location = await complete(browser, await toCallback(browser, login));
    expect(problemOf(location)).toEqual({});
    expect(location).toBe(`${api}/sso/complete`);
    const res = await exchange(browser);
    expect(res.status).toBe(200);
    return (await res.json()) as {
      accessToken: string;
      user: { id: string; email: string; name: string };
      organization: { id: string };
      membership: { memberId: string; roles: string[] };
    };
  };

  describe('settings (admins only)', () => {
    it('answers the settings without the client secret, which is stored sealed', async () => {
      const res = await t.http.get('/v1/organization/sso').set(acme.auth).expect(200);
      expect(res.body).toEqual({
        configured: true,
        issuerUrl: op.issuer,
        clientId: client.clientId,
        clientSecretSet: true,
        allowedDomains: [domain],
        enabled: true,
        enforced: false,
        redirectUri: `${api}/v1/auth/sso/${acme.organizationId}/callback`,
        signInUrl: startUrl(),
      });
      expect(JSON.stringify(res.body)).not.toContain(client.clientSecret);
      const [row] = await t.dataSource.query(`SELECT client_secret_sealed FROM organization_sso WHERE organization_id = $1`, [acme.organizationId]);
      expect(row.client_secret_sealed.toString('latin1')).not.toContain(client.clientSecret);
    });

    it('keeps the stored secret when a change omits it (same issuer and client)', async () => {
      await t.http
        .put('/v1/organization/sso')
        .set(acme.auth)
        .send({ issuerUrl: op.issuer, clientId: client.clientId, allowedDomains: [domain] })
        .expect(200);
      await signIn(email('keeps'));
    });

    it('refuses members who are not admins (403) and shows another organization nothing of it', async () => {
      const interviewer = await addMember(t, acme, ['interviewer']);
      const recruiter = await addMember(t, acme, ['recruiter']);
      for (const member of [interviewer, recruiter]) {
        expect((await t.http.get('/v1/organization/sso').set(member.auth).expect(403)).body.code).toBe('role_required');
        await t.http
          .put('/v1/organization/sso')
          .set(member.auth)
          .send({ issuerUrl: op.issuer, ...client, allowedDomains: ['evil.test'] })
          .expect(403);
        await t.http.delete('/v1/organization/sso').set(member.auth).expect(403);
      }
      const theirs = await t.http.get('/v1/organization/sso').set(other.auth).expect(200);
      expect(theirs.body).toMatchObject({ configured: false, issuerUrl: null, clientId: null, clientSecretSet: false, allowedDomains: [] });
      // Their delete removes their (absent) settings, never acme's.
      await t.http.delete('/v1/organization/sso').set(other.auth).expect(204);
      expect((await t.http.get('/v1/organization/sso').set(acme.auth).expect(200)).body.configured).toBe(true);
    });

    it('refuses issuers on non-public addresses (the webhook SSRF guard), unreachable issuers, bad domains and a missing secret: 400 on the field', async () => {
      const put = (body: Record<string, unknown>) =>
        t.http
          .put('/v1/organization/sso')
          .set(other.auth)
          .send({ clientId: 'x', clientSecret: 'y', allowedDomains: ['other.test'], ...body });
      for (const issuerUrl of [
        'http://10.0.0.1',
        'http://user:secret@93.184.215.14',
        'http://169.254.169.254/latest',
        'http://[fd00::1]',
        'http://100.64.0.1',
      ]) {
        const res = await put({ issuerUrl }).expect(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'issuerUrl', code: 'issuer_forbidden' })]);
      }
      const closed = await freePort();
      expect((await put({ issuerUrl: `http://127.0.0.1:${closed}` }).expect(400)).body.errors).toEqual([
        expect.objectContaining({ field: 'issuerUrl', code: 'issuer_discovery_failed' }),
      ]);
      expect((await put({ issuerUrl: op.issuer, allowedDomains: ['ok.test', 'not a domain'] }).expect(400)).body.errors).toEqual([
        expect.objectContaining({ field: 'allowedDomains.1' }),
      ]);
      expect((await put({ issuerUrl: op.issuer, clientSecret: undefined }).expect(400)).body.errors).toEqual([
        expect.objectContaining({ field: 'clientSecret' }),
      ]);
      expect((await put({ issuerUrl: op.issuer, allowedDomains: [] }).expect(400)).body.errors[0].field).toBe('allowedDomains');
      expect((await t.http.get('/v1/organization/sso').set(other.auth).expect(200)).body.configured).toBe(false);
    });
  });

  describe('sign-in', () => {
    it('the first sign-in of a verified address of an allowed domain creates an interviewer; the next one signs the same member in', async () => {
      const address = email('ivy');
      const first = await signIn(address);
      expect(first.user.email).toBe(address);
      expect(first.organization.id).toBe(acme.organizationId);
      expect(first.membership.roles).toEqual(['interviewer']);
      const me = await t.http
        .get('/v1/me')
        .set({ Authorization: `Bearer ${first.accessToken}` })
        .expect(200);
      expect(me.body.membership).toMatchObject({ memberId: first.membership.memberId, roles: ['interviewer'], status: 'active' });
      // The new member cannot reach admin routes.
      await t.http
        .get('/v1/organization/sso')
        .set({ Authorization: `Bearer ${first.accessToken}` })
        .expect(403);

      const again = await signIn(address);
      expect(again.membership.memberId).toBe(first.membership.memberId);
      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM members m JOIN users u ON u.id = m.user_id WHERE u.email = $1`,
        [address],
      );
      expect(count).toBe(1);
      const audit = await t.http.get('/v1/audit-log?action=member.joined_via_sso&limit=100').set(acme.auth).expect(200);
      expect(audit.body.items.map((a: { entityId: string }) => a.entityId)).toContain(first.membership.memberId);
    });

    it("a sign-up nobody verified gives its starter no way in: single sign-on of the address drops that sign-up's password", async () => {
      const address = email('owner');
      const squatter = { email: address, password: 'the squatter chose this' };
      // Anyone may start a sign-up with any address: 202, and a verification mail the owner never uses.
      await t.http
        .post('/v1/auth/signup')
        .send({ organizationName: 'Squatter Inc', name: 'Not The Owner', ...squatter })
        .expect(202);
      const owner = await signIn(address);
      expect(owner.organization.id).toBe(acme.organizationId);
      await t.http
        .post('/v1/auth/login')
        .send({ ...squatter, organizationId: acme.organizationId })
        .expect(401);
      await t.http.post('/v1/auth/login').send(squatter).expect(401);

      // An account that was active somewhere keeps its password when it first signs in by SSO.
      const invitee = email('kept');
      const invite = await t.http
        .post('/v1/members')
        .set(other.auth)
        .send({ email: invitee, name: 'Kim Kept', roles: ['interviewer'] })
        .expect(201);
      await t.http.post('/v1/auth/accept-invite').send({ token: invite.body.inviteToken, password: TEST_PASSWORD }).expect(200);
      const kept = await signIn(invitee);
      expect(kept.organization.id).toBe(acme.organizationId);
      const login = await t.http
        .post('/v1/auth/login')
        .send({ email: invitee, password: TEST_PASSWORD, organizationId: acme.organizationId })
        .expect(200);
      expect(login.body.membership.memberId).toBe(kept.membership.memberId);
    });

    it('an account made by single sign-on may set a password by reset once its organization no longer signs in with SSO; not while it does, nor a pending invitation', async () => {
      const resetMails = async (address: string) =>
        (await t.dataSource.query(
          `SELECT template, recipient_email, params FROM email_deliveries WHERE recipient_email = $1 AND template = 'password_reset'`,
          [address],
        )) as { template: string; recipient_email: string; params: Record<string, unknown> }[];
      const ssoSettings = (enabled: boolean) =>
        t.http
          .put('/v1/organization/sso')
          .set(acme.auth)
          .send({ issuerUrl: op.issuer, ...client, allowedDomains: [domain], enabled })
          .expect(200);
      const address = email('sam');
      const sso = await signIn(address);
      const [{ has_password }] = await t.dataSource.query(`SELECT password_hash IS NOT NULL AS has_password FROM users WHERE email = $1`, [address]);
      expect(has_password).toBe(false);
      await t.http.post('/v1/auth/login').send({ email: address, password: 'any password at all' }).expect(401);

      // While the organization signs in with SSO, the identity provider alone decides: no password by the back door
      // (same answer, no mail), so removing someone there ends their access even where SSO is not enforced.
      const whileOn = await t.http.post('/v1/auth/password-reset').send({ email: address }).expect(202);
      expect(whileOn.body).toEqual({ accepted: true });
      expect(await resetMails(address)).toEqual([]);
      // Except an admin's (break-glass, as for password sign-in under enforced SSO).
      const adminAddress = email('ada');
      const ada = await signIn(adminAddress);
      await t.http
        .patch(`/v1/members/${ada.membership.memberId}`)
        .set(acme.auth)
        .send({ roles: ['admin'] })
        .expect(200);
      await t.http.post('/v1/auth/password-reset').send({ email: adminAddress }).expect(202);
      expect(await resetMails(adminAddress)).toHaveLength(1);

      // SSO turned off: without a password the account would be locked out; a reset now mails a link.
      await ssoSettings(false);
      try {
        await t.http.post('/v1/auth/password-reset').send({ email: address }).expect(202);
        const [mail] = await resetMails(address);
        expect(mail).toBeDefined();
        await t.http
          .post('/v1/auth/password-reset/confirm')
          .send({ token: mailToken(mail), password: 'a passphrase of my own' })
          .expect(204);
        const login = await t.http.post('/v1/auth/login').send({ email: address, password: 'a passphrase of my own' }).expect(200);
        expect(login.body.membership.memberId).toBe(sso.membership.memberId);
      } finally {
        await ssoSettings(true);
      }

      // Invited but not yet accepted: the invitation is how that account gets a password; the answer is the same.
      const invited = email('pending');
      await t.http
        .post('/v1/members')
        .set(acme.auth)
        .send({ email: invited, name: 'Pat Pending', roles: ['interviewer'] })
        .expect(201);
      const answer = await t.http.post('/v1/auth/password-reset').send({ email: invited }).expect(202);
      expect(answer.body).toEqual({ accepted: true });
      expect(await resetMails(invited)).toEqual([]);
    });

    it('an existing member signs in as themselves, with their roles; an invited one becomes active', async () => {
      const address = email('riley');
      const invite = await t.http
        .post('/v1/members')
        .set(acme.auth)
        .send({ email: address, name: 'Riley Recruiter', roles: ['recruiter'] })
        .expect(201);
      const session = await signIn(address);
      expect(session.membership).toMatchObject({ memberId: invite.body.member.id, roles: ['recruiter'], status: 'active' });
      // The invitation is used up by the SSO sign-in.
      await t.http.post('/v1/auth/accept-invite').send({ token: invite.body.inviteToken, password: TEST_PASSWORD }).expect(400);
    });

    it('refuses a domain that is not allowed, and an address the provider does not vouch for, creating nobody', async () => {
      for (const [login, code] of [
        [`eve-${randomUUID().slice(0, 6)}@evil.test`, 'sso_domain_not_allowed'],
        [`eve-${randomUUID().slice(0, 6)}@sub.${domain}`, 'sso_domain_not_allowed'],
        [`unverified.${email('bob')}`, 'sso_email_unverified'],
      ]) {
        const browser = new BrowserSession();
        const location = await complete(browser, await toCallback(browser, login));
        expect(location.startsWith(`${api}/sso/complete#`)).toBe(true);
        expect(problemOf(location)).toEqual({ error: code, detail: expect.any(String) });
        expect((await exchange(browser)).status).toBe(401);
        const users = await t.dataSource.query(`SELECT 1 FROM users WHERE email = $1`, [login.replace(/^unverified\./, '')]);
        expect(users).toEqual([]);
      }
    });

    it('refuses a wrong state, a state started in another browser, and a replayed callback', async () => {
      const browser = new BrowserSession();
      const callback = new URL(await toCallback(browser, email('sam')));
      const forged = new URL(callback);
      forged.searchParams.set('state', 'forged-state-value');
      expect(problemOf(await complete(browser, forged.href)).error).toBe('sso_state_invalid');

      // Login CSRF: the attacker's finished callback, opened in the victim's browser (which started its own sign-in).
      const victim = new BrowserSession();
      await victim.follow(startUrl(), (url) => url.startsWith(op.issuer));
      expect(problemOf(await complete(victim, callback.href)).error).toBe('sso_state_invalid');
      expect((await exchange(victim)).status).toBe(401);

      // The genuine browser still completes, once.
      expect(problemOf(await complete(browser, callback.href))).toEqual({});
      expect((await exchange(browser)).status).toBe(200);
      expect(problemOf(await complete(browser, callback.href)).error).toBe('sso_state_invalid');
      expect((await exchange(browser)).status).toBe(401);
    });

    it('refuses a replayed authorization code under a fresh state (the provider refuses the second redemption)', async () => {
      const browser = new BrowserSession();
      const login = email('rex');
      const first = new URL(await toCallback(browser, login));
      expect(problemOf(await complete(browser, first.href))).toEqual({});
      // A new sign-in in the same browser, and its callback carrying the first (already redeemed) code.
      const second = new URL(await browser.follow(startUrl(), isCallback, { login, password: 'x' }));
      const replay = new URL(second);
      replay.searchParams.set('code', first.searchParams.get('code')!);
      const refused = problemOf(await complete(browser, replay.href));
      expect(refused).toEqual({ error: 'sso_token_invalid', detail: expect.stringMatching(/invalid_grant/) });
      expect((await exchange(browser)).status).toBe(401);
    });

    it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
      const browser = new BrowserSession();
      const callback = new URL(await toCallback(browser, email('nina')));
      const stateHash = createHash('sha256').update(callback.searchParams.get('state')!, 'utf8').digest('hex');
      const [, changed] = await t.dataSource.query(`UPDATE sso_sign_ins SET nonce = 'another-nonce' WHERE state_hash = $1`, [stateHash]);
      expect(changed).toBe(1);
      const refused = problemOf(await complete(browser, callback.href));
      expect(refused).toEqual({ error: 'sso_token_invalid', detail: expect.stringMatching(/nonce/) });
      expect((await exchange(browser)).status).toBe(401);
    });

    it('answers sso_not_configured for an organization without single sign-on, or an unknown one', async () => {
      for (const organizationId of [other.organizationId, randomUUID(), 'not-a-uuid']) {
        const res = await fetch(startUrl(organizationId), { redirect: 'manual' });
        expect(res.status).toBe(302);
        expect(problemOf(res.headers.get('location')!).error).toBe('sso_not_configured');
      }
    });

    it('a sign-in of one organization cannot be exchanged by a cookie naming another', async () => {
      const browser = new BrowserSession();
      await complete(browser, await toCallback(browser, email('oscar')));
      const cookie = browser.cookie('hireloop_sso')!;
      const forged = `${other.organizationId}.${cookie.split('.')[1]}`;
      const res = await fetch(`${api}/v1/auth/sso/exchange`, { method: 'POST', headers: { cookie: `hireloop_sso=${forged}` } });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { code: string }).code).toBe('sso_handoff_invalid');
      expect((await exchange(browser)).status).toBe(200);
    });
  });

  describe('enforced single sign-on', () => {
    afterAll(async () => {
      await t.http
        .put('/v1/organization/sso')
        .set(acme.auth)
        .send({ issuerUrl: op.issuer, ...client, allowedDomains: [domain], enforced: false })
        .expect(200);
    });

    it("refuses password sign-in to the organization's members who are not admins; admins keep it (break-glass)", async () => {
      const interviewer = await addMember(t, acme, ['interviewer']);
      const login = (who: Actor) => t.http.post('/v1/auth/login').send({ email: who.email, password: TEST_PASSWORD });
      await login(interviewer).expect(200);
      await t.http
        .put('/v1/organization/sso')
        .set(acme.auth)
        .send({ issuerUrl: op.issuer, ...client, allowedDomains: [domain], enforced: true })
        .expect(200);
      const refused = await login(interviewer).expect(403);
      expect(refused.body).toMatchObject({
        code: 'sso_required',
        organizationId: acme.organizationId,
        ssoStartUrl: `/v1/auth/sso/${acme.organizationId}/start`,
      });
      await login(acme).expect(200);
      // Another organization's members are not affected.
      await login(other).expect(200);
      // Disabled settings enforce nothing.
      await t.http
        .put('/v1/organization/sso')
        .set(acme.auth)
        .send({ issuerUrl: op.issuer, ...client, allowedDomains: [domain], enforced: true, enabled: false })
        .expect(200);
      await login(interviewer).expect(200);
    });
  });
});
