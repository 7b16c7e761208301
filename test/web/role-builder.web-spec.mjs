// Browser test of the recruiter's loop builder (issue 19): a recruiter builds a loop by hand — a blank role with its
// hiring manager, two weighted dimensions with rubric anchors labelled by the scale's own levels, two rounds with
// their focus dimensions, and questions written in the round's question editor (a blank question is refused next
// to its field) — and opens the role. An interviewer's kit for an interview of that round shows the written
// questions; the hiring manager sees their own name on the roles list and in the builder. Each page is checked at
// 390 px and 1440 px (no sideways scrolling, axe-core without any violation).
//
//   WEB_SPECS=test/web/role-builder.web-spec.mjs bash test/web/run-web-tests.sh
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  addMember,
  apiCall,
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

const RUN = runId();
const s = { close: null, browser: null, admin: null, people: {}, roleId: null, roleTitle: `Data Engineer ${RUN}`, pages: {} };
const step = stepper(it, s.pages, 'role-builder');

const DIMENSIONS = [
  { name: 'Data modelling', weight: '60', description: 'Designs schemas that survive change' },
  { name: 'Communication', weight: '40', description: 'Explains trade-offs to non-engineers' },
];
const ROUNDS = [
  { name: 'Modelling deep dive', kind: 'System design', minutes: '60' },
  { name: 'Stakeholder conversation', kind: 'Behavioral', minutes: '45' },
];
const QUESTION = {
  prompt: `Model the orders of a marketplace whose sellers change their prices every hour (${RUN}).`,
  points: ['Keeps price history instead of overwriting', 'Names the queries the model must answer'],
  followUps: ['What changes if sellers can bundle products?'],
  pitfalls: ['Stores only the current price'],
};
/** Opens a <details> by its summary, whether it is open already or not (a click would close an open one). */
const expand = async (summary) => {
  if (!(await summary.evaluate((el) => el.parentElement.open))) await summary.click();
};
const SECOND_QUESTION = `Tell us about a time you changed a stakeholder's mind with data (${RUN}).`;

