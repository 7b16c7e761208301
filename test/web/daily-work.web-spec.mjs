// Browser test of each group's daily work (issue 19): a recruiter finds candidate #1,010 by searching (the list
// says how many there are), applies them through the picker, and nudges an interviewer from the debrief; the
// interviewer sees the overdue interview and the nudge in the inbox (badge), submits, and finds the interview under
// Completed; the role builder, the debrief and the lists fit a 390 px wide screen without horizontal scrolling.
//
// Runs like loop-to-decision.web-spec.mjs (see run-web-tests.sh):
//   WEB_BASE_URL=http://127.0.0.1:3000 node --test test/web/daily-work.web-spec.mjs
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
const CANDIDATES = 1010;

mkdirSync(SHOTS, { recursive: true });

async function apiCall(method, url, body, token, attempt = 1) {
  const res = await fetch(`${BASE}/v1${url}`, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  // A loaded test machine may briefly answer 503 (pool busy); the set-up waits and tries again.
  if (res.status === 503 && attempt < 6) {
    await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    return apiCall(method, url, body, token, attempt + 1);
  }
  const json = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
  return json;
}

const s = { browser: null, userDataDir: null, admin: null, people: {}, roleId: null, roleTitle: `Platform Engineer ${RUN}`, first: null, applicationId: null, interviewId: null, pages: {} };
let broken = null;
const shot = async (page, name) => page.screenshot({ path: path.join(SHOTS, `daily-${name}.png`), fullPage: true });

function step(name, fn) {
  it(name, { timeout: 180_000 }, async (t) => {
    if (broken) {
      t.skip(`skipped: "${broken}" failed`);
      return;
    }
    try {
      await fn();
    } catch (error) {
      broken = name;
      for (const [who, page] of Object.entries(s.pages)) await page.screenshot({ path: path.join(SHOTS, `daily-failed-${who}.png`), fullPage: true }).catch(() => {});
      throw error;
    }
  });
}

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

async function newUserPage(who, viewport = { width: 1360, height: 900 }) {
  const context = await s.browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'UTC' });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (error) => process.stderr.write(`[${who}] page error: ${error.message}\n`));
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

