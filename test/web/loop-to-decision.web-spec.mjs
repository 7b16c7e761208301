// Browser test of the web app: a recruiter builds a loop from a template, two interviewers submit through the
// scorecard form, the hiring manager watches the report update without a reload and records the decision.
//
// Runs with node's test runner against a running API + worker that serve the built web app (see run-web-tests.sh):
//   WEB_BASE_URL=http://127.0.0.1:3000 node --test test/web/loop-to-decision.web-spec.mjs
// Drives Debian's Chromium through playwright-core (no browser download). Screenshots: test/web/screenshots/.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { backdateInterview, pastWindow } from './backdate-interview.mjs';
import { checkPageAtBothWidths, pickFromCombobox } from './support.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
// playwright-core is a dev dependency of apps/web (its own npm project).
const { chromium } = createRequire(path.join(ROOT, 'apps', 'web', 'package.json'))('playwright-core');

const BASE = (process.env.WEB_BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.join(HERE, 'screenshots');
const PASSWORD = 'correct horse battery staple';
const RUN = randomUUID().slice(0, 8);
const REPORT_TIMEOUT_MS = Number(process.env.WEB_REPORT_TIMEOUT_MS ?? 90_000);
const STEP_TIMEOUT_MS = 15_000;

mkdirSync(SHOTS, { recursive: true });

// ---------------------------------------------------------------------------------------------------------------
// API helpers, for the set-up only (organization and members). Everything else goes through the UI.

async function apiCall(method, url, body, token) {
  const res = await fetch(`${BASE}/v1${url}`, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
  return json;
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

// ---------------------------------------------------------------------------------------------------------------
// State shared by the steps (they run in order; a failed step skips the rest).

const s = {
  browser: null,
  userDataDir: null,
  admin: null,
  adminPerson: null,
  people: {},
  roleId: null,
  roleTitle: `Research Scientist (ML) ${RUN}`,
  candidate: { name: `Jordan Candidate ${RUN}`, email: `jordan-${RUN}@example.test` },
  applicationId: null,
  pages: {},
};
let broken = null;
const shot = async (page, name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/** A step: skipped once an earlier one failed (they build on each other); on failure, screenshots every open page. */
function step(name, fn) {
  it(name, { timeout: REPORT_TIMEOUT_MS + 60_000 }, async (t) => {
    if (broken) {
      t.skip(`skipped: "${broken}" failed`);
      return;
    }
    try {
      await fn();
    } catch (error) {
      broken = name;
      for (const [who, page] of Object.entries(s.pages)) {
        await page.screenshot({ path: path.join(SHOTS, `failed-${who}.png`), fullPage: true }).catch(() => {});
      }
      throw error;
    }
  });
}

async function newUserPage(who) {
  const context = await s.browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-GB', timezoneId: 'UTC', bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (error) => process.stderr.write(`[${who}] page error: ${error.message}\n`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') process.stderr.write(`[${who}] console: ${msg.text()}\n`);
  });
  s.pages[who] = page;
  return page;
}

async function signIn(page, person) {
  await page.goto(`${BASE}/#/signin`);
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(person.email);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).press('Enter');
  await page.getByTestId('whoami').filter({ hasText: person.name }).waitFor();
}

/** "YYYY-MM-DDTHH:mm" in UTC, for <input type="datetime-local"> (the browser context runs in UTC). */
function localInput(date) {
  return date.toISOString().slice(0, 16);
}

const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const CODE_RE =
  /\b(strong_yes|strong_no|no_hire|insufficient_evidence|dimension_unassessed|low_rating|below_floor|below_meets|below_bar|red_flag|split_panel|meets_bar)\b/;

