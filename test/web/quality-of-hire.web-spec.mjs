// Browser test of the Quality of hire pages (issue 15 step 5) and the calibration pages' honesty (issue 19): a people
// analytics member opens the organization's and a role's validity report, computes it ("Compute now", polled until
// done) and reads "not enough data yet (n = … of 30)" where a handful of hires cannot support a correlation; imports
// outcomes from a CSV file, the dry run listing the rejected row with its column and reason before the real import;
// an admin's role calibration says "Not enough data yet" instead of judging a dimension. Every page is checked at
// 390 px and 1440 px (no sideways scrolling, no axe-core violation of any impact).
//
// Three hires are seeded through the API (a validity figure needs 30, which the API would take minutes to build):
// the report is shown in its not-enough-data state; the figures themselves are the API's tests' business.
//
//   WEB_SPECS=test/web/quality-of-hire.web-spec.mjs bash test/web/run-web-tests.sh
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { apiCall, BASE, checkPageAtBothWidths, launchBrowser, newPage, PASSWORD, runId, signIn, signUpOrganization, stepper } from './support.mjs';

const RUN = runId();
const HEADER = 'application_id,candidate_email,role,kind,review_point,rating,days,departure_type,date';
const REPORT_TIMEOUT_MS = Number(process.env.WEB_REPORT_TIMEOUT_MS ?? 90_000);

const s = { admin: null, people: {}, roleId: null, roleTitle: `Data Scientist ${RUN}`, hired: [], pages: {} };