/** Nothing wider than the viewport: the page never scrolls sideways (tables scroll inside their own box). */
async function assertNoHorizontalOverflow(page, what) {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    // The elements that stick out, deepest first: what to fix when the page is too wide.
    const out = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && ![...el.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 1));
    const name = (el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (${Math.round(el.getBoundingClientRect().right)} px)`;
    // …and the outermost: the container that grew wider than the screen.
    const outer = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().width > window.innerWidth + 1 && el.parentElement && el.parentElement.getBoundingClientRect().width <= window.innerWidth + 1);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, widest: [...outer.slice(0, 3), ...out.slice(0, 3)].map(name) };
  });
  assert.ok(scrollWidth <= innerWidth, `${what} is ${scrollWidth} px wide on a ${innerWidth} px screen: ${widest.join(', ')}`);
}

describe('web app: daily work (inbox, nudges, search and paging, completed, 390 px)', { concurrency: false }, () => {
  before(async () => {
    s.userDataDir = mkdtempSync(path.join(tmpdir(), 'hireloop-chromium-'));
    s.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
      env: { ...process.env, TMPDIR: s.userDataDir },
    });
  });

  after(async () => {
    await s.browser?.close().catch(() => {});
    if (s.userDataDir) rmSync(s.userDataDir, { recursive: true, force: true });
  });

  step(`set-up: members, an open role, ${CANDIDATES} candidates and an interview that ended 30 hours ago (through the API)`, async () => {
    const signup = await apiCall('POST', '/auth/signup', { organizationName: `Daily work ${RUN}`, name: 'Alex Admin', email: `daily-admin-${RUN}@example.test`, password: PASSWORD });
    // Signup is confirmed from the link the development mailbox received (SIGNUP_EMAIL_VERIFICATION, the default).
    const adminEmail = `daily-admin-${RUN}@example.test`;
    s.admin = {
      token: signup?.accessToken ?? (await apiCall('POST', '/auth/verify-email', { token: new URL(await waitForMailLink(adminEmail, /\/verify-email\?token=/)).searchParams.get('token') })).accessToken,
    };
    const invite = async (key, name, roles) => {
      const email = `daily-${key}-${RUN}@example.test`;
      const res = await apiCall('POST', '/members', { email, name, roles }, s.admin.token);
      const accepted = await apiCall('POST', '/auth/accept-invite', { token: res.inviteToken, password: PASSWORD });
      s.people[key] = { id: res.member.id, email, name, token: accepted.accessToken };
    };
    await invite('recruiter', 'Riley Recruiter', ['recruiter']);
    await invite('manager', 'Harper Manager', ['hiring_manager']);
    await invite('alice', 'Alice Interviewer', ['interviewer']);

    const role = await apiCall('POST', '/roles/from-template', { templateKey: 'research-scientist-ml', title: s.roleTitle, hiringManagerId: s.people.manager.id }, s.admin.token);
    s.roleId = role.id;
    await apiCall('POST', `/roles/${s.roleId}/open`, {}, s.admin.token);

    // The first candidate is the oldest: the 1,010th on a newest-first list.
    s.first = { name: `Quinn Firstcomer ${RUN}`, email: `quinn-${RUN}@example.test` };
    await apiCall('POST', '/candidates', s.first, s.admin.token);
    for (let i = 2; i <= CANDIDATES; i += 10) {
      const batch = [];
      for (let j = i; j < Math.min(i + 10, CANDIDATES + 1); j++) batch.push(apiCall('POST', '/candidates', { name: `Candidate ${String(j).padStart(4, '0')} ${RUN}`, email: `c${j}-${RUN}@example.test` }, s.admin.token));
      await Promise.all(batch);
    }
  });

  step('recruiter: the Candidates page says how many there are, finds candidate #1,010 by search and applies them through the picker', async () => {
    const page = await newUserPage('recruiter');
    await signIn(page, s.people.recruiter);
    await page.getByRole('link', { name: 'Candidates' }).click();
    const showing = page.getByTestId('candidates-showing');
    await showing.filter({ hasText: `of ${CANDIDATES.toLocaleString('en-US')} candidates` }).waitFor();
    assert.match(await showing.innerText(), /^Showing 1–25 of 1,010 candidates$/);
    await page.getByRole('button', { name: 'Next' }).click();
    await showing.filter({ hasText: 'Showing 26–50 of 1,010' }).waitFor();
    await page.getByRole('button', { name: 'Previous' }).click();
    await showing.filter({ hasText: 'Showing 1–25 of 1,010' }).waitFor();

    await page.getByTestId('candidates-search').fill('Quinn Firstcomer');
    await page.getByTestId('candidates-search').press('Enter');
    await showing.filter({ hasText: 'Showing 1–1 of 1 candidates' }).waitFor();
    await page.getByTestId('candidates-table').getByText(s.first.name).waitFor();

    await page.getByTestId('apply-candidate-search').fill(s.first.email);
    await page.getByTestId('apply-candidate-search').press('Enter');
    const apply = page.getByRole('form', { name: 'Add a candidate to a role' });
    await apply.getByLabel('Candidate').locator('option', { hasText: s.first.name }).waitFor({ state: 'attached' });
    await apply.getByLabel('Candidate').selectOption({ label: `${s.first.name} (${s.first.email})` });
    await apply.getByLabel('Open role').selectOption({ label: s.roleTitle });
    await shot(page, '01-candidates-search');
    await apply.getByRole('button', { name: 'Create application' }).click();
    await page.getByTestId('application-title').filter({ hasText: s.first.name }).waitFor();
    s.applicationId = page.url().split('/applications/')[1];

    const role = await apiCall('GET', `/roles/${s.roleId}`, undefined, s.admin.token);
    s.round = role.rounds[0];
    const endsAt = new Date(Date.now() - 30 * 3600_000);
    const interview = await apiCall(
      'POST',
      `/applications/${s.applicationId}/interviews`,
      { roundId: s.round.id, interviewerIds: [s.people.alice.id], startsAt: new Date(endsAt.getTime() - 3600_000).toISOString(), endsAt: endsAt.toISOString() },
      s.people.recruiter.token,
    );
    s.interviewId = interview.id;
  });

  step("recruiter: nudges Alice from the debrief's still-waiting list; a second nudge is refused in words", async () => {
    const page = s.pages.recruiter;
    await page.goto(`${BASE}/#/applications/${s.applicationId}/debrief`);
    const waiting = page.getByTestId('debrief-awaiting');
    await waiting.getByText(s.people.alice.name).waitFor();
    await waiting.getByRole('button', { name: `Nudge ${s.people.alice.name} for feedback` }).click();
    await waiting.getByTestId('nudge-sent').filter({ hasText: `Asked ${s.people.alice.name} for feedback` }).waitFor();
    await shot(page, '02-debrief-nudged');
    // The decision form is not offered to a recruiter; the page says who decides.
    await page.getByTestId('decision-not-yours').filter({ hasText: 'Harper Manager' }).waitFor();
    assert.equal(await page.getByRole('button', { name: /Record decision/i }).count(), 0);
    await page.reload();
    await waiting.getByRole('button', { name: `Nudge ${s.people.alice.name} for feedback` }).click();
    const error = waiting.getByTestId('nudge-error');
    await error.waitFor();
    assert.match(await error.innerText(), /Alice Interviewer was asked for feedback less than 12 hours ago/);
  });

  step('recruiter: scheduling Alice over her own booking warns of the double booking; "Schedule anyway" books it; the stage moves', async () => {
    const page = s.pages.recruiter;
    const start = new Date(Math.ceil(Date.now() / 3600_000) * 3600_000 + 48 * 3600_000);
    await apiCall(
      'POST',
      `/applications/${s.applicationId}/interviews`,
      { roundId: s.round.id, interviewerIds: [s.people.alice.id], startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3600_000).toISOString() },
      s.people.recruiter.token,
    );
    await page.goto(`${BASE}/#/applications/${s.applicationId}`);
    const schedule = page.getByRole('form', { name: 'Schedule an interview' });
    await schedule.getByLabel('Round').selectOption(s.round.id);
    await schedule.getByRole('checkbox', { name: s.people.alice.name }).check();
    await schedule.getByLabel('Starts').fill(new Date(start.getTime() + 30 * 60_000).toISOString().slice(0, 16));
    await schedule.getByLabel('Minutes').fill('60');
    await schedule.getByRole('button', { name: 'Schedule', exact: true }).click();
    const warning = schedule.getByTestId('conflict-warning');
    await warning.waitFor();
    assert.match(await warning.innerText(), /Alice Interviewer is already booked/);
    await shot(page, '02b-double-booking');
    await warning.getByRole('button', { name: 'Schedule anyway' }).click();
    await schedule.getByRole('status').filter({ hasText: 'scheduled' }).waitFor();
    await page.getByTestId('interviews-table').locator('tbody tr').nth(2).waitFor();
    assert.match(await page.getByTestId('interviews-table').locator('thead').innerText(), /UTC/, 'times say their time zone');

    const pipeline = page.getByTestId('pipeline');
    await pipeline.getByRole('textbox', { name: 'Stage' }).fill('Onsite');
    await pipeline.getByRole('button', { name: 'Save stage' }).click();
    await pipeline.getByRole('status').filter({ hasText: 'Stage saved' }).waitFor();
    await page.locator('.page-header').getByText(/· Onsite/).waitFor();
  });

  step('interviewer Alice: the inbox badge counts the nudge; the interview is marked overdue with its due time', async () => {
    const page = await newUserPage('alice');
    await signIn(page, s.people.alice);
    const badge = page.getByTestId('inbox-badge');
    await badge.waitFor();
    assert.ok(Number(await badge.innerText()) >= 1, 'the badge counts unread notifications');
    await page.getByTestId('inbox-link').click();
    const nudge = page.locator('[data-testid="inbox-item"][data-kind="feedback_nudge"]');
    await nudge.waitFor();
    assert.match(await nudge.innerText(), new RegExp(`Riley Recruiter asked for your scorecard for ${s.roleTitle.replace(/[()]/g, '.')}`));
    await shot(page, '03-inbox');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My interviews' }).click();
    const awaiting = page.getByTestId('awaiting-feedback');
    const card = awaiting.getByTestId('my-interview').filter({ hasText: s.first.name });
    await card.getByTestId('overdue').waitFor();
    assert.match(await card.getByTestId('feedback-due').innerText(), /^Was due /);
    await shot(page, '04-overdue');
  });

  step('interviewer Alice: submits from the overdue card and finds the interview under Completed, with a link to amend', async () => {
    const page = s.pages.alice;
    await page.getByTestId('awaiting-feedback').getByRole('link', { name: new RegExp(`Write feedback: ${s.first.name}`) }).click();
    await page.getByTestId('interview-kit').waitFor();
    const sections = page.getByTestId('scorecard-dimension');
    const n = await sections.count();
    for (let i = 0; i < n; i++) {
      const section = sections.nth(i);
      await section.locator('input[type="radio"][value="3"]').check();
      await section.getByLabel(/^Evidence for/).fill(`Point ${i + 1}: explained the trade-offs of the approach with a worked example and named its failure modes.`);
    }
    await page.getByRole('radio', { name: 'Hire', exact: true }).check();
    await page.getByTestId('submit-scorecard').click();
    await page.getByTestId('scorecard-submitted').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My interviews' }).click();
    const completed = page.getByTestId('completed');
    await completed.getByTestId('my-interview').filter({ hasText: s.first.name }).waitFor();
    await completed.getByRole('link', { name: new RegExp(`Amend or read the panel: ${s.first.name}`) }).waitFor();
    assert.equal(await page.getByTestId('awaiting-feedback').getByText(s.first.name).count(), 0);
    await shot(page, '05-completed');
  });

  step('390 px: the debrief and the lists fit the screen (no horizontal overflow)', async () => {
    const page = await newUserPage('narrow', { width: 390, height: 844 });
    await signIn(page, s.people.recruiter);
    await page.goto(`${BASE}/#/roles/${s.roleId}`);
    await page.getByTestId('role-title').waitFor();
    await page.getByTestId('role-candidates').getByRole('link', { name: s.first.name, exact: true }).waitFor();
    await shot(page, '06-role-builder-390');
    s.narrowPage = page;
    await page.goto(`${BASE}/#/applications/${s.applicationId}/debrief`);
    await page.locator('[data-testid="debrief"][data-status="current"]').waitFor({ timeout: 90_000 });
    await shot(page, '07-debrief-390');
    await assertNoHorizontalOverflow(page, 'the debrief');
    for (const [hash, testId] of [['/candidates', 'candidates-table'], ['/roles', 'roles-table'], ['/debriefs', 'debriefs-table'], ['/inbox', 'inbox']]) {
      await page.goto(`${BASE}/#${hash}`);
      await page.getByTestId(testId).waitFor({ state: 'attached' });
      await assertNoHorizontalOverflow(page, hash);
    }
    await shot(page, '08-inbox-390');
  });

  // Issue 19 item 7: the coverage grid scrolls inside its own box (its screen-reader texts included).
  step('390 px: the role builder fits the screen', async () => {
    assert.ok(s.narrowPage, 'the narrow page was opened by the step above');
    await s.narrowPage.goto(`${BASE}/#/roles/${s.roleId}`);
    await s.narrowPage.getByTestId('role-title').waitFor();
    await s.narrowPage.getByTestId('coverage-grid').waitFor();
    await assertNoHorizontalOverflow(s.narrowPage, 'the role builder');
  });
});
