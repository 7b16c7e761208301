// Browser test of the pages reached from real emails: the API and worker send them by SMTP to the API's development
// mailbox (a real SMTP server on loopback), the test reads the message from /dev/mailbox and opens its link in
// Chromium — accepting an invitation, resetting a password, the email-preferences link of a non-essential email, and
// the feedback reminder's link to the scorecard (signed in, and signed out through the sign-in page).
//
//   WEB_BASE_URL=http://127.0.0.1:3000 node --test test/web/account-links.web-spec.mjs   (see run-web-tests.sh; the
//   reminder needs the worker's scan to run often: run-web-tests.sh sets REMINDER_CRON to every 5 s)
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  apiCall,
  BASE,
  checkPageAtBothWidths,
  launchBrowser,
  newPage,
  PASSWORD,
  runId,
  SHOTS,
  signIn,
  signUpOrganization,
  waitForMailLink,
} from './support.mjs';
import pg from 'pg';
import { backdateInterview, pastWindow } from './backdate-interview.mjs';

const RUN = runId();

/** The link to `pathname` in the newest email to `to` whose subject matches, as the development mailbox received it. */
const emailedLink = (to, subject, pathname, timeoutMs = 30_000) =>
  waitForMailLink(to, new RegExp(`^https?://[^\\s"<>]+${pathname.replace(/\//g, '\\/')}`), { subject, timeoutMs });

