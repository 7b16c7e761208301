// Shared pieces of the browser tests (test/web/*.web-spec.mjs): the API at WEB_BASE_URL, Chromium from Debian,
// the development mailbox, and the checks every page must pass (no sideways scrolling, no accessibility violation).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
const webRequire = createRequire(path.join(ROOT, 'apps', 'web', 'package.json'));
const { chromium } = webRequire('playwright-core');
const AXE_SOURCE = webRequire.resolve('axe-core/axe.min.js');

export const BASE = (process.env.WEB_BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = path.join(HERE, 'screenshots');
export const PASSWORD = 'correct horse battery staple';
export const runId = () => randomUUID().slice(0, 8);
/** The two widths every page is checked at: a phone and a desktop. */
export const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1440, height: 900 } };

mkdirSync(SHOTS, { recursive: true });

/** Calls the REST API under /v1 as a bearer client; a loaded machine's brief 503 is waited out. */
export async function apiCall(method, url, body, token, attempt = 1) {
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
  const json = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
  return json;
}

/** Invites a member through the API and accepts the invitation with PASSWORD: `{ id, email, name, token }`. */
export async function addMember(adminToken, { email, name, roles }) {
  const res = await apiCall('POST', '/members', { email, name, roles }, adminToken);
  const accepted = await apiCall('POST', '/auth/accept-invite', { token: res.inviteToken, password: PASSWORD });
  return { id: res.member.id, email, name, token: accepted.accessToken };
}

/** The first link matching `pattern` in the newest development-mailbox message to `email`. */
export async function waitForMailLink(email, pattern, { timeoutMs = 30_000, subject } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await fetch(`${BASE}/dev/mailbox/messages`).then((r) => (r.ok ? r.json() : { items: [] }));
    const found = list.items.find((m) => m.to.includes(email) && (!subject || subject.test(m.subject ?? '')));
    if (found) {
      const message = await fetch(`${BASE}/dev/mailbox/messages/${found.id}`).then((r) => r.json());
      const link = (message.text ?? '').split(/\s+/).find((word) => pattern.test(word));
      if (link) return link;
    }
    assert.ok(Date.now() < deadline, `no mail to ${email} with a link matching ${pattern} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Signs up an organization through the API, confirming the address from the emailed link; resolves with its token. */
export async function signUpOrganization({ organizationName, name, email }) {
  const signup = await apiCall('POST', '/auth/signup', { organizationName, name, email, password: PASSWORD });
  if (signup?.accessToken) return signup.accessToken;
  const link = await waitForMailLink(email, /\/verify-email\?token=/);
  // Not the browser that signed up: the sign-up's password comes along.
  return (await apiCall('POST', '/auth/verify-email', { token: new URL(link).searchParams.get('token'), password: PASSWORD })).accessToken;
}

export async function launchBrowser() {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'hireloop-chromium-'));
  const browser = await chromium.launch({
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
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function newPage(browser, who, viewport = VIEWPORTS.desktop, timeoutMs = 20_000) {
  const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'UTC' });
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  page.on('pageerror', (error) => process.stderr.write(`[${who}] page error: ${error.message}\n`));
  return page;
}

export async function signIn(page, person) {
  await page.goto(`${BASE}/#/signin`);
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(person.email);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).press('Enter');
  await page.getByTestId('whoami').filter({ hasText: person.name }).waitFor();
}

export const screenshot = (page, name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/** Nothing wider than the viewport: the page never scrolls sideways (tables scroll inside their own box). */
export async function assertNoHorizontalOverflow(page, what) {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    const out = [...document.querySelectorAll('body *')].filter(
      (el) =>
        el.getBoundingClientRect().right > window.innerWidth + 1 &&
        ![...el.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 1),
    );
    const name = (el) =>
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (${Math.round(el.getBoundingClientRect().right)} px)`;
    const outer = [...document.querySelectorAll('body *')].filter(
      (el) =>
        el.getBoundingClientRect().width > window.innerWidth + 1 &&
        el.parentElement &&
        el.parentElement.getBoundingClientRect().width <= window.innerWidth + 1,
    );
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      widest: [...outer.slice(0, 3), ...out.slice(0, 3)].map(name),
    };
  });
  assert.ok(scrollWidth <= innerWidth, `${what} is ${scrollWidth} px wide on a ${innerWidth} px screen: ${widest.join(', ')}`);
}

/**
 * Runs axe-core (WCAG 2.x A/AA and best practices) on the page as it is now; fails on any violation of any impact,
 * naming the rule, its impact and the first elements.
 */
export async function assertAccessible(page, what) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  // Evaluated, not added as a <script>: the app's Content-Security-Policy (script-src 'self') refuses inline scripts.
  if (!hasAxe) await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1, 2).join('')}` : ''}`),
    }));
  });
  assert.deepEqual(
    violations.map((v) => `${v.impact} ${v.id} (${v.help}): ${v.targets.join(' | ')}`),
    [],
    `axe-core on ${what}`,
  );
}

/** Checks a page at both widths: no sideways scrolling, no axe violation, a screenshot of each. */
export async function checkPageAtBothWidths(page, what, shotName) {
  const original = page.viewportSize();
  for (const [label, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(100);
    await assertNoHorizontalOverflow(page, `${what} at ${viewport.width} px`);
    await assertAccessible(page, `${what} at ${viewport.width} px`);
    await screenshot(page, `${shotName}-${label}`);
  }
  if (original) await page.setViewportSize(original);
}

/** A describe-step that skips the steps after the first failure (they build on each other) and screenshots pages. */
export function stepper(it, pages, prefix) {
  let broken = null;
  return function step(name, fn, timeout = 180_000) {
    it(name, { timeout }, async (t) => {
      if (broken) {
        t.skip(`skipped: "${broken}" failed`);
        return;
      }
      try {
        await fn();
      } catch (error) {
        broken = name;
        for (const [who, page] of Object.entries(pages))
          await page.screenshot({ path: path.join(SHOTS, `${prefix}-failed-${who}.png`), fullPage: true }).catch(() => {});
        throw error;
      }
    });
  };
}

/**
 * Picks in a search-as-you-type picker (SearchCombobox) inside `scope`: types `typed` into the combobox named
 * `label` and clicks the match showing `option`.
 */
export async function pickFromCombobox(scope, label, typed, option) {
  const box = scope.getByRole('combobox', { name: label });
  await box.fill(typed);
  await scope.getByRole('option').filter({ hasText: option }).first().click();
}
