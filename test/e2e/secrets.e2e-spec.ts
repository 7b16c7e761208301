import { JwtService } from '@nestjs/jwt';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signupOverHttp, TEST_PASSWORD, uniqueEmail } from '@hireloop/testing';
import { ApiProcess, startApi } from '@hireloop/testing/api-process';
import { REPOSITORY_ROOT, stopAllProcesses } from '@hireloop/testing/worker-process';

/** The value the service used to fall back to (published in its source): issue 14, "forged tokens". */
const PUBLISHED_SECRET = 'hireloop-local-development-secret-change-me';

/** Runs the secret step of `npm start` (scripts/lib.sh ensure_jwt_secret) against another root directory. */
function ensureSecret(root: string): string {
  const env = { ...process.env };
  delete env.JWT_SECRET;
  return execFileSync('bash', ['-c', 'source scripts/lib.sh; ROOT_DIR="$1"; ensure_jwt_secret 2>/dev/null; printf %s "$JWT_SECRET"', '_', root], {
    cwd: REPOSITORY_ROOT,
    env,
  }).toString();
}

async function signup(
  url: string,
): Promise<{ accessToken: string; user: { id: string }; organization: { id: string }; membership: { memberId: string } }> {
  return signupOverHttp(url, { organizationName: 'Secrets Org', name: 'Sam Secret', email: uniqueEmail('secret'), password: TEST_PASSWORD });
}

const me = (url: string, token: string) => fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);

describe('JWT secret (issue 14, item 1)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'hireloop-secret-'));
  afterAll(async () => {
    await stopAllProcesses();
    rmSync(root, { recursive: true, force: true });
  });

  it('npm start creates a random secret once (0600, untracked .run/), reuses it, and the published value signs nothing', async () => {
    const secret = ensureSecret(root);
    const file = path.join(root, '.run', 'secrets', 'jwt-secret');
    expect(secret.length).toBeGreaterThanOrEqual(48);
    expect(secret).not.toBe(PUBLISHED_SECRET);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o077).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(secret);
    expect(ensureSecret(root)).toBe(secret); // reused on restart
    expect(readFileSync(path.join(REPOSITORY_ROOT, '.gitignore'), 'utf8').split('\n')).toContain('.run/');

    // Started the README way: no JWT_SECRET of its own, listening on every interface (HOST default 0.0.0.0).
    const api = await startApi({ env: { JWT_SECRET: secret, HOST: undefined }, name: 'api-with-generated-secret' });
    const admin = await signup(api.url);
    expect(await me(api.url, admin.accessToken)).toBe(200);
    const claims = { sub: admin.user.id, org: admin.organization.id, mid: admin.membership.memberId };
    const forged = await new JwtService({ secret: PUBLISHED_SECRET }).signAsync(claims, { algorithm: 'HS256', expiresIn: 3600 });
    expect(await me(api.url, forged)).toBe(401);
    await api.stop();

    // Rotation: delete the file and restart; tokens signed with the old secret die.
    unlinkSync(file);
    const rotated = ensureSecret(root);
    expect(rotated).not.toBe(secret);
    const after = await startApi({ env: { JWT_SECRET: rotated, HOST: undefined }, name: 'api-after-rotation' });
    expect(await me(after.url, admin.accessToken)).toBe(401);
    await after.stop();
  }, 120_000);

  it.each([
    ['no secret at all', { JWT_SECRET: undefined }],
    ['the published value, listening beyond loopback', { JWT_SECRET: PUBLISHED_SECRET, HOST: '0.0.0.0' }],
    ['the published value with NODE_ENV=production (even on loopback)', { JWT_SECRET: PUBLISHED_SECRET, HOST: '127.0.0.1', NODE_ENV: 'production' }],
  ])(
    'the API refuses to start with %s (exit 78)',
    async (_what, env) => {
      const started = await startApi({ env, name: 'api-refused' }).then(
        async (api: ApiProcess) => {
          await api.stop();
          return 'started';
        },
        (error: Error) => error.message,
      );
      expect(started).toMatch(/code 78/);
      expect(started).toMatch(/JWT_SECRET/);
      expect(started).not.toContain(PUBLISHED_SECRET);
    },
    60_000,
  );
});
