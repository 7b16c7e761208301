// Browser test of finding things without a client-side cap (issue 19): the interviewer finds an interview she submitted
// long ago under Completed (searched, counted and paged by the API: more than one page) and amends it from there;
// My interviews passes axe-core at 390 and 1440 px. The recruiter picks a hiring manager (new role) and an interviewer
// (scheduling) by typing part of a name into a search-as-you-type picker (the API searches, no one-page cap); the
// Roles and the application page pass axe-core with the picker's matches open.
//
// Runs like the other specs (see run-web-tests.sh):
//   WEB_SPECS=test/web/find-and-pick.web-spec.mjs bash test/web/run-web-tests.sh
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  addMember,
  apiCall,
  assertAccessible,
  BASE,
  pickFromCombobox,
  checkPageAtBothWidths,
  launchBrowser,
  newPage,
  runId,
  screenshot,
  signIn,
  signUpOrganization,
  stepper,
} from './support.mjs';
import { backdateInterview, pastWindow } from './backdate-interview.mjs';

const RUN = runId();
/** Completed interviews of Alice: more than one page of the list (10 a page). */
const COMPLETED = 12;

const s = { browser: null, closeBrowser: null, admin: null, people: {}, roleId: null, roleTitle: `Data Engineer ${RUN}`, pages: {} };
const shot = async (page, name) => screenshot(page, `find-${name}`);
const step = stepper(it, s.pages, 'find');