describe('web app: quality of hire and honest calibration figures', { concurrency: false }, () => {
  let browserHandle;
  const step = stepper(it, s.pages, 'qoh');

  before(async () => {
    browserHandle = await launchBrowser();
  });
  after(async () => {
    for (const page of Object.values(s.pages))
      await page
        .context()
        .close()
        .catch(() => {});
    await browserHandle?.close();
  });

  step('set-up through the API: an organization, a role with three hires and their 12-month ratings', async () => {
    const adminEmail = `qoh-admin-${RUN}@example.test`;
    s.admin = {
      email: adminEmail,
      name: 'Alex Admin',
      token: await signUpOrganization({ organizationName: `Quality ${RUN}`, name: 'Alex Admin', email: adminEmail }),
    };
    const invite = async (key, name, roles) => {
      const email = `qoh-${key}-${RUN}@example.test`;
      const res = await apiCall('POST', '/members', { email, name, roles }, s.admin.token);
      const accepted = await apiCall('POST', '/auth/accept-invite', { token: res.inviteToken, password: PASSWORD });
      s.people[key] = { id: res.member.id, email, name, token: accepted.accessToken };
    };
    await invite('analyst', 'Pat Analyst', ['people_analytics']);
    await invite('manager', 'Harper Manager', ['hiring_manager']);
    const role = await apiCall(
      'POST',
      '/roles/from-template',
      { templateKey: 'research-scientist-ml', title: s.roleTitle, hiringManagerId: s.people.manager.id },
      s.admin.token,
    );
    s.roleId = role.id;
    await apiCall('POST', `/roles/${s.roleId}/open`, {}, s.admin.token);
    for (let i = 1; i <= 3; i++) {
      const candidate = await apiCall('POST', '/candidates', { name: `Hire ${i} ${RUN}`, email: `hire${i}-${RUN}@example.test` }, s.admin.token);
      const application = await apiCall('POST', '/applications', { candidateId: candidate.id, roleId: s.roleId }, s.admin.token);
      await apiCall(
        'POST',
        `/applications/${application.id}/decision`,
        { decision: 'hire', rationale: 'Strong across the loop; the panel agreed.', overrideReason: 'No report yet; the evidence was plain.' },
        s.people.manager.token,
      );
      await apiCall(
        'POST',
        `/applications/${application.id}/outcomes`,
        { kind: 'performance_rating', reviewPoint: '12m', rating: 2 + i, date: '2026-06-01' },
        s.people.analyst.token,
      );
      s.hired.push(application.id);
    }
  });

  step("the charts of a full report (a stand-in for the API's answer: 40 hires), in words and at both widths", async () => {
    const page = (s.pages.analyst = await newPage(browserHandle.browser, 'analyst'));
    await signIn(page, s.people.analyst);
    await page.getByRole('heading', { level: 1, name: 'Quality of hire' }).waitFor();
    const roleId = randomUUID();
    await page.route(`**/v1/quality-of-hire/reports/latest?roleId=${roleId}`, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(fullReport(roleId)) }),
    );
    await page.goto(`${BASE}/#/roles/${roleId}/quality-of-hire`);
    await page.getByTestId('qoh-status').filter({ hasText: 'Version 3 · Done' }).waitFor();
    await page.getByTestId('qoh-scatter').waitFor();
    const panel = page.getByTestId('validity-rating_12m').locator('[data-predictor="panel_score"]');
    assert.match(
      await panel.innerText(),
      /r = 0\.31, 90 % interval 0\.06 to 0\.52; corrected for range restriction 0\.42 \(0\.09 to 0\.66\) \(n = 40\) — predicts the outcome/,
    );
    assert.match(
      await page.getByTestId('validity-rating_12m').locator('[data-predictor="dimension:coding"]').innerText(),
      /Not enough data yet \(n = 12 of 30\)/,
    );
    assert.match(await page.getByTestId('qoh-logrank').innerText(), /clearly different lengths of time \(log-rank p = 0\.03\)/);
    await page.getByTestId('qoh-retention').waitFor();
    await checkPageAtBothWidths(page, 'a full quality of hire report', 'qoh-full-report');
    await page.unroute(`**/v1/quality-of-hire/reports/latest?roleId=${roleId}`);
  });

  step('people analytics: the import page dry-runs a CSV, lists the rejected row with its reason, then imports a clean file for real', async () => {
    const page = s.pages.analyst;
    await page.goto(`${BASE}/#/quality-of-hire`);
    await page.getByRole('link', { name: 'Import outcomes from a CSV file' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import outcomes' }).waitFor();
    assert.equal(await page.title(), 'Import outcomes · hireloop');
    const bad =
      [HEADER, `${s.hired[0]},,,performance_rating,90d,4,,,2026-03-01`, `${s.hired[1]},,,performance_rating,90d,9,,,2026-03-01`].join('\n') + '\n';
    await page.getByLabel('CSV file').setInputFiles({ name: 'outcomes.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    const summary = page.getByTestId('import-summary');
    await summary.filter({ hasText: '2 rows read: 1 accepted, 1 rejected.' }).waitFor({ timeout: REPORT_TIMEOUT_MS });
    const row = page.getByTestId('import-errors').locator('tbody tr');
    assert.equal(await row.count(), 1);
    const cells = await row.first().locator('td').allInnerTexts();
    assert.equal(cells[0], '2');
    assert.equal(cells[1], 'rating');
    assert.match(cells[2], /from 1 to 5/);
    assert.ok(await page.getByRole('button', { name: 'Import for real' }).isDisabled(), 'no real import after a dry run with a rejected row');
    await checkPageAtBothWidths(page, 'the outcome import page with a rejected row', 'qoh-import-rejected');

    const good =
      [HEADER, `${s.hired[0]},,,performance_rating,90d,4,,,2026-03-01`, `${s.hired[1]},,,performance_rating,90d,3,,,2026-03-01`].join('\n') + '\n';
    await page.getByLabel('CSV file').setInputFiles({ name: 'outcomes.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    await summary.filter({ hasText: 'Every row is fine' }).waitFor({ timeout: REPORT_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Import for real' }).click();
    await summary.filter({ hasText: '2 outcomes written, 0 unchanged.' }).waitFor({ timeout: REPORT_TIMEOUT_MS });
    const list = await apiCall('GET', `/applications/${s.hired[1]}/outcomes`, undefined, s.people.analyst.token);
    assert.deepEqual(list.items.map((o) => `${o.reviewPoint}:${o.rating}`).sort(), ['12m:4', '90d:3']);
  });

  step("admin: the role's calibration says not enough data yet instead of judging a dimension; the calibration pages pass both widths", async () => {
    const page = (s.pages.admin = await newPage(browserHandle.browser, 'admin'));
    await signIn(page, s.admin);
    await page.goto(`${BASE}/#/calibration/roles/${s.roleId}`);
    const table = page.getByTestId('reliability-table');
    await table.waitFor();
    assert.equal(await page.title(), `Reliability: ${s.roleTitle} · hireloop`);
    const badges = await table.locator('.badge').allInnerTexts();
    assert.ok(badges.length > 0);
    assert.deepEqual([...new Set(badges)], ['Not enough data yet']);
    await table.getByText('(0 of 10 candidates rated by two interviewers or more)').first().waitFor();
    await checkPageAtBothWidths(page, "a role's calibration", 'qoh-role-calibration');
    await page.goto(`${BASE}/#/calibration`);
    await page.getByRole('heading', { level: 1, name: 'Calibration' }).waitFor();
    await checkPageAtBothWidths(page, 'the calibration index', 'qoh-calibration');
  });

  step('people analytics: the organization-wide page starts with no report, computes one and says there is not enough data yet', async () => {
    const page = s.pages.analyst;
    await page.goto(`${BASE}/#/quality-of-hire/import`);
    await page.getByRole('heading', { level: 1, name: 'Import outcomes' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quality of hire' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quality of hire' }).waitFor();
    assert.equal(await page.title(), 'Quality of hire · hireloop');
    await computeAndWait(page);
    await page
      .getByText(/Not enough data yet \(n = \d+ of 30\)/)
      .first()
      .waitFor();
    await page.getByTestId('qoh-retention-not-enough').waitFor();
    await checkPageAtBothWidths(page, 'the organization-wide quality of hire page', 'qoh-organization');
  });

  step("people analytics: a role's page computes the role's report; below 30 hires no figure is shown, only how many there are", async () => {
    const page = s.pages.analyst;
    await page.goto(`${BASE}/#/roles/${s.roleId}/quality-of-hire`);
    await page.getByRole('heading', { level: 1, name: 'Quality of hire of this role' }).waitFor();
    await computeAndWait(page);
    const cells = page.getByText(/Not enough data yet \(n = [0-3] of 30\)/);
    await cells.first().waitFor();
    assert.ok((await cells.count()) >= 1);
    assert.equal(await page.locator('[data-testid="qoh-scatter"], .qoh-bar__chart').count(), 0, 'no chart drawn from three hires');
    await checkPageAtBothWidths(page, "a role's quality of hire page", 'qoh-role');
  });
});

/** "Compute now" (202), then the page polls the queued report until it is done. */
async function computeAndWait(page) {
  const status = page.getByTestId('qoh-status');
  await page.getByRole('button', { name: /Compute now|Computing…/ }).waitFor();
  await page.getByRole('button', { name: 'Compute now' }).click();
  await status.filter({ hasText: /Version \d+ · Done/ }).waitFor({ timeout: REPORT_TIMEOUT_MS });
  await page.getByRole('button', { name: 'Compute now' }).waitFor();
}

/** A finished report as the agreed API answers it (ValidityReportResponseDto), with every kind of cell. */
function fullReport(roleId) {
  const cell = (predictorKey, outcomeKey, over = {}) => ({
    predictorKey,
    outcomeKey,
    status: 'estimated',
    n: 40,
    pearson: 0.31,
    spearman: 0.29,
    interval: { low: 0.06, high: 0.52 },
    intervalMethod: 'fisher_z',
    corrected: 0.42,
    correctedInterval: { low: 0.09, high: 0.66 },
    verdict: 'predictive',
    ...over,
  });
  const notEnough = {
    status: 'not_enough_data',
    n: 12,
    pearson: null,
    spearman: null,
    interval: null,
    intervalMethod: null,
    corrected: null,
    correctedInterval: null,
    verdict: null,
  };
  const curve = (drops) => {
    let survival = 1;
    return [
      { day: 0, survival: 1, low: 1, high: 1 },
      ...drops.map(([day, share]) => ((survival *= share), { day, survival, low: Math.max(0, survival - 0.12), high: Math.min(1, survival + 0.08) })),
    ];
  };
  return {
    id: randomUUID(),
    version: 3,
    roleId,
    status: 'done',
    computedAt: '2026-11-30T09:00:00.000Z',
    minN: 30,
    hires: 40,
    assessed: 260,
    predictors: [
      { key: 'panel_score', label: 'Panel score', kind: 'panel_score' },
      { key: 'raw_score', label: 'Raw score (before leniency correction)', kind: 'raw_score' },
      { key: 'dimension:coding', label: 'Dimension: Coding', kind: 'dimension' },
      { key: 'recommendation', label: 'Panel recommendation', kind: 'recommendation' },
    ],
    outcomes: [
      { key: 'rating_12m', label: '12-month rating' },
      { key: 'retained_12m', label: 'Still employed at 12 months' },
    ],
    cells: [
      cell('panel_score', 'rating_12m'),
      cell('raw_score', 'rating_12m', {
        pearson: 0.18,
        interval: { low: -0.09, high: 0.42 },
        corrected: 0.25,
        correctedInterval: { low: -0.12, high: 0.55 },
        verdict: 'not_predictive',
      }),
      cell('dimension:coding', 'rating_12m', notEnough),
      cell('recommendation', 'rating_12m', {
        status: 'undefined',
        pearson: null,
        spearman: null,
        interval: null,
        intervalMethod: null,
        corrected: null,
        correctedInterval: null,
        verdict: null,
      }),
      cell('panel_score', 'retained_12m', {
        pearson: -0.05,
        interval: { low: -0.31, high: 0.21 },
        intervalMethod: 'bootstrap',
        corrected: null,
        correctedInterval: null,
        verdict: 'not_predictive',
      }),
      cell('raw_score', 'retained_12m', notEnough),
      cell('dimension:coding', 'retained_12m', notEnough),
      cell('recommendation', 'retained_12m', notEnough),
    ],
    scatter: Array.from({ length: 40 }, (_, i) => ({
      applicationId: randomUUID(),
      panelScore: 1.6 + ((i * 7) % 23) / 10,
      rating: 1 + ((i * 3) % 5),
    })),
    retention: {
      status: 'estimated',
      groups: [
        {
          key: 'hire',
          label: 'Hired as recommended',
          n: 34,
          events: 6,
          curve: curve([
            [120, 0.97],
            [300, 0.94],
            [420, 0.93],
            [600, 0.95],
          ]),
        },
        {
          key: 'hired_despite',
          label: 'Hired despite a no-hire recommendation',
          n: 31,
          events: 12,
          curve: curve([
            [60, 0.9],
            [200, 0.85],
            [365, 0.8],
            [500, 0.9],
          ]),
        },
      ],
      logRank: { chiSquare: 4.7, df: 1, pValue: 0.03 },
    },
  };
}