describe('web app: links from emails', { concurrency: false }, () => {
  let browser;
  let closeBrowser;
  const admin = { email: `admin-links-${RUN}@example.test` };
  const ivy = { email: `ivy-${RUN}@example.test`, name: 'Ivy Invitee' };

  before(async () => {
    ({ browser, close: closeBrowser } = await launchBrowser());
    // Signup is confirmed from the link the development mailbox received (SIGNUP_EMAIL_VERIFICATION, the default).
    admin.token = await signUpOrganization({ organizationName: `Links ${RUN}`, name: 'Alex Admin', email: admin.email });
  });
  after(async () => {
    await closeBrowser?.();
  });

  const freshPage = (who = 'links') => newPage(browser, who);

  it('accepts an invitation from the link in the invitation email', { timeout: 90_000 }, async () => {
    await apiCall('POST', '/members', { email: ivy.email, name: ivy.name, roles: ['interviewer'] }, admin.token);
    const link = await emailedLink(ivy.email, /invited you/, '/accept-invite');
    const page = await freshPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Accept your invite' }).waitFor();
    assert.ok((await page.getByLabel('Invite token').inputValue()).length > 20, 'the token from the link is filled in');
    await checkPageAtBothWidths(page, 'the accept-invitation page', 'links-accept-invite');
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
    await checkPageAtBothWidths(page, 'the forgot-password page after sending', 'links-forgot-password');
    const link = await emailedLink(ivy.email, /Reset your hireloop password/, '/reset-password');
    await page.goto(link);
    await page.locator('input[name="password"]').waitFor();
    await checkPageAtBothWidths(page, 'the reset-password page', 'links-reset-password');
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

  it('changes the password on the account page (other sessions end, this one goes on), then signs out everywhere', { timeout: 90_000 }, async () => {
    const owen = { email: `owen-${RUN}@example.test`, name: 'Owen Owner' };
    const invited = await apiCall('POST', '/members', { email: owen.email, name: owen.name, roles: ['interviewer'] }, admin.token);
    await apiCall('POST', '/auth/accept-invite', { token: invited.inviteToken, password: PASSWORD });
    const here = await freshPage('owen');
    const elsewhere = await freshPage('owen-elsewhere');
    await signIn(here, owen);
    await signIn(elsewhere, owen);

    await here.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
    await here.getByRole('heading', { name: 'Your account' }).waitFor();
    await checkPageAtBothWidths(here, 'the account page', 'links-account');
    await here.getByLabel('Name', { exact: true }).fill('Owen Renamed');
    await here.getByRole('button', { name: 'Save the name' }).click();
    await here.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await here.getByTestId('whoami').filter({ hasText: 'Owen Renamed' }).waitFor();
    const newPassword = `changed ${PASSWORD} ${RUN}`;
    const passwordForm = here.getByRole('form', { name: 'Change your password' });
    await passwordForm.getByLabel('Current password').fill('not my password');
    await passwordForm.getByLabel('New password').fill(newPassword);
    await here.getByRole('button', { name: 'Change the password' }).click();
    await here.getByText(/not the password of this account/).waitFor();
    await passwordForm.getByLabel('Current password').fill(PASSWORD);
    await here.getByRole('button', { name: 'Change the password' }).click();
    await here.getByRole('status').filter({ hasText: 'Your password is changed' }).waitFor();
    await here.screenshot({ path: path.join(SHOTS, 'links-account-password-changed.png'), fullPage: true });
    // This session goes on; the other browser's has ended.
    await here.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My interviews' }).click();
    await here.getByRole('heading', { level: 1, name: 'My interviews' }).waitFor();
    await elsewhere.reload();
    await elsewhere.getByRole('form', { name: 'Sign in' }).waitFor();
    await waitForMailLink(owen.email, /\/forgot-password/, { subject: /^Your hireloop password was changed$/ });

    // Owen joins a second organization: the top bar then offers both, and switching needs no password.
    const otherName = `Other ${RUN}`;
    const otherToken = await signUpOrganization({ organizationName: otherName, name: 'Olga Other', email: `olga-${RUN}@example.test` });
    const there = await apiCall('POST', '/members', { email: owen.email, name: 'Owen Owner', roles: ['interviewer'] }, otherToken);
    await apiCall('POST', '/auth/accept-invite', { token: there.inviteToken, password: newPassword });
    await here.reload();
    const switcher = here.getByRole('combobox', { name: 'Organization' });
    await switcher.waitFor();
    await switcher.selectOption({ label: otherName });
    await here.getByTestId('whoami').filter({ hasText: otherName }).waitFor();
    await here.getByRole('heading', { level: 1, name: 'My interviews' }).waitFor();
    await checkPageAtBothWidths(here, 'the top bar with the organization switcher', 'links-organization-switcher');

    await here.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
    await here.getByRole('button', { name: 'Sign out everywhere…' }).click();
    await here.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
    await here.getByRole('form', { name: 'Sign in' }).waitFor();
    // Signed out for real: the server refuses the session the browser had.
    await here.reload();
    await here.getByRole('form', { name: 'Sign in' }).waitFor();
    await here.context().close();
    await elsewhere.context().close();
  });

  it('changes the sign-in address from the account page and the link sent to the new address', { timeout: 90_000 }, async () => {
    const nora = { email: `nora-${RUN}@example.test`, name: 'Nora Nomad' };
    const moved = `nora-moved-${RUN}@example.test`;
    const invited = await apiCall('POST', '/members', { email: nora.email, name: nora.name, roles: ['interviewer'] }, admin.token);
    await apiCall('POST', '/auth/accept-invite', { token: invited.inviteToken, password: PASSWORD });
    const page = await freshPage('nora');
    await signIn(page, nora);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
    const form = page.getByRole('form', { name: 'Your sign-in address' });
    await form.getByLabel('New address').fill('not an address');
    await form.getByLabel('Current password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Send the link' }).click();
    await form.getByText(/must be an email address/).waitFor();
    await form.getByLabel('New address').fill(moved);
    await form.getByLabel('Current password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Send the link' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: `Check the inbox of ${moved}` })
      .waitFor();
    await checkPageAtBothWidths(page, 'the account page after asking for a new address', 'links-account-email-asked');

    const link = await emailedLink(moved, /^Confirm your new hireloop sign-in address$/, '/confirm-email-change');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Confirm your new address' }).waitFor();
    await checkPageAtBothWidths(page, 'the confirm-new-address page', 'links-confirm-email-change');
    await page.getByRole('button', { name: 'Confirm my new address' }).click();
    await page.getByRole('status').filter({ hasText: moved }).waitFor();
    await page.getByRole('link', { name: 'Back to your account' }).click();
    await page.getByText(`You sign in with ${moved}`).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'links-account-email-changed.png'), fullPage: true });
    // The previous address is told; the link works once.
    await waitForMailLink(nora.email, new RegExp(moved.replace(/\./g, '\\.')), { subject: /^Your hireloop sign-in address was changed$/ });
    await page.goto(link);
    await page.getByRole('button', { name: 'Confirm my new address' }).click();
    await page.getByText('This link is unknown, already used, replaced by a newer one or expired').waitFor();
    await page.context().close();
  });

  it('lists where the account is signed in and signs out another device from the list', { timeout: 90_000 }, async () => {
    const sam = { email: `sam-${RUN}@example.test`, name: 'Sam Sessions' };
    const invited = await apiCall('POST', '/members', { email: sam.email, name: sam.name, roles: ['interviewer'] }, admin.token);
    await apiCall('POST', '/auth/accept-invite', { token: invited.inviteToken, password: PASSWORD });
    const here = await freshPage('sam');
    const elsewhere = await freshPage('sam-elsewhere');
    await signIn(elsewhere, sam);
    await signIn(here, sam);
    await here.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
    const list = here.getByRole('list', { name: 'Your sessions' });
    // Accepting the invitation signed in too (through the API, no browser): three sessions, this one marked.
    await list.getByRole('listitem').nth(2).waitFor();
    assert.equal(await list.getByRole('listitem').count(), 3);
    await list.getByRole('listitem').filter({ hasText: 'This session' }).getByText('Chrome on Linux').waitFor();
    assert.equal(
      await list.getByRole('listitem').filter({ hasText: 'This session' }).getByRole('button').count(),
      0,
      'no sign-out button on this session',
    );
    // The invitation's session, as if signed in an hour ago and last used ten minutes ago: the list says so.
    const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    try {
      const moved = await db.query(
        `UPDATE sessions SET created_at = created_at - interval '1 hour', last_used_at = now() - interval '10 minutes'
          WHERE id = (SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1 ORDER BY s.created_at LIMIT 1)`,
        [sam.email],
      );
      assert.equal(moved.rowCount, 1);
    } finally {
      await db.end();
    }
    await here.reload();
    await list
      .getByRole('listitem')
      .nth(2)
      .getByText(/· last active /)
      .waitFor();
    assert.equal(
      await list
        .getByRole('listitem')
        .getByText(/· last active /)
        .count(),
      1,
      'only the session used since its sign-in says when',
    );
    await checkPageAtBothWidths(here, 'the account page with its sessions', 'links-account-sessions');
    // The newest other session is the other browser's.
    await list
      .getByRole('listitem')
      .nth(1)
      .getByRole('button', { name: /^Sign out Chrome on Linux/ })
      .click();
    await list.getByRole('listitem').nth(1).waitFor();
    await here.waitForFunction(() => document.querySelectorAll('[aria-label="Your sessions"] li').length === 2);
    await elsewhere.reload();
    await elsewhere.getByRole('form', { name: 'Sign in' }).waitFor();
    await here.reload();
    await here.getByRole('heading', { name: 'Your account' }).waitFor();
    await here.context().close();
    await elsewhere.context().close();
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
    await checkPageAtBothWidths(page, 'the notification settings, signed in', 'links-notifications');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Single sign-on' }).click();
    await page.getByRole('heading', { name: 'Single sign-on' }).waitFor();
    await checkPageAtBothWidths(page, 'the SSO settings', 'links-sso-settings');
    await page.screenshot({ path: path.join(SHOTS, 'links-sso-settings.png'), fullPage: true });
    await page.context().close();
  });

  const reminder = {};

  it('opens the scorecard from the feedback reminder email, signed in', { timeout: 150_000 }, async () => {
    // An interview that ended 30 hours ago without Rita's scorecard: due 24 hours after its end (the default
    // reminderAfterHours), so the worker's next scan plans a reminder and emails it.
    const invite = async (email, name, roles) => {
      const res = await apiCall('POST', '/members', { email, name, roles }, admin.token);
      await apiCall('POST', '/auth/accept-invite', { token: res.inviteToken, password: PASSWORD });
      return { id: res.member.id, email, name };
    };
    const rita = await invite(`rita-${RUN}@example.test`, 'Rita Reviewer', ['interviewer']);
    const manager = await invite(`hugo-${RUN}@example.test`, 'Hugo Manager', ['hiring_manager']);
    const roleTitle = `Reminder Role ${RUN}`;
    const role = await apiCall(
      'POST',
      '/roles/from-template',
      { templateKey: 'research-scientist-ml', title: roleTitle, hiringManagerId: manager.id },
      admin.token,
    );
    await apiCall('POST', `/roles/${role.id}/open`, {}, admin.token);
    const candidate = await apiCall('POST', '/candidates', { name: `Morgan Overdue ${RUN}`, email: `morgan-${RUN}@example.test` }, admin.token);
    const application = await apiCall('POST', '/applications', { candidateId: candidate.id, roleId: role.id }, admin.token);
    // The API refuses a start in the past: booked three days ahead, then moved to 30 hours ago in the database.
    const ahead = new Date(Date.now() + 72 * 3600_000);
    const interview = await apiCall(
      'POST',
      `/applications/${application.id}/interviews`,
      {
        roundId: role.rounds[0].id,
        interviewerIds: [rita.id],
        startsAt: ahead.toISOString(),
        endsAt: new Date(ahead.getTime() + 3600_000).toISOString(),
      },
      admin.token,
    );
    await backdateInterview(interview.id, pastWindow(30));

    const link = await emailedLink(rita.email, /^Reminder: your scorecard for /, '/interviews/', 60_000);
    // The link is a plain path (mail clients may drop a fragment); the web app turns it into its hash route.
    assert.equal(new URL(link).pathname, `/interviews/${interview.id}`, "the reminder links to this interview's scorecard");
    Object.assign(reminder, { rita, link, interviewId: interview.id });

    const page = await freshPage('rita');
    await signIn(page, rita);
    await page.goto(link);
    await page.getByTestId('interview-kit').waitFor();
    await page.getByRole('heading', { level: 1, name: new RegExp(`Morgan Overdue ${RUN}`) }).waitFor();
    await page.getByTestId('scorecard-form').waitFor();
    assert.equal(new URL(page.url()).hash, `#/interviews/${interview.id}`);
    assert.match(await page.title(), new RegExp(`Morgan Overdue ${RUN}`), 'the tab names the interview');
    await checkPageAtBothWidths(page, 'the scorecard opened from the reminder', 'links-reminder-scorecard');
    await page.context().close();

    // The reminder is not an essential email: its footer links to the email preferences, signed by a token.
    const preferencesLink = await emailedLink(rita.email, /^Reminder: your scorecard for /, '/settings/notifications');
    assert.match(preferencesLink, /[?&]token=/);
    const signedOut = await freshPage('rita-preferences');
    await signedOut.goto(preferencesLink);
    await signedOut.getByLabel(/Feedback reminders/).waitFor();
    assert.ok(await signedOut.getByLabel(/Feedback reminders/).isChecked());
    await checkPageAtBothWidths(signedOut, 'the notification settings by the emailed link', 'links-notifications-by-token');
    await signedOut.context().close();
  });

  // Signed out, the link goes through the sign-in page, which then leads on to the scorecard (its `next`).
  it('opens the scorecard from the feedback reminder email, signed out: through the sign-in page to the scorecard', { timeout: 90_000 }, async () => {
    assert.ok(reminder.link, 'the reminder arrived in the test above');
    const page = await freshPage('rita-signed-out');
    await page.goto(reminder.link);
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.waitFor();
    assert.equal(new URL(page.url()).hash, `#/signin?next=${encodeURIComponent(`/interviews/${reminder.interviewId}`)}`);
    await form.getByLabel('Email').fill(reminder.rita.email);
    await form.getByLabel('Password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Sign in' }).press('Enter');
    await page.getByTestId('whoami').waitFor();
    try {
      await page.getByTestId('interview-kit').waitFor({ timeout: 10_000 });
      assert.equal(new URL(page.url()).hash, `#/interviews/${reminder.interviewId}`);
    } finally {
      await page.context().close();
    }
  });
});
