// Browser test of each group's daily work (issue 19): a recruiter finds candidate #1,010 by searching (the list
// says how many there are), applies them through the picker, and nudges an interviewer from the debrief; the
// interviewer sees the overdue interview and the nudge in the inbox (badge), opens it from the inbox, is told every
// problem of an empty scorecard at once, submits, finds the interview under Completed and amends it; My interviews,
// the inbox and the scorecard (before and after submitting) pass axe-core at 390 and 1440 px; the role builder, the
// debrief and the lists fit a 390 px wide screen without horizontal scrolling.
//
// Runs like loop-to-decision.web-spec.mjs (see run-web-tests.sh):
//   WEB_BASE_URL=http://127.0.0.1:3000 node --test test/web/daily-work.web-spec.mjs
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  addMember,
  apiCall,
  assertAccessible,
  assertNoHorizontalOverflow,
  BASE,
  checkPageAtBothWidths,
  launchBrowser,
  newPage,
  runId,
  screenshot,
  signIn,
  signUpOrganization,
  stepper,
  pickFromCombobox,
} from './support.mjs';
import { backdateInterview, pastWindow } from './backdate-interview.mjs';

const RUN = runId();
const CANDIDATES = 1010;

const s = {
  browser: null,
  closeBrowser: null,
  admin: null,
  people: {},
  roleId: null,
  roleTitle: `Platform Engineer ${RUN}`,
  first: null,
  applicationId: null,
  interviewId: null,
  pages: {},
};
const shot = async (page, name) => screenshot(page, `daily-${name}`);
const step = stepper(it, s.pages, 'daily');

async function newUserPage(who, viewport = { width: 1360, height: 900 }) {
  const page = await newPage(s.browser, who, viewport);
  s.pages[who] = page;
  return page;
}