describe('web app: finding completed interviews and people without a cap', { concurrency: false }, () => {
  before(async () => {
    ({ browser: s.browser, close: s.closeBrowser } = await launchBrowser());
  });

  after(async () => {
    await s.closeBrowser?.();
  });

  step(`set-up: members, an open role and ${COMPLETED} interviews Alice submitted scorecards for (through the API)`, async () => {
    s.admin = {
      token: await signUpOrganization({ organizationName: `Find ${RUN}`, name: 'Alex Admin', email: `find-admin-${RUN}@example.test` }),
    };
    const invite = async (key, name, roles) => {
      s.people[key] = await addMember(s.admin.token, { email: `find-${key}-${RUN}@example.test`, name, roles });
    };
    await invite('recruiter', 'Riley Recruiter', ['recruiter']);
    await invite('manager', 'Harper Zimmerman', ['hiring_manager']);
    await invite('alice', 'Alice Interviewer', ['interviewer']);
    await invite('omar', 'Omar Quintero', ['interviewer']);

    const role = await apiCall(
      'POST',
      '/roles/from-template',
      { templateKey: 'research-scientist-ml', title: s.roleTitle, hiringManagerId: s.people.manager.id },
      s.admin.token,
    );
    s.roleId = role.id;
    await apiCall('POST', `/roles/${s.roleId}/open`, {}, s.admin.token);
    const round = (await apiCall('GET', `/roles/${s.roleId}`, undefined, s.admin.token)).rounds[0];

    // The first is the oldest submission: on the second page of the newest-first list.
    s.sought = `Quinn Findme ${RUN}`;
    for (let i = 0; i < COMPLETED; i++) {
      const name = i === 0 ? s.sought : `Candidate ${String(i).padStart(2, '0')} ${RUN}`;
      const candidate = await apiCall('POST', '/candidates', { name, email: `find-c${i}-${RUN}@example.test` }, s.admin.token);
      const application = await apiCall('POST', '/applications', { candidateId: candidate.id, roleId: s.roleId }, s.people.recruiter.token);
      // The API refuses a start in the past: booked ahead (two hours apart), then moved back in the database.
      const ahead = new Date(Date.now() + (72 + 2 * i) * 3600_000);
      const interview = await apiCall(
        'POST',
        `/applications/${application.id}/interviews`,
        {
          roundId: round.id,
          interviewerIds: [s.people.alice.id],
          startsAt: ahead.toISOString(),
          endsAt: new Date(ahead.getTime() + 3600_000).toISOString(),
        },
        s.people.recruiter.token,
      );
      await backdateInterview(interview.id, pastWindow(48 - 2 * i));
      const kit = await apiCall('GET', `/interviews/${interview.id}/kit`, undefined, s.people.alice.token);
      await apiCall(
        'POST',
        `/interviews/${interview.id}/scorecard/submit`,
        {
          ratings: kit.focusDimensions.map((d) => ({
            dimensionId: d.id,
            rating: 3,
            evidence: 'Explained the trade-offs of the approach with a worked example and named its failure modes.',
          })),
          recommendation: 'yes',
        },
        s.people.alice.token,
      );
      if (i === 0) s.soughtInterviewId = interview.id;
      s.applicationId = application.id;
    }
  });

  step('interviewer Alice: pages through Completed, finds the oldest by searching part of the name and amends it from there', async () => {
    const page = await newPage(s.browser, 'alice', { width: 1360, height: 900 });
    s.pages.alice = page;
    await signIn(page, s.people.alice);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My interviews' }).click();
    const completed = page.getByTestId('completed');
    const showing = page.getByTestId('completed-showing');
    await showing.filter({ hasText: `Showing 1–10 of ${COMPLETED} completed interviews` }).waitFor();
    assert.equal(await completed.getByTestId('my-interview').count(), 10);
    assert.equal(await completed.getByTestId('my-interview').filter({ hasText: s.sought }).count(), 0, 'the oldest is not on the first page');
    await checkPageAtBothWidths(page, 'My interviews with a paged Completed list', 'find-01-my-interviews');

    await completed.getByRole('button', { name: 'Next' }).click();
    await showing.filter({ hasText: `Showing 11–${COMPLETED} of ${COMPLETED} completed interviews` }).waitFor();
    await completed.getByTestId('my-interview').filter({ hasText: s.sought }).waitFor();
    await shot(page, '02-completed-page-2');
    await completed.getByRole('button', { name: 'Previous' }).click();
    await showing.filter({ hasText: 'Showing 1–10' }).waitFor();

    await page.getByTestId('completed-search').fill('findme');
    await page.getByTestId('completed-search').press('Enter');
    await showing.filter({ hasText: 'Showing 1–1 of 1 completed interviews' }).waitFor();
    await shot(page, '03-completed-searched');
    await completed.getByRole('link', { name: new RegExp(`Amend or read the panel: ${s.sought}`) }).click();

    await page.getByTestId('scorecard-submitted').waitFor();
    await page.getByRole('button', { name: 'Amend my scorecard' }).click();
    const form = page.getByTestId('scorecard-form');
    await form.getByRole('heading', { name: 'Amend your scorecard' }).waitFor();
    await page.getByTestId('scorecard-dimension').nth(0).locator('input[type="radio"][value="4"]').check();
    await form.getByLabel('Reason for the amendment').fill('Re-read my notes: the worked example was complete.');
    await page.getByTestId('submit-scorecard').click();
    await page.getByTestId('scorecard-submitted').waitFor();
    const own = await apiCall('GET', `/interviews/${s.soughtInterviewId}/scorecard`, undefined, s.people.alice.token);
    assert.equal(own.revision, 2, 'the amendment is a second revision');
    assert.ok(
      own.ratings.some((r) => r.rating === 4),
      'the amended rating is stored',
    );
  });

  step('recruiter: picks the hiring manager of a new role by typing part of the surname, with the keyboard', async () => {
    const page = await newPage(s.browser, 'recruiter', { width: 1360, height: 900 });
    s.pages.recruiter = page;
    await signIn(page, s.people.recruiter);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roles' }).click();
    const form = page.getByRole('form', { name: 'Create a blank role' });
    const picker = form.getByRole('combobox', { name: 'Hiring manager' });
    await picker.fill('zimm');
    const match = form.getByRole('option').filter({ hasText: s.people.manager.name });
    await match.waitFor();
    assert.equal(await form.getByRole('option').count(), 2, '"Choose later" and the one match');
    assert.equal(await picker.getAttribute('aria-expanded'), 'true');
    await assertAccessible(page, 'the Roles page with the hiring-manager matches open');
    await shot(page, '04-hiring-manager-matches');
    await picker.press('ArrowDown');
    await picker.press('ArrowDown');
    assert.equal(await picker.getAttribute('aria-activedescendant'), await match.getAttribute('id'));
    await picker.press('Enter');
    assert.equal(await picker.inputValue(), s.people.manager.name);
    assert.equal(await picker.getAttribute('aria-expanded'), 'false');
    await checkPageAtBothWidths(page, 'the Roles page with a hiring manager chosen', 'find-05-roles');

    const title = `Analytics Engineer ${RUN}`;
    await form.getByLabel('Role title').fill(title);
    await form.getByRole('button', { name: 'Create blank role' }).click();
    await page.getByTestId('role-title').filter({ hasText: title }).waitFor();
    const roleId = page.url().split('/roles/')[1];
    const role = await apiCall('GET', `/roles/${roleId}`, undefined, s.people.recruiter.token);
    assert.equal(role.hiringManagerId, s.people.manager.id);
    // The role's settings show the chosen name in the same picker.
    await page
      .getByRole('combobox', { name: 'Hiring manager' })
      .and(page.locator(`[value="${s.people.manager.name}"]`))
      .waitFor();
  });

  step('recruiter: schedules an interview with an interviewer found by typing part of the name', async () => {
    const page = s.pages.recruiter;
    await page.goto(`${BASE}/#/applications/${s.applicationId}`);
    const schedule = page.getByRole('form', { name: 'Schedule an interview' });
    await schedule.getByLabel('Round').selectOption({ index: 1 });
    await schedule.getByRole('combobox', { name: 'Add an interviewer' }).fill('quint');
    await schedule.getByRole('option').filter({ hasText: s.people.omar.name }).waitFor();
    await assertAccessible(page, 'the application page with the interviewer matches open');
    await pickFromCombobox(schedule, 'Add an interviewer', 'quint', s.people.omar.name);
    const chosen = schedule.getByTestId('chosen-interviewers');
    await chosen.getByText(s.people.omar.name).waitFor();
    assert.equal(await schedule.getByRole('combobox', { name: 'Add an interviewer' }).inputValue(), '', 'the box empties for the next one');
    await checkPageAtBothWidths(page, 'the application page with an interviewer chosen', 'find-06-schedule');
    await schedule.getByRole('button', { name: 'Schedule', exact: true }).click();
    await schedule.getByRole('status').filter({ hasText: 'scheduled' }).waitFor();
    const application = await apiCall('GET', `/applications/${s.applicationId}`, undefined, s.people.recruiter.token);
    assert.ok(
      application.interviews.some((i) => i.interviewerIds.length === 1 && i.interviewerIds[0] === s.people.omar.id),
      'the interview is booked with Omar',
    );
  });
});