describe('web app: the recruiter builds a loop by hand, questions included', { concurrency: false }, () => {
  before(async () => {
    ({ browser: s.browser, close: s.close } = await launchBrowser());
  });
  after(async () => s.close?.());

  step('set-up: an organization with a recruiter, a hiring manager and an interviewer (through the API)', async () => {
    const health = await fetch(`${BASE}/health`).catch(() => null);
    assert.ok(health?.ok, `the API does not answer at ${BASE}/health`);
    s.admin = {
      token: await signUpOrganization({ organizationName: `Role builder ${RUN}`, name: 'Alex Admin', email: `builder-admin-${RUN}@example.test` }),
    };
    const invite = async (key, name, roles) => {
      s.people[key] = await addMember(s.admin.token, { email: `builder-${key}-${RUN}@example.test`, name, roles });
    };
    await invite('recruiter', 'Riley Recruiter', ['recruiter']);
    await invite('manager', 'Harper Manager', ['hiring_manager']);
    await invite('interviewer', 'Ivy Interviewer', ['interviewer']);
  });

  step('recruiter: creates a blank role with its hiring manager from the Roles page', async () => {
    const page = (s.pages.recruiter = await newPage(s.browser, 'recruiter'));
    await signIn(page, s.people.recruiter);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roles' }).click();
    await page.getByRole('heading', { name: 'Roles', level: 1 }).waitFor();
    assert.equal(await page.title(), 'Roles · hireloop');
    const form = page.getByRole('form', { name: 'Create a blank role' });
    await checkPageAtBothWidths(page, 'the Roles page', 'role-builder-01-roles');

    // An empty title is answered next to the field, not in a banner.
    await form.getByRole('button', { name: 'Create blank role' }).click();
    await form.locator('.field--invalid').filter({ hasText: 'Role title' }).getByTestId('field-error').waitFor();

    await form.getByLabel('Role title').fill(s.roleTitle);
    await form.getByLabel('Level (optional)').fill('Senior');
    await pickFromCombobox(form, 'Hiring manager', s.people.manager.name.split(' ')[0], s.people.manager.name);
    await form.getByRole('button', { name: 'Create blank role' }).click();
    await page.getByTestId('role-title').filter({ hasText: s.roleTitle }).waitFor();
    s.roleId = page.url().split('/roles/')[1];
    assert.match(s.roleId, /^[0-9a-f-]{36}$/);
    assert.match(await page.getByTestId('role-hiring-manager').innerText(), new RegExp(`hiring manager ${s.people.manager.name}`));
    await page
      .getByRole('combobox', { name: 'Hiring manager' })
      .and(page.locator(`[value="${s.people.manager.name}"]`))
      .waitFor();
    assert.match(await page.title(), new RegExp(`^${s.roleTitle} · loop builder · hireloop$`));
  });

  step("recruiter: adds two dimensions whose weights reach 100 %, with rubric anchors named by the scale's levels", async () => {
    const page = s.pages.recruiter;
    for (const [i, d] of DIMENSIONS.entries()) {
      await expand(page.getByText('Add a dimension', { exact: true }));
      const form = page.getByRole('form', { name: 'Add a dimension' });
      await form.getByLabel('Name').fill(d.name);
      await form.getByLabel('Weight (%)').fill(d.weight);
      await form.getByLabel('Description').fill(d.description);
      const rubric = form.getByTestId('rubric-fields');
      const labels = await rubric.locator('label').allInnerTexts();
      // Rubric levels are the rating scale's levels, not the recommendation's "Strong no … Strong yes".
      assert.deepEqual(labels, ['1 — Strong evidence against', '2 — Some evidence against', '3 — Evidence for', '4 — Strong evidence for']);
      for (const label of labels) assert.doesNotMatch(label, /Strong (no|yes)/);
      if (i === 0) {
        // Every missing anchor is named at once, each under its own level.
        await form.getByRole('button', { name: 'Add dimension' }).click();
        await rubric.getByTestId('field-error').first().waitFor();
        assert.equal(await rubric.locator('textarea[aria-invalid="true"]').count(), 4, 'a message under each level without an anchor');
      }
      for (const [n, label] of labels.entries())
        await rubric.getByLabel(label).fill(`${d.name}, level ${n + 1}: what the interviewer saw at this level.`);
      await form.getByRole('button', { name: 'Add dimension' }).click();
      await page.getByTestId('weights-table').getByText(d.name, { exact: true }).waitFor();
    }
    await page.getByTestId('weight-sum').and(page.locator('[data-state="ok"]')).waitFor();
  });

  step('recruiter: adds two rounds and sets their focus in the coverage grid', async () => {
    const page = s.pages.recruiter;
    for (const r of ROUNDS) {
      await expand(page.getByText('Add a round', { exact: true }));
      const form = page.getByRole('form', { name: 'Add a round' });
      await form.getByLabel('Name').fill(r.name);
      await form.getByLabel('Kind').selectOption({ label: r.kind });
      await form.getByLabel('Minutes').fill(r.minutes);
      await form.getByRole('button', { name: 'Add round' }).click();
      await page.locator('.round__name', { hasText: r.name }).waitFor();
    }
    const grid = page.getByTestId('coverage-grid');
    const focus = [
      [ROUNDS[0].name, DIMENSIONS[0].name],
      [ROUNDS[1].name, DIMENSIONS[1].name],
      [ROUNDS[1].name, DIMENSIONS[0].name],
    ];
    for (const [round, dimension] of focus) {
      const cell = grid.getByRole('button', { name: `${round} assesses ${dimension}` });
      await cell.click();
      await grid.locator(`button[aria-pressed="true"][aria-label="${round} assesses ${dimension}"]`).waitFor();
    }
    assert.equal(await grid.locator('[data-state="uncovered"]').count(), 0, 'every dimension is assessed by a round');
  });

  step("recruiter: writes the rounds' questions in the question editor (a blank question is refused next to its field)", async () => {
    const page = s.pages.recruiter;
    const first = page.locator('li.round').filter({ has: page.locator('.round__name', { hasText: ROUNDS[0].name }) });
    await expand(first.locator('summary').first());
    const questions = first.getByTestId('round-questions');
    await questions.getByText('No question yet').waitFor();
    await expand(questions.getByText('Write a question', { exact: true }));
    const form = questions.getByRole('form', { name: `Write a question for ${ROUNDS[0].name}` });
    await form.getByRole('button', { name: 'Add question' }).click();
    await form.locator('.field--invalid').filter({ hasText: 'Question' }).getByTestId('field-error').waitFor();
    assert.equal(await form.getByLabel('Question', { exact: true }).getAttribute('aria-invalid'), 'true');

    await form.getByLabel('Question', { exact: true }).fill(QUESTION.prompt);
    await form.getByLabel('Points of assessment (one a line)').fill(QUESTION.points.join('\n'));
    await form.getByLabel('Follow-up questions (one a line)').fill(QUESTION.followUps.join('\n'));
    await form.getByLabel('Signals of a weak answer (one a line)').fill(QUESTION.pitfalls.join('\n'));
    await form.getByRole('button', { name: 'Add question' }).click();
    const item = questions.getByTestId('round-question').filter({ hasText: QUESTION.prompt });
    await item.waitFor();
    for (const point of QUESTION.points) await item.getByText(point, { exact: true }).waitFor();
    await first.locator('.round__name + .muted').filter({ hasText: '1 question' }).waitFor();

    // Edit it: the change is saved to the question bank and shown at once.
    await item.getByRole('button', { name: 'Edit question 1' }).click();
    const edit = questions.getByRole('form', { name: 'Edit question 1' });
    await edit.getByLabel('Follow-up questions (one a line)').fill([...QUESTION.followUps, 'How would you backfill a year of history?'].join('\n'));
    await edit.getByRole('button', { name: 'Save question' }).click();
    await item.getByText('How would you backfill a year of history?', { exact: true }).waitFor();

    const second = page.locator('li.round').filter({ has: page.locator('.round__name', { hasText: ROUNDS[1].name }) });
    await expand(second.locator('summary').first());
    const secondQuestions = second.getByTestId('round-questions');
    await expand(secondQuestions.getByText('Write a question', { exact: true }));
    const secondForm = secondQuestions.getByRole('form', { name: `Write a question for ${ROUNDS[1].name}` });
    await secondForm.getByLabel('Question', { exact: true }).fill(SECOND_QUESTION);
    await secondForm.getByLabel('Points of assessment (one a line)').fill('Names the data and the decision it changed');
    await secondForm.getByRole('button', { name: 'Add question' }).click();
    await secondQuestions.getByTestId('round-question').filter({ hasText: SECOND_QUESTION }).waitFor();

    // The first round's question is in the bank: the second round can pick it too.
    await expand(secondQuestions.getByText('Pick from the question bank', { exact: true }));
    await secondQuestions.getByTestId('question-bank-search').fill(RUN);
    await secondQuestions.getByTestId('question-bank-search').press('Enter');
    // Searched on the server, with counts: both questions of this run match.
    await secondQuestions.getByTestId('question-bank-showing').filter({ hasText: 'Showing 1–2 of 2 questions' }).waitFor();
    const bankItem = secondQuestions.locator('.question-bank__item').filter({ hasText: QUESTION.prompt });
    await bankItem.getByRole('button', { name: /^Add/ }).click();
    await secondQuestions.getByTestId('round-question').filter({ hasText: QUESTION.prompt }).waitFor();
    assert.equal(await secondQuestions.getByTestId('round-question').count(), 2);
    // Reordered: the kit asks them in this order.
    await secondQuestions.getByRole('button', { name: 'Move question 2 earlier' }).click();
    await secondQuestions.getByTestId('question-prompt').first().filter({ hasText: QUESTION.prompt }).waitFor();
    await screenshot(page, 'role-builder-02-questions');
  });

  step('recruiter: opens the role; the builder fits 390 px and 1440 px without an accessibility violation', async () => {
    const page = s.pages.recruiter;
    await page.getByTestId('open-role').click();
    await page.getByTestId('role-status').filter({ hasText: 'Open' }).waitFor();
    await checkPageAtBothWidths(page, 'the loop builder', 'role-builder-03-builder');
    const role = await apiCall('GET', `/roles/${s.roleId}`, undefined, s.people.recruiter.token);
    assert.equal(role.status, 'open');
    assert.equal(role.hiringManagerId, s.people.manager.id);
    assert.deepEqual(
      role.dimensions.map((d) => [d.name, d.weight]),
      DIMENSIONS.map((d) => [d.name, Number(d.weight)]),
    );
    assert.equal(role.rounds.find((r) => r.name === ROUNDS[0].name).questionIds.length, 1);
    const second = role.rounds.find((r) => r.name === ROUNDS[1].name);
    assert.deepEqual(
      second.questionIds,
      [role.rounds.find((r) => r.name === ROUNDS[0].name).questionIds[0], second.questionIds[1]],
      'the picked question was moved first',
    );
    assert.equal(second.questionIds.length, 2);
    s.round = role.rounds.find((r) => r.name === ROUNDS[0].name);
  });

  step('hiring manager: the roles list and the builder name them as the hiring manager (not "—")', async () => {
    const page = (s.pages.manager = await newPage(s.browser, 'manager'));
    await signIn(page, s.people.manager);
    await page.goto(`${BASE}/#/roles`);
    const row = page.getByTestId('roles-table').locator('tr').filter({ hasText: s.roleTitle });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(s.people.manager.name));
    await row.getByRole('link', { name: s.roleTitle }).click();
    await page.getByTestId('role-title').filter({ hasText: s.roleTitle }).waitFor();
    assert.match(await page.getByTestId('role-hiring-manager').innerText(), new RegExp(`hiring manager ${s.people.manager.name}`));
  });

  step('interviewer: the kit of an interview in that round shows the questions written in the builder', async () => {
    const candidate = await apiCall(
      'POST',
      '/candidates',
      { name: `Casey Candidate ${RUN}`, email: `casey-${RUN}@example.test` },
      s.people.recruiter.token,
    );
    const application = await apiCall('POST', '/applications', { candidateId: candidate.id, roleId: s.roleId }, s.people.recruiter.token);
    const startsAt = new Date(Date.now() + 24 * 3600_000);
    const interview = await apiCall(
      'POST',
      `/applications/${application.id}/interviews`,
      {
        roundId: s.round.id,
        interviewerIds: [s.people.interviewer.id],
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
      },
      s.people.recruiter.token,
    );
    const page = (s.pages.interviewer = await newPage(s.browser, 'interviewer'));
    await signIn(page, s.people.interviewer);
    await page.goto(`${BASE}/#/interviews/${interview.id}`);
    await page.getByText(QUESTION.prompt, { exact: true }).waitFor();
    assert.equal(await page.getByText(SECOND_QUESTION).count(), 0, "the other round's question is not in this kit");
    const kit = await apiCall('GET', `/interviews/${interview.id}/kit`, undefined, s.people.interviewer.token);
    assert.deepEqual(
      kit.questions.map((q) => [q.prompt, q.pointsOfAssessment, q.followUps, q.pitfalls]),
      [[QUESTION.prompt, QUESTION.points, [...QUESTION.followUps, 'How would you backfill a year of history?'], QUESTION.pitfalls]],
    );
    await screenshot(page, 'role-builder-04-kit');
  });
});