describe('web app: daily work (inbox, nudges, search and paging, completed, 390 px)', { concurrency: false }, () => {
  before(async () => {
    ({ browser: s.browser, close: s.closeBrowser } = await launchBrowser());
  });

  after(async () => {
    await s.closeBrowser?.();
  });

  step(`set-up: members, an open role, ${CANDIDATES} candidates and an interview that ended 30 hours ago (through the API)`, async () => {
    // Signup is confirmed from the link the development mailbox received (SIGNUP_EMAIL_VERIFICATION, the default).
    s.admin = {
      token: await signUpOrganization({ organizationName: `Daily work ${RUN}`, name: 'Alex Admin', email: `daily-admin-${RUN}@example.test` }),
    };
    const invite = async (key, name, roles) => {
      s.people[key] = await addMember(s.admin.token, { email: `daily-${key}-${RUN}@example.test`, name, roles });
    };
    await invite('recruiter', 'Riley Recruiter', ['recruiter']);
    await invite('manager', 'Harper Manager', ['hiring_manager']);
    await invite('alice', 'Alice Interviewer', ['interviewer']);

    const role = await apiCall(
      'POST',
      '/roles/from-template',
      { templateKey: 'research-scientist-ml', title: s.roleTitle, hiringManagerId: s.people.manager.id },
      s.admin.token,
    );
    s.roleId = role.id;
    await apiCall('POST', `/roles/${s.roleId}/open`, {}, s.admin.token);

    // The first candidate is the oldest: the 1,010th on a newest-first list.
    s.first = { name: `Quinn Firstcomer ${RUN}`, email: `quinn-${RUN}@example.test` };
    await apiCall('POST', '/candidates', s.first, s.admin.token);
    for (let i = 2; i <= CANDIDATES; i += 10) {
      const batch = [];
      for (let j = i; j < Math.min(i + 10, CANDIDATES + 1); j++)
        batch.push(
          apiCall(
            'POST',
            '/candidates',
            { name: `Candidate ${String(j).padStart(4, '0')} ${RUN}`, email: `c${j}-${RUN}@example.test` },
            s.admin.token,
          ),
        );
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
    await pickFromCombobox(apply, 'Open role', RUN, s.roleTitle);
    await shot(page, '01-candidates-search');
    await apply.getByRole('button', { name: 'Create application' }).click();
    await page.getByTestId('application-title').filter({ hasText: s.first.name }).waitFor();
    s.applicationId = page.url().split('/applications/')[1];

    const role = await apiCall('GET', `/roles/${s.roleId}`, undefined, s.admin.token);
    s.round = role.rounds[0];
    // The API refuses a start in the past: booked three days ahead, then moved to 30 hours ago in the database.
    const ahead = new Date(Date.now() + 72 * 3600_000);
    const interview = await apiCall(
      'POST',
      `/applications/${s.applicationId}/interviews`,
      {
        roundId: s.round.id,
        interviewerIds: [s.people.alice.id],
        startsAt: ahead.toISOString(),
        endsAt: new Date(ahead.getTime() + 3600_000).toISOString(),
      },
      s.people.recruiter.token,
    );
    await backdateInterview(interview.id, pastWindow(30));
    s.interviewId = interview.id;
  });

  step("recruiter: nudges Alice from the debrief's still-waiting list; a second nudge is refused in words", async () => {
    const page = s.pages.recruiter;
    await page.goto(`${BASE}/#/applications/${s.applicationId}/debrief`);
    const waiting = page.getByTestId('debrief-awaiting');
    await waiting.getByText(s.people.alice.name).waitFor();
    await waiting.getByRole('button', { name: `Nudge ${s.people.alice.name} for feedback` }).click();
    await waiting
      .getByTestId('nudge-sent')
      .filter({ hasText: `Asked ${s.people.alice.name} for feedback` })
      .waitFor();
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
      {
        roundId: s.round.id,
        interviewerIds: [s.people.alice.id],
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3600_000).toISOString(),
      },
      s.people.recruiter.token,
    );
    await page.goto(`${BASE}/#/applications/${s.applicationId}`);
    const schedule = page.getByRole('form', { name: 'Schedule an interview' });
    await schedule.getByLabel('Round').selectOption(s.round.id);
    await pickFromCombobox(schedule, 'Add an interviewer', 'alice', s.people.alice.name);
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
    await page
      .locator('.page-header')
      .getByText(/· Onsite/)
      .waitFor();
  });

  step(
    'interviewer Alice: the inbox badge counts the nudge; My interviews marks the interview overdue with its due time; both pages pass axe at 390 and 1440 px',
    async () => {
      const page = await newUserPage('alice');
      await signIn(page, s.people.alice);
      const badge = page.getByTestId('inbox-badge');
      await badge.waitFor();
      assert.ok(Number(await badge.innerText()) >= 1, 'the badge counts unread notifications');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My interviews' }).click();
      const awaiting = page.getByTestId('awaiting-feedback');
      const card = awaiting.getByTestId('my-interview').filter({ hasText: s.first.name });
      await card.getByTestId('overdue').waitFor();
      assert.match(await card.getByTestId('feedback-due').innerText(), /^Was due /);
      assert.equal(await page.title(), 'My interviews · hireloop');
      await checkPageAtBothWidths(page, 'My interviews', 'daily-04-my-interviews');

      await page.getByTestId('inbox-link').click();
      const nudge = page.locator('[data-testid="inbox-item"][data-kind="feedback_nudge"]');
      await nudge.waitFor();
      assert.match(await nudge.innerText(), new RegExp(`Riley Recruiter asked for your scorecard for ${s.roleTitle.replace(/[()]/g, '.')}`));
      assert.equal(await page.title(), 'Inbox · hireloop');
      await checkPageAtBothWidths(page, 'the inbox', 'daily-03-inbox');
    },
  );

  step(
    'interviewer Alice: opens the overdue interview from the inbox; an empty submission names every problem at once beside its field, in words',
    async () => {
      const page = s.pages.alice;
      await page.locator('[data-testid="inbox-item"][data-kind="feedback_nudge"]').getByRole('link', { name: 'Write feedback' }).click();
      await page.getByTestId('interview-kit').waitFor();
      assert.equal(new URL(page.url()).hash, `#/interviews/${s.interviewId}`);
      assert.match(await page.title(), new RegExp(`^Interview: ${s.first.name}`));
      await checkPageAtBothWidths(page, 'the interview kit and scorecard form', 'daily-05-scorecard-form');

      const sections = page.getByTestId('scorecard-dimension');
      const n = await sections.count();
      assert.ok(n >= 2, 'the round has several focus dimensions');
      // The last dimension "could not be assessed", without saying why.
      const last = sections.nth(n - 1);
      const lastName = await last.getAttribute('data-dimension');
      await last.getByRole('checkbox', { name: `I could not assess ${lastName}` }).check();
      await page.getByTestId('submit-scorecard').click();
      const form = page.getByTestId('scorecard-form');
      await form
        .getByTestId('problem')
        .filter({ hasText: `${2 * n} problems need fixing` })
        .waitFor();
      // Every problem at once, each beside its field: rating and evidence of each rated dimension, the reason of the
      // unassessed one, the recommendation.
      assert.equal(await form.getByTestId('field-error').count(), 2 * n);
      const firstName = await sections.nth(0).getAttribute('data-dimension');
      assert.match(await sections.nth(0).getByTestId('field-error').first().innerText(), new RegExp(`^Choose a rating for ${firstName}`));
      assert.match(
        await sections
          .nth(0)
          .getByRole('textbox', { name: `Evidence for ${firstName}` })
          .getAttribute('aria-describedby'),
        /error/,
      );
      assert.equal(await last.getByTestId('field-error').innerText(), `Say why ${lastName} was not assessed (at least 5 characters).`);
      await form
        .locator('.choice-row--recommendation')
        .getByText('Choose your recommendation: strong no hire, no hire, hire or strong hire.')
        .waitFor();
      await assertAccessible(page, 'the scorecard form with its problems');
      await shot(page, '05b-scorecard-problems');
      await last.getByRole('checkbox', { name: `I could not assess ${lastName}` }).uncheck();
    },
  );

  step('interviewer Alice: submits, finds the interview under Completed and amends it from there', async () => {
    const page = s.pages.alice;
    const sections = page.getByTestId('scorecard-dimension');
    const n = await sections.count();
    for (let i = 0; i < n; i++) {
      const section = sections.nth(i);
      await section.locator('input[type="radio"][value="3"]').check();
      await section
        .getByLabel(/^Evidence for/)
        .fill(`Point ${i + 1}: explained the trade-offs of the approach with a worked example and named its failure modes.`);
    }
    await page.getByRole('radio', { name: 'Hire', exact: true }).check();
    await page.getByTestId('submit-scorecard').click();
    await page.getByTestId('scorecard-submitted').waitFor();
    await checkPageAtBothWidths(page, 'the submitted scorecard with the panel feedback', 'daily-05c-scorecard-submitted');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My interviews' }).click();
    const completed = page.getByTestId('completed');
    await completed.getByTestId('my-interview').filter({ hasText: s.first.name }).waitFor();
    await page.getByTestId('upcoming').waitFor(); // the awaiting and upcoming lists have loaded
    assert.equal(await page.getByTestId('awaiting-feedback').getByText(s.first.name).count(), 0);
    await shot(page, '05d-completed');

    await completed.getByRole('link', { name: new RegExp(`Amend or read the panel: ${s.first.name}`) }).click();
    await page.getByTestId('scorecard-submitted').waitFor();
    await page.getByRole('button', { name: 'Amend my scorecard' }).click();
    const form = page.getByTestId('scorecard-form');
    await form.getByRole('heading', { name: 'Amend your scorecard' }).waitFor();
    await sections.nth(0).locator('input[type="radio"][value="4"]').check();
    await page.getByTestId('submit-scorecard').click();
    await form
      .getByLabel('Reason for the amendment')
      .locator('..')
      .getByTestId('field-error')
      .filter({ hasText: 'Say why you amend your scorecard' })
      .waitFor();
    await form.getByLabel('Reason for the amendment').fill('Re-read my notes: the worked example was complete.');
    await page.getByTestId('submit-scorecard').click();
    await page.getByTestId('scorecard-submitted').waitFor();
    const own = await apiCall('GET', `/interviews/${s.interviewId}/scorecard`, undefined, s.people.alice.token);
    assert.equal(own.revision, 2, 'the amendment is a second revision');
    assert.ok(
      own.ratings.some((r) => r.rating === 4),
      'the amended rating is stored',
    );
    await shot(page, '05e-amended');
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
    for (const [hash, testId] of [
      ['/candidates', 'candidates-table'],
      ['/roles', 'roles-table'],
      ['/debriefs', 'debriefs-table'],
      ['/inbox', 'inbox'],
    ]) {
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
