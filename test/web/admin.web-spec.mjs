// Browser test of the admin pages (issue 19, item 10): an admin invites colleagues (the invitation arrives in the
// development mailbox), resends one (a new mail; the old link is refused), revokes another (its link says it was
// withdrawn), edits a member's roles, deactivates and reactivates them, and saves the organization settings. Every
// page is checked at 390 px and 1440 px with axe-core (no violation of any impact), with screenshots.
//
//   WEB_SPECS=test/web/admin.web-spec.mjs bash test/web/run-web-tests.sh
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  apiCall,
  BASE,
  checkPageAtBothWidths,
  launchBrowser,
  PASSWORD,
  ROOT,
  runId,
  signIn,
  signUpOrganization,
  stepper,
  VIEWPORTS,
} from './support.mjs';

const { Client } = createRequire(path.join(ROOT, 'package.json'))('pg');
const RUN = runId();
const INVITE_LINK = /\/accept-invite\?token=/;

/** Moves an invitation's last send a minute back, as if the resend interval had passed (the API allows one a minute). */
async function letResendIntervalPass(email) {
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    await db.query(
      `UPDATE members SET invite_expires_at = invite_expires_at - interval '61 seconds' WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
      [email],
    );
  } finally {
    await db.end();
  }
}

const tokenOf = (link) => decodeURIComponent(/[?&]token=([^&\s]+)/.exec(link)?.[1] ?? '');

/** The invitation tokens mailed to `email` so far, as the development mailbox holds them. */
async function mailedTokens(email) {
  const list = await fetch(`${BASE}/dev/mailbox/messages`).then((r) => (r.ok ? r.json() : { items: [] }));
  const tokens = [];
  for (const summary of list.items.filter((m) => m.to.includes(email))) {
    const message = await fetch(`${BASE}/dev/mailbox/messages/${summary.id}`).then((r) => r.json());
    const link = (message.text ?? '').split(/\s+/).find((word) => INVITE_LINK.test(word));
    if (link) tokens.push({ token: tokenOf(link), link });
  }
  return tokens;
}

/** The link of an invitation mail to `email` whose token is not one of `known` (waits for it). */
async function newInvitationLink(email, known = []) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const fresh = (await mailedTokens(email)).find((m) => !known.includes(m.token));
    if (fresh) return fresh.link;
    assert.ok(Date.now() < deadline, `no new invitation mail to ${email} within 30 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('web app: an admin manages members and the organization', { concurrency: false }, () => {
  const pages = {};
  let closeBrowser;
  let browser;
  const admin = { email: `admin-${RUN}@example.test`, name: 'Alex Admin' };
  const rory = { email: `rory-${RUN}@example.test`, name: 'Rory Roles' };
  const cleo = { email: `cleo-${RUN}@example.test`, name: 'Cleo Colleague' };
  const dana = { email: `dana-${RUN}@example.test`, name: 'Dana Declined' };
  let cleoFirstLink;
  let danaLink;

  before(async () => {
    ({ browser, close: closeBrowser } = await launchBrowser());
  });
  after(async () => {
    await closeBrowser?.();
  });

  const step = stepper(it, pages, 'admin');
  // bypassCSP: axe-core is injected as a script, which the app's Content-Security-Policy (script-src 'self') refuses.
  const openPage = async (who) => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-GB', timezoneId: 'UTC', bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => process.stderr.write(`[${who}] page error: ${error.message}\n`));
    return page;
  };
  const card = (name) => pages.admin.getByRole('listitem', { name });
  const inviteForm = () => pages.admin.getByRole('form', { name: 'Invite a member' });

  step('set-up: an organization with one member who joined (through the API)', async () => {
    const token = await signUpOrganization({ organizationName: `Admin ${RUN}`, name: admin.name, email: admin.email });
    const invite = await apiCall('POST', '/members', { email: rory.email, name: rory.name, roles: ['interviewer'] }, token);
    await apiCall('POST', '/auth/accept-invite', { token: invite.inviteToken, password: PASSWORD });
    pages.admin = await openPage('admin');
    await pages.admin.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
    await signIn(pages.admin, admin);
  });

  step('the invite form names every problem at once, next to its field', async () => {
    const page = pages.admin;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
    await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
    assert.equal(await page.title(), 'Members · hireloop');
    await inviteForm().getByLabel('Email').fill('not an email');
    await inviteForm().getByLabel('Interviewer').uncheck();
    await inviteForm().getByRole('button', { name: 'Send invitation' }).click();
    const errors = inviteForm().getByTestId('field-error');
    await errors.nth(2).waitFor();
    assert.deepEqual(await errors.allInnerTexts(), [
      'Enter the name of the person you invite.',
      'Enter an email address like name@example.com.',
      'Choose at least one role.',
    ]);
    await checkPageAtBothWidths(page, 'members page with invite problems', 'admin-members-invite-problems');
  });

  step('invites two colleagues; the invitation arrives by email and the link can be copied', async () => {
    const form = inviteForm();
    for (const person of [cleo, dana]) {
      await form.getByLabel('Name').fill(person.name);
      await form.getByLabel('Email').fill(person.email);
      await form.getByLabel('Interviewer').check();
      await form.getByRole('button', { name: 'Send invitation' }).click();
      await form.getByText(`Invitation sent to ${person.name}`).waitFor();
      await card(person.name).getByText('Invitation pending').waitFor();
    }
    const shown = await form.getByLabel(`Invitation link for ${dana.name}`).inputValue();
    await form.getByRole('button', { name: 'Copy link' }).click();
    // Headless Chromium may refuse the clipboard; the page then says to copy the selected link by hand.
    await form.getByText(/^(Copied\.|Could not copy here)/).waitFor();
    if (await form.getByText('Copied.').count()) assert.equal(await pages.admin.evaluate(() => navigator.clipboard.readText()), shown);
    cleoFirstLink = await newInvitationLink(cleo.email);
    danaLink = await newInvitationLink(dana.email);
    assert.equal(tokenOf(danaLink), tokenOf(shown), 'the link shown is the emailed one');
    await checkPageAtBothWidths(pages.admin, 'members page with pending invitations', 'admin-members-pending');
  });

  step('resends: refused within a minute in words, then a new mail whose link replaces the old one', async () => {
    const row = card(cleo.name);
    await row.getByRole('button', { name: 'Resend invitation' }).click();
    await row.getByText(/less than a minute ago/).waitFor();
    await letResendIntervalPass(cleo.email);
    await row.getByRole('button', { name: 'Resend invitation' }).click();
    await row.getByText(/A new invitation is on its way/).waitFor();
    const newLink = await newInvitationLink(cleo.email, [tokenOf(cleoFirstLink)]);
    assert.equal(tokenOf(newLink), tokenOf(await row.getByLabel(`Invitation link for ${cleo.name}`).inputValue()));

    const visitor = await openPage('cleo');
    pages.cleo = visitor;
    await visitor.goto(cleoFirstLink);
    await visitor.getByLabel('Choose a password').fill(PASSWORD);
    await visitor.getByRole('button', { name: 'Join' }).click();
    await visitor
      .getByText(/unknown, used or expired/)
      .first()
      .waitFor();
    await visitor.goto(newLink);
    await visitor.getByLabel('Choose a password').fill(PASSWORD);
    await visitor.getByRole('button', { name: 'Join' }).click();
    await visitor.getByRole('navigation', { name: 'Main' }).waitFor();
    const nav = await visitor.getByRole('navigation', { name: 'Main' }).innerText();
    assert.ok(!/Members|Organization/.test(nav), `an interviewer is offered no admin page: ${nav}`);
    await visitor.context().close();
    delete pages.cleo;
  });

  step('revokes an invitation after confirming; its link then says it was withdrawn', async () => {
    const row = card(dana.name);
    await row.getByRole('button', { name: 'Revoke invitation' }).click();
    await row.getByRole('button', { name: 'Yes, revoke' }).click();
    await row.getByText('Invitation revoked', { exact: true }).waitFor();
    const visitor = await openPage('dana');
    pages.dana = visitor;
    await visitor.goto(danaLink);
    await visitor.getByLabel('Choose a password').fill(PASSWORD);
    await visitor.getByRole('button', { name: 'Join' }).click();
    await visitor.getByText(/withdrawn by an admin/).waitFor();
    await checkPageAtBothWidths(visitor, 'accepting a revoked invitation', 'admin-invite-revoked');
    await visitor.context().close();
    delete pages.dana;
  });

  step('finds members by name or email and by status, counted and paged by the API', async () => {
    const page = pages.admin;
    const showing = page.getByTestId('members-showing');
    await page.getByText('Showing 1–4 of 4 members').waitFor();
    await page.getByTestId('members-search').fill('rory');
    await page.getByTestId('members-search').press('Enter');
    await page.getByText('Showing 1–1 of 1 members').waitFor();
    assert.deepEqual(await page.getByRole('list', { name: 'Members' }).getByRole('heading').allInnerTexts(), [rory.name]);
    await checkPageAtBothWidths(page, 'members page searched', 'admin-members-search');
    await page.getByTestId('members-search').fill(dana.email);
    await page.getByTestId('members-search').press('Enter');
    await card(dana.name).getByText('Invitation revoked', { exact: true }).waitFor();
    assert.equal(await showing.innerText(), 'Showing 1–1 of 1 members');
    await page.getByTestId('members-search').fill('');
    await page.getByTestId('members-search').press('Enter');
    await page.getByTestId('members-status').selectOption('active');
    await page.getByText('Showing 1–3 of 3 members').waitFor();
    assert.equal(await card(dana.name).count(), 0, 'a revoked invitation is not active');
    await page.getByTestId('members-role').selectOption('admin');
    await page.getByText('Showing 1–1 of 1 members').waitFor();
    assert.equal(await card(admin.name).count(), 1);
    await page.getByTestId('members-role').selectOption('');
    await page.getByTestId('members-status').selectOption('');
    await page.getByText('Showing 1–4 of 4 members').waitFor();
  });

  step("ends a member's sessions: the browser they were signed in with is signed out; they stay active", async () => {
    const roryPage = await openPage('rory');
    await signIn(roryPage, rory);
    const row = card(rory.name);
    await row.getByRole('button', { name: 'End sessions' }).click();
    await row.getByText(`End every session of ${rory.name} in this organization`).waitFor();
    await row.getByRole('button', { name: 'Yes, end their sessions' }).click();
    await row
      .getByRole('status')
      .filter({ hasText: `Every session of ${rory.name} here has ended` })
      .waitFor();
    await row.getByText('Active', { exact: true }).waitFor();
    assert.equal(
      await card(admin.name).getByRole('button', { name: 'End sessions' }).count(),
      0,
      'not for oneself (the Account page signs out everywhere)',
    );
    await roryPage.reload();
    await roryPage.getByRole('form', { name: 'Sign in' }).waitFor();
    await roryPage.context().close();
  });

  step("edits a member's roles (at least one, said in words), deactivates and reactivates them", async () => {
    const row = card(rory.name);
    await row.getByRole('button', { name: 'Edit roles' }).click();
    const editor = row.getByRole('form', { name: `Roles of ${rory.name}` });
    await editor.getByLabel('Interviewer').uncheck();
    await editor.getByRole('button', { name: 'Save roles' }).click();
    await editor.getByText('Choose at least one role.').waitFor();
    await editor.getByLabel('Interviewer').check();
    await editor.getByLabel('Recruiter').check();
    await checkPageAtBothWidths(pages.admin, 'members page editing roles', 'admin-members-edit-roles');
    await editor.getByRole('button', { name: 'Save roles' }).click();
    await row.getByText('Roles: Interviewer, Recruiter').waitFor();

    await row.getByRole('button', { name: 'Deactivate' }).click();
    await row.getByRole('button', { name: 'Yes, deactivate' }).click();
    await row.getByText('Deactivated', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Reactivate' }).waitFor();
    assert.equal(await card(admin.name).getByRole('button', { name: 'Deactivate' }).count(), 0, 'no deactivating oneself');
    await checkPageAtBothWidths(pages.admin, 'members page with every status', 'admin-members-statuses');
    await row.getByRole('button', { name: 'Reactivate' }).click();
    await row.getByText('Active', { exact: true }).waitFor();
  });

  step('saves the organization settings; problems are named next to their fields', async () => {
    const page = pages.admin;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization' }).click();
    await page.getByRole('heading', { name: 'Organization settings' }).waitFor();
    assert.equal(await page.title(), 'Organization settings · hireloop');
    const form = page.getByRole('form', { name: 'Organization settings' });
    await form.getByLabel('Organization name').fill('');
    await form.getByLabel('Remind interviewers after (hours)').fill('0');
    await form.getByRole('button', { name: 'Save settings' }).click();
    const errors = form.getByTestId('field-error');
    await errors.nth(1).waitFor();
    assert.deepEqual(await errors.allInnerTexts(), ['Enter the organization’s name.', 'Enter the hours before a reminder from 1 to 720.']);
    await checkPageAtBothWidths(page, 'organization settings with problems', 'admin-organization-problems');
    await form.getByLabel('Organization name').fill(`Renamed ${RUN}`);
    await form.getByLabel('Remind interviewers after (hours)').fill('48');
    await form.getByLabel('Minimum evidence per rated dimension (characters)').fill('40');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    // The top bar names the organization anew without a reload.
    await page.getByTestId('whoami').getByText(`Renamed ${RUN}`, { exact: false }).waitFor({ timeout: 5_000 });
    await page.reload();
    await form.getByLabel('Organization name').waitFor();
    assert.equal(await form.getByLabel('Organization name').inputValue(), `Renamed ${RUN}`);
    assert.equal(await form.getByLabel('Remind interviewers after (hours)').inputValue(), '48');
    await checkPageAtBothWidths(page, 'organization settings', 'admin-organization');
  });
});
