import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@hireloop/config';
import {
  addMember,
  Actor,
  completeScorecard,
  createTestApp,
  pendingVerificationToken,
  routeTable,
  RouteDeclaration,
  signupOrganization,
  TEST_PASSWORD,
  TestApp,
  uniqueEmail,
} from '@hireloop/testing';
import { createWriteScene, pathParams, sceneParam, WriteScene } from '@hireloop/testing/write-endpoints';

jest.setTimeout(120_000);

/**
 * Access beyond the role matrix (permission-matrix.e2e-spec.ts) and tenancy (tenant-isolation.e2e-spec.ts): tokens
 * that must not work, login throttling, secrets that never leave the service (not in a response, not in a log line),
 * private notes only for the role's hiring manager and admins, and an audit log nobody can rewrite.
 */

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('access', () => {
  let t: TestApp;
  let routes: RouteDeclaration[];

  beforeAll(async () => {
    t = await createTestApp();
    routes = routeTable(t.app);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('tokens that must not work', () => {
    it('refuses alg none, another algorithm, swapped claims, unknown members, other schemes and tokens in the query string with 401 problem+json', async () => {
      const admin = await signupOrganization(t);
      const other = await signupOrganization(t);
      const secret = t.app.get(AppConfig).JWT_SECRET;
      const claims = { sub: admin.userId, org: admin.organizationId, mid: admin.memberId };
      const sameKey = new JwtService({ secret });
      const [, payload] = admin.token.split('.');
      const bad: Record<string, string> = {
        'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
        'alg none, signature kept': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.${admin.token.split('.')[2]}`,
        'HS512 with the right key': await sameKey.signAsync(claims, { algorithm: 'HS512' }),
        "another organization's id in the claims": await sameKey.signAsync({ ...claims, org: other.organizationId }),
        "another organization's member in the claims": await sameKey.signAsync({ ...claims, mid: other.memberId }),
        'an unknown member': await sameKey.signAsync({ ...claims, mid: randomUUID() }),
        'missing claims': await sameKey.signAsync({ sub: admin.userId }),
        'not yet valid': await sameKey.signAsync(claims, { notBefore: 3600 }),
        garbage: 'not.a.token',
        empty: '',
      };
      for (const [what, token] of Object.entries(bad)) {
        for (const [method, url] of [
          ['get', '/v1/me'],
          ['get', '/v1/members'],
          ['post', '/v1/candidates'],
        ] as const) {
          const req = t.http[method](url).set('Authorization', `Bearer ${token}`);
          const res = await (method === 'post' ? req.send({ name: 'X', email: uniqueEmail() }) : req);
          expect({ what, url, status: res.status, type: res.headers['content-type'] }).toEqual({
            what,
            url,
            status: 401,
            type: expect.stringContaining('application/problem+json'),
          });
        }
      }
      await t.http
        .get('/v1/me')
        .set('Authorization', `Basic ${Buffer.from(`${admin.email}:${TEST_PASSWORD}`).toString('base64')}`)
        .expect(401);
      await t.http.get('/v1/me').set('Authorization', admin.token).expect(401);
      await t.http.get(`/v1/me?access_token=${admin.token}`).expect(401);
      // The genuine token still works: the refusals above are about the tokens.
      await t.http.get('/v1/me').set(admin.auth).expect(200);
    });

    it('locks out a deactivated member at once, on every non-public route, with a token that is still unexpired', async () => {
      const admin = await signupOrganization(t);
      const member = await addMember(t, admin, ['admin']);
      await t.http.get('/v1/me').set(member.auth).expect(200);
      await t.http.post(`/v1/members/${member.memberId}/deactivate`).set(admin.auth).expect(200);
      const failures: string[] = [];
      for (const route of routes.filter((r) => !r.isPublic)) {
        const url = route.path.replace(/:[A-Za-z]+/g, () => randomUUID());
        const req = t.http[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url).set(member.auth);
        const res = await (route.method === 'GET' || route.method === 'DELETE' ? req : req.send({}));
        if (res.status !== 401) failures.push(`${route.method} ${route.path} → ${res.status}`);
      }
      expect(failures).toEqual([]);
      // Logging in again does not help either.
      await t.http.post('/v1/auth/login').send({ email: member.email, password: TEST_PASSWORD }).expect(401);
    });
  });

  describe('secrets never leave the service', () => {
    let scene: WriteScene;
    const webhookSecret = `whsec-${randomUUID()}`;

    beforeAll(async () => {
      scene = await createWriteScene(t);
      await t.http.patch('/v1/organization').set(scene.team.admin.auth).send({ webhookUrl: 'http://127.0.0.1:9/hook', webhookSecret }).expect(200);
    });

    async function secretsOf(organizationId: string): Promise<string[]> {
      const rows: { password_hash: string | null; invite_token_hash: string | null }[] = await t.dataSource.query(
        `SELECT u.password_hash, m.invite_token_hash FROM members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1`,
        [organizationId],
      );
      const stored = rows.flatMap((r) => [r.password_hash, r.invite_token_hash]).filter((v): v is string => !!v);
      expect(stored.length).toBeGreaterThan(5);
      const actors = [scene.team.admin, scene.team.recruiter, scene.team.hiringManager, ...scene.team.interviewers, scene.spareMember];
      return [TEST_PASSWORD, scene.inviteToken, webhookSecret, ...stored, ...actors.map((a) => a.token), ...actors.map((a) => a.token.split('.')[2])];
    }

    it('are in no response body of any GET route, for any role (passwords, hashes, invite tokens, JWTs, the webhook secret)', async () => {
      const secrets = await secretsOf(scene.organizationId);
      const readers = [scene.team.admin, scene.team.recruiter, scene.team.hiringManager, scene.team.interviewers[1]];
      const leaks: string[] = [];
      const forbiddenKey =
        /^(password|passwordHash|password_hash|inviteToken|inviteTokenHash|invite_token_hash|accessToken|token|secret|webhookSecret)$/i;
      let responses = 0;
      for (const route of routes.filter((r) => r.method === 'GET')) {
        const url = route.path.replace(/:([A-Za-z]+)/g, (_, p: string) => sceneParam(scene, {}, route.path, p) ?? randomUUID());
        for (const reader of readers) {
          const res = await t.http.get(url).set(reader.auth);
          if (res.status === 200) responses++;
          const text = res.text ?? '';
          for (const secret of secrets)
            if (text.includes(secret)) leaks.push(`${route.path} as ${reader.roles.join('+')} contains a secret (${secret.slice(0, 12)}…)`);
          JSON.stringify(res.body ?? {}, (key, value) => {
            // A field of that name may only say whether the secret is set (the audit log records '<set>').
            if (forbiddenKey.test(key) && value !== null && value !== '<set>' && typeof value !== 'boolean')
              leaks.push(`${route.path} as ${reader.roles.join('+')} has a field "${key}": ${JSON.stringify(value).slice(0, 20)}`);
            return value;
          });
        }
      }
      expect(leaks).toEqual([]);
      expect(responses).toBeGreaterThan(40);
      // The invite token is shown once, when the invitation is made, and never again.
      const invited = await t.http.get('/v1/members?status=invited').set(scene.team.admin.auth).expect(200);
      expect(invited.body.items.length).toBeGreaterThan(0);
      expect(JSON.stringify(invited.body)).not.toContain(scene.inviteToken);
      const org = await t.http.get('/v1/organization').set(scene.team.admin.auth).expect(200);
      expect(org.body).toMatchObject({ webhookSecretSet: true });
    });

    it('are in no log line of the API process, at debug level, through signup, login, invite, accept, a password change and settings', async () => {
      const port = await freePort();
      const root = path.resolve(__dirname, '..', '..');
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PORT: String(port),
        LOG_LEVEL: 'debug',
        NODE_ENV: 'test',
        MIGRATIONS_RUN: 'false',
        SERVE_WEB: 'false',
        LOGIN_THROTTLE_LIMIT: '1000',
      };
      let output = '';
      const child: ChildProcess = spawn(
        process.execPath,
        ['--require', path.join(root, 'test', 'support', 'swc-register.js'), path.join(root, 'apps', 'api', 'src', 'main.ts')],
        {
          cwd: root,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
      try {
        const started = Date.now();
        while (!output.includes('hireloop api listening')) {
          if (child.exitCode !== null || Date.now() - started > 90_000) throw new Error(`the API did not start:\n${output}`);
          await new Promise((r) => setTimeout(r, 200));
        }
        const base = `http://127.0.0.1:${port}`;
        const post = async (url: string, body: unknown, token?: string, method = 'POST') => {
          const res = await fetch(`${base}${url}`, {
            method,
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: JSON.stringify(body),
          });
          return {
            status: res.status,
            body: (await res.json().catch(() => ({}))) as { accessToken: string; inviteToken: string; [field: string]: unknown },
          };
        };
        const password = `pw-${randomUUID()}`;
        const wrongPassword = `wrong-${randomUUID()}`;
        const invitedPassword = `inv-${randomUUID()}`;
        const secret = `whsec-${randomUUID()}`;
        const email = uniqueEmail('logs');

        expect((await post('/v1/auth/signup', { organizationName: 'Logged Org', name: 'Lee Logger', email, password })).status).toBe(202);
        const verificationToken = await pendingVerificationToken(t.dataSource, email);
        // Not in the browser that signed up (no cookie here): the sign-up's password comes along.
        const signup = await post('/v1/auth/verify-email', { token: verificationToken, password });
        expect(signup.status).toBe(200);
        const token: string = signup.body.accessToken;
        expect((await post('/v1/auth/login', { email, password })).status).toBe(200);
        expect((await post('/v1/auth/login', { email, password: wrongPassword })).status).toBe(401);
        expect(
          (await post('/v1/auth/signup', { organizationName: 'X', name: 'Y', email: uniqueEmail(), password: wrongPassword, extra: 1 })).status,
        ).toBe(400);
        const invite = await post('/v1/members', { email: uniqueEmail('inv'), name: 'Ivy Invited', roles: ['interviewer'] }, token);
        expect(invite.status).toBe(201);
        const inviteToken: string = invite.body.inviteToken;
        const accepted = await post('/v1/auth/accept-invite', { token: inviteToken, password: invitedPassword });
        expect(accepted.status).toBe(200);
        expect((await post('/v1/auth/accept-invite', { token: inviteToken, password: invitedPassword })).status).toBe(400);
        expect((await post('/v1/organization', { webhookUrl: 'http://127.0.0.1:9/hook', webhookSecret: secret }, token, 'PATCH')).status).toBe(200);
        const me = await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${accepted.body.accessToken}` } });
        expect(me.status).toBe(200);
        // The invited member changes their password: a wrong current one, a too short new one, then for real.
        const changedPassword = `chg-${randomUUID()}`;
        expect(
          (await post('/v1/me/password', { currentPassword: wrongPassword, newPassword: changedPassword }, accepted.body.accessToken)).status,
        ).toBe(400);
        expect((await post('/v1/me/password', { currentPassword: invitedPassword, newPassword: 'short' }, accepted.body.accessToken)).status).toBe(
          400,
        );
        const changed = await post('/v1/me/password', { currentPassword: invitedPassword, newPassword: changedPassword }, accepted.body.accessToken);
        expect(changed.status).toBe(200);
        await new Promise((r) => setTimeout(r, 500)); // let the last lines flush

        const [{ password_hash: hash }] = await t.dataSource.query(`SELECT password_hash FROM users WHERE email = $1`, [email]);
        // The log is there and holds these requests (so the absence below means something).
        expect(output).toContain('/v1/auth/login');
        expect(output).toContain('/v1/auth/accept-invite');
        expect(output).toContain('/v1/me/password');
        const secrets = {
          changedPassword,
          changedAccessToken: changed.body.accessToken,
          password,
          wrongPassword,
          invitedPassword,
          webhookSecret: secret,
          inviteToken,
          verificationToken,
          hash,
          accessToken: token,
          invitedAccessToken: accepted.body.accessToken,
          signature: token.split('.')[2],
        };
        const leaked = Object.entries(secrets)
          .filter(([, value]) => output.includes(value))
          .map(([name]) => name);
        expect(leaked).toEqual([]);
      } finally {
        child.kill('SIGKILL');
      }
    });
  });

  describe("private notes: only the role's hiring manager, admins and the note's author", () => {
    it('hides each note from everyone else on every GET route (scorecards, their history, the debrief, kits, lists), and shows it to those who may read it', async () => {
      const scene = await createWriteScene(t);
      const { admin, recruiter, hiringManager, interviewers } = scene.team;
      const [alice, bob, carol] = interviewers;
      // Alice submits too (so she is past the blind rule and reads the panel); Bob amends: his note is in two revisions.
      const aliceNote = `alice-note-${randomUUID()}`;
      const bobFirst = 'Bob private note';
      const bobNote = `bob-note-${randomUUID()}`;
      await t.http
        .post(`/v1/interviews/${scene.draftInterviewId}/scorecard/submit`)
        .set(alice.auth)
        .send(completeScorecard(scene.openRole.rounds.technical, { privateNote: aliceNote }))
        .expect(200);
      await t.http
        .post(`/v1/interviews/${scene.submittedInterviewId}/scorecard/amend`)
        .set(bob.auth)
        .send({ ...completeScorecard(scene.openRole.rounds.design, { rating: 2, privateNote: bobNote }), reason: 'Second thoughts on the design' })
        .expect(200);
      const otherManager = await addMember(t, admin, ['hiring_manager'], 'Other Manager');
      const recruiterManager = await addMember(t, admin, ['recruiter', 'hiring_manager'], 'Recruiting Manager');

      const getRoutes = routes.filter((r) => r.method === 'GET');
      const unresolved = getRoutes.flatMap((r) =>
        pathParams(r.path).filter((p) => p !== 'jobId' && p !== 'name' && sceneParam(scene, {}, r.path, p) === undefined),
      );
      expect(unresolved).toEqual([]);
      /** Every GET route with the scene's ids, for the interview routes also Alice's interview. */
      const urls = getRoutes.flatMap((r) => {
        const url = (interviewId: string) =>
          r.path.replace(/:([A-Za-z]+)/g, (_, p: string) =>
            p === 'id' && r.path.startsWith('/v1/interviews/') ? interviewId : (sceneParam(scene, {}, r.path, p) ?? randomUUID()),
          );
        return r.path.startsWith('/v1/interviews/') ? [url(scene.submittedInterviewId), url(scene.draftInterviewId)] : [url('')];
      });
      const bobScorecardDetail = `/v1/scorecards/${scene.submittedScorecardId}`;
      const readAll = async (reader: Actor) => {
        const seen: Record<string, string> = {};
        for (const url of urls) {
          const res = await t.http.get(url).set(reader.auth);
          expect({ url, status: res.status < 500 }).toEqual({ url, status: true });
          seen[url] = res.status === 200 ? res.text : '';
        }
        return seen;
      };
      const where = (seen: Record<string, string>, note: string) => Object.keys(seen).filter((url) => seen[url].includes(note));

      for (const reader of [recruiter, carol, otherManager, recruiterManager]) {
        const seen = await readAll(reader);
        expect({ reader: reader.name, bob: where(seen, bobNote), bobFirst: where(seen, bobFirst), alice: where(seen, aliceNote) }).toEqual({
          reader: reader.name,
          bob: [],
          bobFirst: [],
          alice: [],
        });
      }
      // Alice reads the panel, Bob's scorecard included, without Bob's note; her own note she sees.
      const aliceSeen = await readAll(alice);
      expect(aliceSeen[bobScorecardDetail]).toContain(scene.submittedScorecardId);
      expect({ bob: where(aliceSeen, bobNote), bobFirst: where(aliceSeen, bobFirst) }).toEqual({ bob: [], bobFirst: [] });
      expect(where(aliceSeen, aliceNote).length).toBeGreaterThan(0);

      for (const reader of [hiringManager, admin]) {
        const seen = await readAll(reader);
        const shown = where(seen, bobNote);
        expect({ reader: reader.name, shown }).toEqual({
          reader: reader.name,
          shown: expect.arrayContaining([
            bobScorecardDetail,
            `/v1/applications/${scene.applications.main}/scorecards`,
            `/v1/applications/${scene.applications.main}/debrief`,
          ]),
        });
        expect(seen[bobScorecardDetail]).toContain(bobFirst); // the history keeps the first revision's note
      }
    });
  });

  describe('the audit log cannot be rewritten', () => {
    it('has no route that writes, updates or deletes it; such requests are 404 problem+json', async () => {
      expect(routes.filter((r) => r.path.startsWith('/v1/audit-log') && r.method !== 'GET')).toEqual([]);
      const admin = await signupOrganization(t);
      for (const method of ['post', 'put', 'patch', 'delete'] as const) {
        const res = await t.http[method]('/v1/audit-log').set(admin.auth).send({ id: 1 });
        expect({ method, status: res.status, type: res.headers['content-type'] }).toEqual({
          method,
          status: 404,
          type: expect.stringContaining('application/problem+json'),
        });
      }
    });

    it('refuses UPDATE and DELETE of its rows in the database itself (the trigger), leaving them as they were', async () => {
      const admin = await signupOrganization(t);
      await t.http.post('/v1/candidates').set(admin.auth).send({ name: 'Audited Person', email: uniqueEmail() }).expect(201);
      const snapshot = () =>
        t.dataSource.query(
          `SELECT count(*)::int AS n, md5(string_agg(a::text, '|' ORDER BY a.id)) AS digest FROM audit_log a WHERE organization_id = $1`,
          [admin.organizationId],
        );
      const before = await snapshot();
      expect(before[0].n).toBeGreaterThan(0);
      for (const sql of [
        `UPDATE audit_log SET action = 'nothing.happened' WHERE organization_id = $1`,
        `UPDATE audit_log SET organization_id = organization_id WHERE organization_id = $1`,
        `DELETE FROM audit_log WHERE organization_id = $1`,
        `DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE organization_id = $1 LIMIT 1)`,
      ]) {
        await expect(t.dataSource.query(sql, [admin.organizationId])).rejects.toMatchObject({
          message: expect.stringContaining('audit_log is append-only'),
        });
      }
      expect(await snapshot()).toEqual(before);
    });
  });
});

/** Its own app with a low limit; after the main block has closed its app (two apps at once share process state). */
describe('access: login brute force', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ env: { LOGIN_THROTTLE_LIMIT: '3' } });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('throttles an email after the limit — even the right password then gets 429, and case or spaces do not reset the count', async () => {
    const admin = await signupOrganization(limited);
    const attempts = [admin.email, admin.email.toUpperCase(), `  ${admin.email} `];
    for (const email of attempts) await limited.http.post('/v1/auth/login').send({ email, password: 'wrong password!' }).expect(401);
    const right = await limited.http.post('/v1/auth/login').send({ email: admin.email, password: TEST_PASSWORD }).expect(429);
    expect(right.headers['content-type']).toContain('application/problem+json');
    expect(right.body).toMatchObject({ status: 429, code: 'too_many_requests' });
    expect(right.body).not.toHaveProperty('accessToken');
    // Another account is not locked out by it.
    const other = await signupOrganization(limited);
    await limited.http.post('/v1/auth/login').send({ email: other.email, password: TEST_PASSWORD }).expect(200);
  });
});