/** The debrief speaks in names and words: no ids, no codes; every figure a rule turns on has two decimals (or more). */
async function assertDebriefInWords(page) {
  const reasons = page.getByTestId('reasons').locator('li');
  const n = await reasons.count();
  assert.ok(n >= 1, 'the recommendation gives its reasons');
  const dimensionNames = await page
    .getByTestId('dimension-table')
    .locator('tbody th')
    .evaluateAll((cells) => cells.map((c) => c.closest('tr').getAttribute('data-dimension')));
  for (let i = 0; i < n; i++) {
    const li = reasons.nth(i);
    const [code, text] = [await li.getAttribute('data-code'), await li.innerText()];
    assert.doesNotMatch(text, UUID_RE, `reason ${code} names people, not ids: ${text}`);
    assert.doesNotMatch(text, CODE_RE, `reason ${code} is in words: ${text}`);
    if (['dimension_unassessed', 'below_floor', 'below_meets', 'low_rating'].includes(code)) {
      assert.ok(
        dimensionNames.some((name) => text.includes(name)),
        `reason ${code} names its dimension: ${text}`,
      );
    }
    for (const figure of text.match(/\b\d+\.\d+\b/g) ?? []) assert.ok(figure.split('.')[1].length >= 2, `figure ${figure} has two decimals: ${text}`);
  }
  const recommendation = await page.getByTestId('recommendation').innerText();
  assert.doesNotMatch(recommendation, UUID_RE);
  const table = await page.getByTestId('dimension-table').innerText();
  assert.match(table, /required/, 'required dimensions are marked');
  assert.match(await page.getByTestId('score-line').innerText(), /Weighted score \d+\.\d{2,}.*raw.*\d+\.\d{2,}/);
}

// ---------------------------------------------------------------------------------------------------------------

