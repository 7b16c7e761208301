// Browser test of the account pages reached from real emails: the API sends them through the worker to its
// development mailbox (SMTP), the test reads the message from /dev/mailbox and opens the link in Chromium —
// accepting an invitation, resetting a password, and the email-preferences link of a non-essential email.
//
//   WEB_BASE_URL=http://127.0.0.1:3000 node --test test/web/account-links.web-spec.mjs   (see run-web-tests.sh)
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const { chromium } = createRequire(path.join(ROOT, 'apps', 'web', 'package.json'))('playwright-core');

const BASE = (process.env.WEB_BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(HERE, 'screenshots');
const PASSWORD = 'correct horse battery staple';
const RUN = randomUUID().slice(0, 8);
const STEP_TIMEOUT_MS = 20_000;
mkdirSync(SHOTS, { recursive: true });

async function apiCall(method, url, body, token) {
  const res = await fetch(`${BASE}/v1${url}`, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** The link to `pathname` in the newest email to `to` whose subject matches, as the development mailbox received it. */
async function emailedLink(to, subject, pathname) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const list = await (await fetch(`${BASE}/dev/mailbox/messages`)).json();
    const summary = list.items.find((m) => m.to.includes(to) && subject.test(m.subject));
    if (summary) {
      const message = await (await fetch(`${BASE}/dev/mailbox/messages/${summary.id}`)).json();
      const match = new RegExp(`https?://[^\\s"<>]+${pathname.replace(/\//g, '\\/')}[^\\s"<>]*`).exec(message.text ?? '');
      assert.ok(match, `no ${pathname} link in the email "${summary.subject}":\n${message.text}`);
      return match[0];
    }
    if (Date.now() > deadline) throw new Error(`no email to ${to} matching ${subject} within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('web app: links from emails', { concurrency: false }, () => {
  let browser;
  let userDataDir;
  const admin = { email: `admin-links-${RUN}@example.test` };
  const ivy = { email: `ivy-${RUN}@example.test`, name: 'Ivy Invitee' };

  before(async () => {
    userDataDir = mkdtempSync(path.join(tmpdir(), 'hireloop-chromium-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
      env: { ...process.env, TMPDIR: userDataDir },
    });
    const signup = await apiCall('POST', '/auth/signup', { organizationName: `Links ${RUN}`, name: 'Alex Admin', email: admin.email, password: PASSWORD });
    // Signup is confirmed from the link the development mailbox received (SIGNUP_EMAIL_VERIFICATION, the default).
    admin.token =
      signup.accessToken ??
      (await apiCall('POST', '/auth/verify-email', { token: new URL(await emailedLink(admin.email, /./, '/verify-email')).searchParams.get('token') })).accessToken;
  });
  after(async () => {
    await browser?.close().catch(() => {});
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  const freshPage = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    return page;
  };

  it('accepts an invitation from the link in the invitation email', { timeout: 90_000 }, async () => {
    await apiCall('POST', '/members', { email: ivy.email, name: ivy.name, roles: ['interviewer'] }, admin.token);
    const link = await emailedLink(ivy.email, /invited you/, '/accept-invite');
    const page = await freshPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Accept your invite' }).waitFor();
    assert.ok((await page.getByLabel('Invite token').inputValue()).length > 20, 'the token from the link is filled in');
    await page.getByLabel('Choose a password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My interviews' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'links-invite-accepted.png'), fullPage: true });
    await page.context().close();
  });

  it('resets a password from the link in the reset email, then signs in with the new one', { timeout: 90_000 }, async () => {
    const page = await freshPage();
    await page.goto(`${BASE}/#/signin`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email').fill(ivy.email);
    await page.getByRole('button', { name: 'Email me a reset link' }).click();
    await page.getByRole('status').waitFor();
    const link = await emailedLink(ivy.email, /Reset your hireloop password/, '/reset-password');
    await page.goto(link);
    const newPassword = `new ${PASSWORD} ${RUN}`;
    await page.locator('input[name="password"]').fill(newPassword);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('Your password is changed').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'links-password-reset.png'), fullPage: true });
    // The link works once.
    await page.goto(link);
    await page.locator('input[name="password"]').fill(`${newPassword} again`);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('This reset link is unknown, already used or expired').waitFor();

    await page.goto(`${BASE}/#/signin`);
    await page.locator('input[name="email"]').fill(ivy.email);
    await page.locator('input[name="password"]').fill(newPassword);
    await page.getByRole('form', { name: 'Sign in' }).getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My interviews' }).waitFor();
    await page.context().close();
  });

  it('shows SSO sign-in and the notification settings with the calendar feed', { timeout: 90_000 }, async () => {
    const page = await freshPage();
    await page.goto(`${BASE}/#/signin`);
    await page.locator('summary', { hasText: 'Sign in with SSO' }).click();
    await page.getByLabel('Organization ID or SSO sign-in link').fill(randomUUID());
    await page.getByRole('button', { name: 'Sign in with SSO' }).click();
    await page.getByText('This organization has no single sign-on configured').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'links-sso-not-configured.png'), fullPage: true });

    await page.goto(`${BASE}/#/signin`);
    await page.locator('input[name="email"]').fill(admin.email);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByRole('form', { name: 'Sign in' }).getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notifications' }).click();
    // The box follows the saved state (it changes once PATCH /v1/me/email-preferences answered).
    await page.getByLabel(/Feedback reminders/).click();
    await page.waitForFunction(() => document.querySelector('input[name="feedbackReminders"]')?.checked === false);
    await page.getByRole('button', { name: 'Create a feed address' }).click();
    const url = await page.locator('input[name="calendarFeedUrl"]').inputValue();
    assert.match(url, /\/v1\/calendar-feeds\/.+\.ics$/);
    assert.equal((await fetch(url)).status, 200);
    await page.getByRole('button', { name: 'Revoke the feed' }).click();
    await page.getByText('Your calendar feed is revoked').waitFor();
    assert.equal((await fetch(url)).status, 404);
    const prefs = await apiCall('GET', '/me/email-preferences', undefined, admin.token);
    assert.equal(prefs.feedbackReminders, false);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Single sign-on' }).click();
    await page.getByRole('heading', { name: 'Single sign-on' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'links-sso-settings.png'), fullPage: true });
    await page.context().close();
  });
});
