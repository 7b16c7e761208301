// Browser test of the Fairness page for a compliance-only member (issue 16): compliance may not call GET /v1/roles,
// so the role filter is filled from GET /v1/fairness/roles; choosing a role reloads the report for that role.
//
// Runs like the other browser tests (see run-web-tests.sh):
//   WEB_BASE_URL=http://127.0.0.1:3000 node --test test/web/fairness.web-spec.mjs
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkPageAtBothWidths } from './support.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const { chromium } = createRequire(path.join(ROOT, 'apps', 'web', 'package.json'))('playwright-core');

const BASE = (process.env.WEB_BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(HERE, 'screenshots');
const PASSWORD = 'correct horse battery staple';
const RUN = randomUUID().slice(0, 8);

mkdirSync(SHOTS, { recursive: true });

async function apiCall(method, url, body, token, attempt = 1) {
  const res = await fetch(`${BASE}/v1${url}`, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status === 503 && attempt < 6) {
    await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    return apiCall(method, url, body, token, attempt + 1);
  }
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** The first link matching `pattern` in the newest mail to `email` in the development mailbox (/dev/mailbox). */
async function waitForMailLink(email, pattern, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await fetch(`${BASE}/dev/mailbox/messages`).then((r) => (r.ok ? r.json() : { items: [] }));
    const found = list.items.find((m) => m.to.includes(email));
    if (found) {
      const message = await fetch(`${BASE}/dev/mailbox/messages/${found.id}`).then((r) => r.json());
      const link = (message.text ?? '').split(/\s+/).find((word) => pattern.test(word));
      assert.ok(link, `a link matching ${pattern} in: ${message.text}`);
      return link;
    }
    assert.ok(Date.now() < deadline, `no mail to ${email} in the development mailbox within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('web app: the Fairness page for a compliance-only member', { concurrency: false }, () => {
  let browser;
  let userDataDir;
  before(async () => {
    userDataDir = mkdtempSync(path.join(tmpdir(), 'hireloop-chromium-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
      env: { ...process.env, TMPDIR: userDataDir },
    });
  });
  after(async () => {
    await browser?.close().catch(() => {});
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('lists the roles in the filter and reloads the report for the chosen role', { timeout: 180_000 }, async () => {
    const adminEmail = `fair-admin-${RUN}@example.test`;
    const signup = await apiCall('POST', '/auth/signup', {
      organizationName: `Fairness ${RUN}`,
      name: 'Alex Admin',
      email: adminEmail,
      password: PASSWORD,
    });
    // With SIGNUP_EMAIL_VERIFICATION the address is confirmed first, from the link in the development mailbox.
    const admin =
      signup?.accessToken ??
      (
        await apiCall('POST', '/auth/verify-email', {
          token: new URL(await waitForMailLink(adminEmail, /\/verify-email\?token=/)).searchParams.get('token'),
          password: PASSWORD,
        })
      ).accessToken;
    const email = `fair-compliance-${RUN}@example.test`;
    const invite = await apiCall('POST', '/members', { email, name: 'Casey Compliance', roles: ['compliance'] }, admin);
    await apiCall('POST', '/auth/accept-invite', { token: invite.inviteToken, password: PASSWORD });
    const titles = [`Data Analyst ${RUN}`, `Platform Engineer ${RUN}`];
    const roles = [];
    for (const title of titles) roles.push(await apiCall('POST', '/roles/from-template', { templateKey: 'research-scientist-ml', title }, admin));

    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-GB', timezoneId: 'UTC', bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    try {
      await page.goto(`${BASE}/#/signin`);
      const form = page.getByRole('form', { name: 'Sign in' });
      await form.getByLabel('Email').fill(email);
      await form.getByLabel('Password').fill(PASSWORD);
      await form.getByRole('button', { name: 'Sign in' }).press('Enter');
      await page.getByTestId('whoami').filter({ hasText: 'Casey Compliance' }).waitFor();

      await page.getByRole('link', { name: 'Fairness' }).click();
      const select = page.getByLabel('Role', { exact: true });
      await select.locator('option', { hasText: titles[1] }).waitFor({ state: 'attached' });
      const options = await select.locator('option').allInnerTexts();
      assert.deepEqual(options, ['All roles', `${titles[0]} (draft)`, `${titles[1]} (draft)`]);

      const [report] = await Promise.all([
        page.waitForResponse((response) => response.url().includes(`/v1/fairness/adverse-impact?roleId=${roles[1].id}`)),
        select.selectOption(roles[1].id),
      ]);
      assert.equal(report.status(), 200);
      await page.getByText('No applications yet.').waitFor();
      assert.equal(await page.locator('.problem, [role="alert"]').count(), 0);
      await page.screenshot({ path: path.join(SHOTS, 'fairness-compliance.png'), fullPage: true });
      assert.equal(await page.title(), 'Fairness · hireloop');
      await checkPageAtBothWidths(page, 'the fairness report', 'a11y-fairness');

      // The candidate's self-identification page, reached by a link that does not work: the problem in words.
      await page.goto(`${BASE}/#/self-identification/not-a-real-token`);
      await page.getByTestId('problem').waitFor();
      await checkPageAtBothWidths(page, 'the self-identification page (a bad link)', 'a11y-self-identification');
    } catch (error) {
      await page.screenshot({ path: path.join(SHOTS, 'fairness-failed.png'), fullPage: true }).catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  });
});