describe('web app: loop to decision', { concurrency: false }, () => {
  before(async () => {
    s.userDataDir = mkdtempSync(path.join(tmpdir(), 'hireloop-chromium-'));
    s.browser = await chromium.launch({
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
      // Playwright starts Chromium with a fresh temporary --user-data-dir of its own (it refuses one in args);
      // TMPDIR points it at ours, removed afterwards.
      env: { ...process.env, TMPDIR: s.userDataDir },
    });
  });

  after(async () => {
    await s.browser?.close().catch(() => {});
    if (s.userDataDir) rmSync(s.userDataDir, { recursive: true, force: true });
  });

  step('admin: creates the organization in the browser, confirms the e-mail from the mailbox link, and is signed in', async () => {
    const health = await fetch(`${BASE}/health`).catch(() => null);
    assert.ok(health?.ok, `the API does not answer at ${BASE}/health`);
    const admin = { email: `admin-${RUN}@example.test`, name: 'Alex Admin' };
    const page = await newUserPage('admin');
    await page.goto(`${BASE}/`);
    await page.getByRole('button', { name: 'Create an organization' }).click();
    const form = page.getByRole('form', { name: 'Create an organization' });
    await form.getByLabel('Organization name').fill(`Web test ${RUN}`);
    await form.getByLabel('Your name').fill(admin.name);
    await form.getByLabel('Email').fill(admin.email);
    await form.getByLabel('Password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Create organization' }).click();
    await page.getByTestId('check-email').filter({ hasText: admin.email }).waitFor();
    await shot(page, '00-check-your-email');

    // The mail went the way of every email (outbox → worker → SMTP) into the development mailbox.
    const link = await waitForMailLink(admin.email, /\/verify-email\?token=/);
    await page.goto(link);
    await page.getByTestId('whoami').filter({ hasText: admin.name }).waitFor();

    // The session is an httpOnly cookie: nothing in localStorage, nothing a script can read but the CSRF token.
    const [storage, scriptCookies] = await page.evaluate(() => [JSON.stringify({ ...localStorage, ...sessionStorage }), document.cookie]);
    assert.doesNotMatch(storage, /eyJ|token/i, `no token in web storage: ${storage}`);
    assert.doesNotMatch(scriptCookies, /hireloop_session/, 'the session cookie is out of reach of scripts');
    assert.match(scriptCookies, /hireloop_csrf=/);
    const session = (await page.context().cookies()).find((c) => c.name === 'hireloop_session');
    assert.ok(session?.httpOnly && session.sameSite === 'Lax', `session cookie httpOnly and SameSite=Lax: ${JSON.stringify(session)}`);

    // Signing out ends it: a reload lands on the sign-in form, and the old cookie value no longer works.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    const stale = await fetch(`${BASE}/v1/me`, { headers: { cookie: `hireloop_session=${session.value}` } });
    assert.equal(stale.status, 401);
    await page.reload();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    s.adminPerson = admin;
  });

  step('a sign-up confirmed in another browser asks for the password chosen at sign-up', async () => {
    // Signed up by a client that keeps no cookie, as if someone else had used this address: the link alone does not
    // finish it in a browser that did not sign up; the password chosen at sign-up does.
    const person = { email: `elsewhere-${RUN}@example.test`, name: 'Elliot Elsewhere' };
    const signup = await fetch(`${BASE}/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organizationName: `Elsewhere ${RUN}`, name: person.name, email: person.email, password: PASSWORD }),
    });
    assert.equal(signup.status, 202);
    const link = await waitForMailLink(person.email, /\/verify-email\?token=/);
    const page = await newUserPage('elsewhere');
    await page.goto(link);
    const form = page.getByRole('form', { name: 'Confirm with your password' });
    await form.waitFor();
    await form.getByLabel('Password chosen at sign-up').fill('not the password');
    await form.getByRole('button', { name: 'Confirm and sign in' }).click();
    await form
      .getByTestId('problem')
      .filter({ hasText: /not the password chosen at sign-up/i })
      .waitFor();
    await form.getByLabel('Password chosen at sign-up').fill(PASSWORD);
    await form.getByRole('button', { name: 'Confirm and sign in' }).click();
    await page.getByTestId('whoami').filter({ hasText: person.name }).waitFor();
  });

  step('set-up: a recruiter, a hiring manager and two interviewers (through the API)', async () => {
    const login = await apiCall('POST', '/auth/login', { email: s.adminPerson.email, password: PASSWORD });
    s.admin = { token: login.accessToken };
    const invite = async (key, name, roles) => {
      const email = `${key}-${RUN}@example.test`;
      const res = await apiCall('POST', '/members', { email, name, roles }, s.admin.token);
      await apiCall('POST', '/auth/accept-invite', { token: res.inviteToken, password: PASSWORD });
      s.people[key] = { id: res.member.id, email, name };
    };
    await invite('recruiter', 'Riley Recruiter', ['recruiter']);
    await invite('manager', 'Harper Manager', ['hiring_manager']);
    await invite('alice', 'Alice Interviewer', ['interviewer']);
    await invite('bob', 'Bob Interviewer', ['interviewer']);
  });

  step('sign-in page: a wrong password is answered next to the form', async () => {
    const page = await newUserPage('recruiter');
    await page.goto(`${BASE}/`);
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    await shot(page, '01-sign-in');
    await checkPageAtBothWidths(page, 'the sign-in page', 'a11y-sign-in');
    assert.equal(await page.title(), 'Sign in · hireloop');
    // The e-mail confirmation page with a link that does not work: the problem in words, nothing else to do.
    await page.goto(`${BASE}/#/verify-email?token=not-a-real-token`);
    await page.getByTestId('problem').waitFor();
    await checkPageAtBothWidths(page, 'the e-mail confirmation page (a bad link)', 'a11y-verify-email');
    await page.goto(`${BASE}/`);
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Email').fill(s.people.recruiter.email);
    await form.getByLabel('Password').fill('not the password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('problem').waitFor();
    await signIn(page, s.people.recruiter);
  });

  step('recruiter: creates a role from a template', async () => {
    const page = s.pages.recruiter;
    await page.getByRole('link', { name: 'Roles' }).click();
    const form = page.getByRole('form', { name: 'Create a role from a template' });
    const template = form.getByLabel('Template');
    await template.locator('option[value="research-scientist-ml"]').waitFor({ state: 'attached' });
    await template.selectOption('research-scientist-ml');
    await form.getByLabel('Title (optional)').fill(s.roleTitle);
    await shot(page, '02-roles-from-template');
    await form.getByRole('button', { name: 'Create from template' }).click();
    await page.getByTestId('role-title').filter({ hasText: s.roleTitle }).waitFor();
    s.roleId = page.url().split('/roles/')[1];
    assert.match(s.roleId, /^[0-9a-f-]{36}$/);
    await assert.doesNotReject(
      page.getByTestId('weight-sum').and(page.locator('[data-state="ok"]')).waitFor(),
      'weights of the template sum to 100%',
    );
    await shot(page, '03-loop-builder');
  });

  step('recruiter: opening without a hiring manager shows the error next to the hiring-manager field', async () => {
    const page = s.pages.recruiter;
    await page.getByTestId('open-role').click();
    const error = page.locator('[data-field="hiringManagerId"] [data-testid="field-error"]');
    await error.waitFor();
    assert.match(await error.innerText(), /hiring manager/i);
    assert.equal(await page.getByLabel('Hiring manager').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByTestId('role-status').innerText(), 'Draft');
    await shot(page, '04-open-blocked');
  });

  step('recruiter: the weights indicator follows the inputs live', async () => {
    const page = s.pages.recruiter;
    const weights = page.getByTestId('weights-table');
    const first = weights.locator('input').first();
    const before = await first.inputValue();
    await first.fill(String(Number(before) + 5));
    const indicator = page.getByTestId('weight-sum');
    await page.locator('[data-testid="weight-sum"][data-state="over"]').waitFor();
    assert.match(await indicator.innerText(), /105% — 5% too much/);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.locator('[data-testid="weight-sum"][data-state="ok"]').waitFor();
  });

  step("recruiter: the rating-scale picker shows each scale's levels; a picked scale shows its anchor fields and what is missing", async () => {
    const page = s.pages.recruiter;
    const picker = page.getByTestId('scale-picker');
    const four = picker.getByRole('radio', { name: /^4 points/ });
    assert.equal(await four.isChecked(), true, 'a template role rates on 4 points');
    const text = await picker.innerText();
    for (const label of ['Strong evidence against', 'Strong evidence for', 'Far below the bar', 'Far above the bar', 'Below · 2 Meets · 3 Exceeds']) {
      assert.ok(text.includes(label), `the picker shows "${label}"`);
    }
    const editor = page.getByTestId('dimension-editor').first();
    await editor.locator('summary').click();
    await editor.locator('[data-testid="rubric-fields"][data-levels="4"]').waitFor();
    assert.equal(await editor.getByLabel('5 — Far above the bar').count(), 0, 'no fifth anchor on 4 points');
    await picker.getByRole('radio', { name: /^5 points/ }).check();
    const note = page.getByTestId('scale-switch-note');
    await note.waitFor();
    assert.match(await note.innerText(), /level 5/, 'names the dimensions still missing the fifth anchor');
    await editor.getByLabel('5 — Far above the bar').waitFor();
    await shot(page, '03b-scale-picker-five-points');
    await picker.getByRole('radio', { name: /^3 levels/ }).check();
    await editor.locator('[data-testid="rubric-fields"][data-levels="3"]').waitFor();
    await editor.getByLabel('2 — Meets').waitFor();
    await four.check();
    await note.waitFor({ state: 'detached' });
    await editor.locator('[data-testid="rubric-fields"][data-levels="4"]').waitFor();
  });

  step('recruiter: a dimension\'s "required" flag is saved and shown', async () => {
    const page = s.pages.recruiter;
    const editor = page.getByTestId('dimension-editor').first();
    const required = editor.getByRole('checkbox', { name: /^Required/ });
    assert.equal(await required.isChecked(), true, 'dimensions are required by default');
    await required.uncheck();
    await editor.getByRole('button', { name: 'Save dimension' }).click();
    await editor.getByTestId('dimension-required').filter({ hasText: 'optional' }).waitFor();
    let role = await apiCall('GET', `/roles/${s.roleId}`, undefined, s.admin.token);
    assert.equal(role.dimensions[0].required, false);
    await shot(page, '03c-dimension-optional');
    await required.check();
    await editor.getByRole('button', { name: 'Save dimension' }).click();
    await editor.getByTestId('dimension-required').filter({ hasText: 'required' }).waitFor();
    role = await apiCall('GET', `/roles/${s.roleId}`, undefined, s.admin.token);
    assert.equal(role.dimensions[0].required, true);
    await editor.locator('summary').click();
  });

  step("recruiter: the coverage grid toggles a round's focus and flags a dimension only one round assesses", async () => {
    const page = s.pages.recruiter;
    const grid = page.getByTestId('coverage-grid');
    const row = grid.locator('tbody tr[data-state="covered"]').first();
    const dimension = await row.getAttribute('data-dimension');
    const cell = row.locator('button.coverage-cell[aria-pressed="true"]').first();
    const label = await cell.getAttribute('aria-label');
    await cell.click();
    await grid.getByRole('button', { name: label, pressed: false }).waitFor();
    await grid.locator(`tbody tr[data-state="single"][data-dimension="${dimension}"]`).waitFor();
    await page
      .getByTestId('readiness')
      .getByText(/assessed only in round/)
      .first()
      .waitFor();
    await shot(page, '04b-coverage-single-round');
    // Keyboard: focus the same cell and toggle it back with Space.
    await grid.getByRole('button', { name: label }).focus();
    await page.keyboard.press('Space');
    await grid.getByRole('button', { name: label, pressed: true }).waitFor();
    await grid.locator(`tbody tr[data-state="covered"][data-dimension="${dimension}"]`).waitFor();
    const states = await grid.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')));
    assert.ok(states.length >= 3 && states.every((x) => x === 'covered' || x === 'single'), `every dimension is assessed: ${states}`);
  });

  step('recruiter: sets the hiring manager and the hire policy, then opens the role', async () => {
    const page = s.pages.recruiter;
    await pickFromCombobox(page, 'Hiring manager', s.people.manager.name.split(' ')[0], s.people.manager.name);
    await page.getByText('Hire policy').click();
    await page.getByLabel('Minimum interviewers').fill('2');
    await page.getByLabel('Every required dimension must meet the bar').check();
    await page.getByTestId('save-role').click();
    await page.getByTestId('save-role').filter({ hasText: 'Saved' }).waitFor();
    const saved = await apiCall('GET', `/roles/${s.roleId}`, undefined, s.admin.token);
    assert.equal(saved.hirePolicy.everyDimensionMeets, true);
    assert.equal(saved.ratingScale, 'four_point');
    await page.getByTestId('open-role').click();
    await page.getByTestId('role-status').filter({ hasText: 'Open' }).waitFor();
    await page.locator('[data-field="hiringManagerId"] [data-testid="field-error"]').waitFor({ state: 'detached' });
    await shot(page, '05-role-open');
  });

  step('recruiter: adds a candidate, applies them to the role and schedules two interviews', async () => {
    const page = s.pages.recruiter;
    await page.getByRole('link', { name: 'Candidates' }).click();
    const add = page.getByRole('form', { name: 'Add a candidate' });
    await add.getByLabel('Name').fill(s.candidate.name);
    await add.getByLabel('Email').fill(s.candidate.email);
    await add.getByLabel('Source (optional)').fill('referral');
    await add.getByRole('button', { name: 'Add candidate' }).click();
    await add.getByRole('status').filter({ hasText: 'added' }).waitFor();
    // The picker searches the server for the candidate (however many there are), then offers the matches.
    await page.getByTestId('apply-candidate-search').fill(s.candidate.email);
    await page.getByRole('search', { name: 'Find the candidate by name or email' }).getByRole('button', { name: 'Search' }).click();
    const apply = page.getByRole('form', { name: 'Add a candidate to a role' });
    const candidateSelect = apply.getByLabel('Candidate');
    await candidateSelect.locator('option', { hasText: s.candidate.name }).waitFor({ state: 'attached' });
    await candidateSelect.selectOption({ label: `${s.candidate.name} (${s.candidate.email})` });
    await pickFromCombobox(apply, 'Open role', s.roleTitle, s.roleTitle);
    await shot(page, '06-candidates');
    await checkPageAtBothWidths(page, 'the candidates page', 'a11y-candidates');
    await apply.getByRole('button', { name: 'Create application' }).click();
    await page.getByTestId('application-title').filter({ hasText: s.candidate.name }).waitFor();
    s.applicationId = page.url().split('/applications/')[1];

    // Two rounds that together cover the most weight, each held by one interviewer a few hours ago.
    const role = await apiCall('GET', `/roles/${s.roleId}`, undefined, s.admin.token);
    const weightOf = new Map(role.dimensions.map((d) => [d.id, d.weight]));
    let rounds = [role.rounds[0], role.rounds[1]];
    let best = -1;
    for (const a of role.rounds) {
      for (const b of role.rounds) {
        if (a.id === b.id) continue;
        const covered = new Set([...a.focusDimensionIds, ...b.focusDimensionIds]);
        const weight = [...covered].reduce((sum, id) => sum + (weightOf.get(id) ?? 0), 0);
        if (weight > best) [best, rounds] = [weight, [a, b]];
      }
    }
    s.rounds = rounds;
    const schedule = page.getByRole('form', { name: 'Schedule an interview' });
    const plan = [
      { round: rounds[0], who: s.people.alice, hoursAgo: 4 },
      { round: rounds[1], who: s.people.bob, hoursAgo: 2 },
    ];
    // The form offers no past start (min = now); the interviews are scheduled ahead and then moved back in the
    // database, as if they had taken place (the API refuses a start in the past).
    const min = await schedule.getByLabel('Starts').getAttribute('min');
    assert.ok(
      min && min <= localInput(new Date(Date.now() + 60_000)) && min >= localInput(new Date(Date.now() - 5 * 60_000)),
      `the start's min is now: ${min}`,
    );
    for (const [n, { round, who }] of plan.entries()) {
      await schedule.getByLabel('Round').selectOption(round.id);
      await pickFromCombobox(schedule, 'Add an interviewer', who.name, who.name);
      await schedule.getByLabel('Starts').fill(localInput(new Date(Date.now() + (24 + n * 2) * 3600_000)));
      await schedule.getByLabel('Minutes').fill('60');
      await schedule.getByRole('button', { name: 'Schedule' }).click();
      await schedule.getByRole('status').filter({ hasText: 'scheduled' }).waitFor();
    }
    await page.getByTestId('interviews-table').locator('tbody tr').nth(1).waitFor();
    await checkPageAtBothWidths(page, 'the application page', 'a11y-application');
    const detail = await apiCall('GET', `/applications/${s.applicationId}`, undefined, s.admin.token);
    for (const { round, hoursAgo } of plan) {
      const interview = detail.interviews.find((i) => i.round.id === round.id);
      await backdateInterview(interview.id, pastWindow(hoursAgo - 1));
    }
    await page.reload();
    await page.getByTestId('interviews-table').locator('tbody tr').nth(1).waitFor();
    await shot(page, '07-application-scheduled');
  });

  /** One interviewer fills the scorecard through the form: a rubric anchor per dimension, evidence, signals. */
  async function fillScorecard(page, { rating, recommendation, evidence }) {
    const sections = page.getByTestId('scorecard-dimension');
    const n = await sections.count();
    assert.ok(n >= 1, 'the kit lists focus dimensions');
    for (let i = 0; i < n; i++) {
      const section = sections.nth(i);
      await section.locator(`input[type="radio"][value="${rating}"]`).check();
      await section.getByLabel(/^Evidence for/).fill(evidence(i));
      const signal = section.locator('.checks--signals input[type="checkbox"]').first();
      if ((await signal.count()) > 0 && rating >= 3) await signal.check();
    }
    await page.getByRole('radio', { name: recommendation, exact: true }).check();
    return n;
  }

  step('interviewer Alice: sees the interview awaiting feedback and its kit; feedback is blind', async () => {
    const page = await newUserPage('alice');
    await signIn(page, s.people.alice);
    const awaiting = page.getByTestId('awaiting-feedback');
    await awaiting.getByText(s.candidate.name).waitFor();
    await shot(page, '08-my-interviews');
    await awaiting
      .getByRole('link', { name: /Write feedback/ })
      .first()
      .click();
    await page.getByTestId('interview-kit').waitFor();
    await page.getByTestId('feedback-blind').waitFor();
  });

  step('interviewer Alice: the draft autosaves; a too-short evidence is reported next to that evidence box', async () => {
    const page = s.pages.alice;
    await fillScorecard(page, {
      rating: 4,
      recommendation: 'Strong hire',
      evidence: (i) =>
        i === 0 ? 'Too short.' : `Dimension ${i}: derived the estimator, named its bias, and proposed a held-out check before shipping it.`,
    });
    await page.locator('[data-testid="autosave-status"][data-state="saved"]').waitFor();
    await page.getByTestId('submit-scorecard').click();
    const first = page.getByTestId('scorecard-dimension').first();
    const error = first.locator('[data-testid="field-error"]');
    await error.waitFor();
    assert.match(await error.innerText(), /evidence/i);
    assert.equal(await first.getByLabel(/^Evidence for/).getAttribute('aria-invalid'), 'true');
    await shot(page, '09-scorecard-error');
  });

  step('interviewer Alice: fixes the evidence and submits; the panel feedback unlocks', async () => {
    const page = s.pages.alice;
    const first = page.getByTestId('scorecard-dimension').first();
    await first
      .getByLabel(/^Evidence for/)
      .fill('Framed the fraud problem as cost-sensitive ranking, chose precision at k as the metric and explained why.');
    await page.getByTestId('submit-scorecard').click();
    await page.getByTestId('scorecard-submitted').waitFor();
    await page.getByTestId('panel-feedback').getByText('No other feedback yet').waitFor();
    await shot(page, '10-scorecard-submitted');
  });

  step('hiring manager: opens the debrief and sees the first report', async () => {
    const page = await newUserPage('manager');
    await signIn(page, s.people.manager);
    await page.getByRole('link', { name: 'Debriefs' }).click();
    // The list shows how much feedback is in and what the report recommends.
    const row = page.getByTestId('debriefs-table').locator('tbody tr').filter({ hasText: s.candidate.name });
    await row.getByTestId('debrief-feedback').filter({ hasText: '1 of 2 scorecards' }).waitFor({ timeout: REPORT_TIMEOUT_MS });
    await row
      .getByTestId('debrief-recommendation')
      .filter({ hasText: /Hire|No hire|Inconclusive/ })
      .waitFor({ timeout: REPORT_TIMEOUT_MS });
    assert.equal(await page.title(), 'Debriefs · hireloop');
    await checkPageAtBothWidths(page, 'the debriefs list', 'a11y-debriefs');
    await page.getByRole('link', { name: `Open debrief for ${s.candidate.name}, ${s.roleTitle}` }).click();
    await page.locator('[data-testid="debrief"][data-status="current"]').waitFor({ timeout: REPORT_TIMEOUT_MS });
    await page.getByTestId('recommendation').waitFor();
    assert.match(await page.getByTestId('report-status').innerText(), /version 1/);
    await shot(page, '11-debrief-first-report');
    await checkPageAtBothWidths(page, 'the debrief (hiring manager, decision form)', 'a11y-debrief');
  });

  step("interviewer Bob: submits through the form and then reads Alice's feedback", async () => {
    const page = await newUserPage('bob');
    await signIn(page, s.people.bob);
    await page
      .getByTestId('awaiting-feedback')
      .getByRole('link', { name: /Write feedback/ })
      .first()
      .click();
    await page.getByTestId('interview-kit').waitFor();
    await shot(page, '12-interview-kit');
    await fillScorecard(page, {
      rating: 4,
      recommendation: 'Strong hire',
      evidence: (i) => `Point ${i + 1}: walked through the attention derivation and the regularisation trade-offs with a worked example.`,
    });
    await page.getByTestId('submit-scorecard').click();
    await page.getByTestId('scorecard-submitted').waitFor();
    await page.getByTestId('panel-feedback').getByTestId('scorecard-view').filter({ hasText: s.people.alice.name }).waitFor();
    await shot(page, '13-panel-feedback');
  });

  step('hiring manager: the debrief updates to the new report without a reload', async () => {
    const page = s.pages.manager;
    const urlBefore = page.url();
    const navigations = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
    // The page polls: "still computing" while the worker catches up, then the second version.
    await page
      .getByTestId('report-status')
      .filter({ hasText: /version 2 .*up to date/ })
      .waitFor({ timeout: REPORT_TIMEOUT_MS });
    // Which calibration method computed it (a deploy that changes the method recomputes open debriefs).
    assert.match(await page.getByTestId('report-status').innerText(), /with calibration method \d+\.\d+\.\d+ · up to date/);
    assert.equal(page.url(), urlBefore);
    assert.deepEqual(navigations, [], 'no reload');
    const dots = await page.getByTestId('dimension-chart').locator('circle').count();
    assert.ok(dots >= 4, `each interviewer's ratings are dots on the chart (${dots})`);
    assert.equal(await page.getByTestId('scorecard-view').count(), 2);
    await page.getByTestId('score-chart').waitFor();
    await assertDebriefInWords(page);
    await shot(page, '14-debrief');
  });

  step('recruiter: reads the debrief in words but is not offered the decision form', async () => {
    const page = s.pages.recruiter;
    await page.goto(`${BASE}/#/applications/${s.applicationId}/debrief`);
    await page.getByTestId('recommendation').waitFor({ timeout: REPORT_TIMEOUT_MS });
    await page.getByTestId('decision-not-yours').waitFor();
    assert.equal(await page.getByTestId('decision-form').count(), 0, 'no decision form for a recruiter');
    await page.getByTestId('decision-not-yours').filter({ hasText: s.people.manager.name }).waitFor();
    await assertDebriefInWords(page);
    await shot(page, '14b-debrief-recruiter');
  });

  step('interviewer Alice: reads the panel, then amends a rating; the debrief marks it with before → after', async () => {
    const page = s.pages.alice;
    await page.reload();
    await page
      .getByTestId('panel-feedback')
      .getByTestId('scorecard-view')
      .filter({ hasText: s.people.bob.name })
      .waitFor({ timeout: REPORT_TIMEOUT_MS });
    const panelText = await page.getByTestId('panel-feedback').innerText();
    assert.doesNotMatch(panelText, UUID_RE, 'no ids in the panel feedback');
    await page.getByRole('button', { name: 'Amend my scorecard' }).click();
    const first = page.getByTestId('scorecard-dimension').first();
    const dimension = await first.getAttribute('data-dimension');
    await first.locator('input[type="radio"][value="3"]').check();
    await page.getByLabel('Reason for the amendment').fill('On reflection the derivation needed a hint; 3 is fairer.');
    await page.getByTestId('submit-scorecard').click();
    await page.getByTestId('scorecard-submitted').waitFor();

    const manager = s.pages.manager;
    await manager
      .getByTestId('report-status')
      .filter({ hasText: /version 3 .*up to date/ })
      .waitFor({ timeout: REPORT_TIMEOUT_MS });
    const card = manager.getByTestId('scorecard-view').filter({ hasText: s.people.alice.name });
    await card.getByTestId('amended-after-panel').first().waitFor();
    const change = card.getByTestId('amendment-change').filter({ hasText: dimension });
    await change.waitFor();
    assert.match(await change.innerText(), /4 \(Strong evidence for\) → 3 \(Evidence for\)/);
    await assertDebriefInWords(manager);
    await shot(manager, '14c-debrief-amended-after-panel');
  });

  step('hiring manager: records the decision (override reason asked for when it goes against the report)', async () => {
    const page = s.pages.manager;
    const recommendation = (await page.getByTestId('recommendation-value').innerText()).trim();
    const form = page.getByTestId('decision-form');
    // Decide against a clear recommendation to see the override reason required; follow it otherwise.
    const against = recommendation === 'Hire' ? 'No hire' : 'Hire';
    await form.getByRole('radio', { name: new RegExp(`^${against}`) }).check();
    const override = form.getByLabel(/Override reason/);
    if (recommendation === 'Inconclusive') assert.equal(await override.count(), 0, 'no override reason for an inconclusive report');
    else await override.waitFor();
    await form.getByLabel('Rationale').fill('Decided in the debrief meeting with the whole panel, after reading every scorecard.');
    await shot(page, '15-decision-form');
    if (recommendation !== 'Inconclusive') {
      // Without the reason, the API's error appears next to the field.
      await form.getByTestId('record-decision').click();
      await form
        .locator('[data-testid="field-error"]')
        .filter({ hasText: /override/i })
        .waitFor();
      await override.fill('The panel was thin on coding; a follow-up will settle it before the offer.');
    }
    // The report went stale meanwhile (simulated: the first POST answers the API's 409 report_stale): the page
    // explains it and offers to wait/refresh or to decide on this version with a reason.
    const version = Number((await page.getByTestId('report-status').innerText()).match(/version (\d+)/)[1]);
    let posts = 0;
    let acknowledged = null;
    await page.route('**/v1/applications/*/decision', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posts += 1;
      if (posts === 1) {
        return route.fulfill({
          status: 409,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'about:blank',
            title: 'Conflict',
            status: 409,
            code: 'report_stale',
            detail: 'The latest report does not cover every submitted scorecard revision.',
          }),
        });
      }
      acknowledged = route.request().postDataJSON();
      return route.continue();
    });
    await form.getByTestId('record-decision').click();
    const stale = form.getByTestId('report-stale');
    await stale.waitFor();
    assert.match(await stale.innerText(), new RegExp(`Version ${version} does not yet include every submitted scorecard`));
    await stale.getByTestId('refresh-report').waitFor();
    await shot(page, '15b-decision-report-stale');
    await stale
      .getByLabel(/Why decide before the report is up to date/)
      .fill('The candidate has another offer expiring today; the panel agreed in the meeting.');
    await stale.getByTestId('decide-on-stale').click();
    await page.getByTestId('decision-recorded').waitFor();
    await page.unroute('**/v1/applications/*/decision');
    assert.equal(acknowledged?.acknowledgeStale, true);
    assert.match(acknowledged?.staleReason ?? '', /another offer/);
    const recorded = await page.getByTestId('decision-recorded').innerText();
    assert.match(recorded, new RegExp(`Decision: ${against}`));
    assert.match(await page.getByTestId('decision-report-version').innerText(), new RegExp(`on report version ${version}`));
    await shot(page, '16-decision-recorded');
  });

  step("calibration: an interviewer against the organization, and the role's reliability", async () => {
    const page = s.pages.manager;
    await page.goto(`${BASE}/#/calibration/interviewers/${s.people.alice.id}`);
    await page.getByTestId('leniency-offset').waitFor();
    await page.getByTestId('distribution-chart').waitFor();
    await shot(page, '17-interviewer-calibration');
    await checkPageAtBothWidths(page, "an interviewer's calibration", 'a11y-interviewer-calibration');
    await page.goto(`${BASE}/#/calibration/roles/${s.roleId}`);
    await page.getByTestId('reliability-table').waitFor();
    await shot(page, '18-role-calibration');
    await checkPageAtBothWidths(page, "a role's calibration with ratings", 'a11y-role-calibration');
  });
});
