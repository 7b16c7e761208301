// Browser test of the Quality of hire pages (issue 15 step 5) and the calibration pages' honesty (issue 19): a people
// analytics member opens the organization's and a role's validity report, computes it ("Compute now", polled until
// done) and reads "not enough data yet (n = … of 30)" where a handful of hires cannot support a correlation; imports
// outcomes from a CSV file, the dry run listing the rejected row with its column and reason before the real import;
// an admin's role calibration says "Not enough data yet" instead of judging a dimension. Every page is checked at
// 390 px and 1440 px (no sideways scrolling, no axe-core violation of any impact).
//
// Three hires are seeded through the API for the not-enough-data states. For the charts, a second role gets 80 hires
// out of 300 assessed applications (panel reports, hires, 12-month ratings, departures) written straight in the
// database of the API under test with a planted validity (the SQL of test/e2e/quality-of-hire-validity.e2e-spec.ts);
// "Compute now" has the real worker compute the report, and the page's charts and words are checked against it.
//
//   WEB_SPECS=test/web/quality-of-hire.web-spec.mjs bash test/web/run-web-tests.sh
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { addMember, apiCall, BASE, checkPageAtBothWidths, launchBrowser, newPage, runId, signIn, signUpOrganization, stepper } from './support.mjs';

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
      s.people[key] = await addMember(s.admin.token, { email: `qoh-${key}-${RUN}@example.test`, name, roles });
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

  step('people analytics: the import page dry-runs a CSV, lists the rejected row with its reason, then imports a clean file for real', async () => {
    const page = (s.pages.analyst = await newPage(browserHandle.browser, 'analyst'));
    await signIn(page, s.people.analyst);
    await page.getByRole('heading', { level: 1, name: 'Quality of hire' }).waitFor();
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
  step('people analytics: 80 hires seeded in the database, the worker computes the real report, the page draws and words it', async () => {
    const role = await apiCall(
      'POST',
      '/roles/from-template',
      { templateKey: 'research-scientist-ml', title: `Planted Scientist ${RUN}`, hiringManagerId: s.people.manager.id },
      s.admin.token,
    );
    await apiCall('POST', `/roles/${role.id}/open`, {}, s.admin.token);
    const seeded = await seedPlantedHires(role.id, { assessed: 300, hired: 80, rho: 0.5, seed: 15 });
    assert.equal(seeded.hired, 80);

    const page = s.pages.analyst;
    await page.goto(`${BASE}/#/roles/${role.id}/quality-of-hire`);
    await page.getByRole('heading', { level: 1, name: 'Quality of hire of this role' }).waitFor();
    await computeAndWait(page);
    const report = await apiCall('GET', `/quality-of-hire/reports/latest?roleId=${role.id}`, undefined, s.people.analyst.token);
    assert.equal(report.status, 'done');
    assert.equal(report.hires, 80);
    assert.equal(report.assessed, 300);

    // The scatter: one dot per hire with a panel score and a 12-month rating, all 80.
    assert.equal(report.scatter.length, 80);
    const scatter = page.getByTestId('qoh-scatter');
    await scatter.waitFor();
    assert.equal(await scatter.locator('circle.qoh-dot').count(), 80);
    assert.match(await scatter.locator('title').textContent(), /for 80 hires: r = /);

    // The panel score's validity for the 12-month rating: a bar with its interval and the report's figures in words.
    const cell = report.cells.find((c) => c.predictorKey === 'panel_score' && c.outcomeKey === 'rating_12m');
    assert.equal(cell.status, 'estimated');
    assert.equal(cell.n, 80);
    assert.ok(
      cell.pearson > 0 && cell.corrected > cell.pearson,
      `planted validity 0.5 over everyone assessed: r ${cell.pearson}, corrected ${cell.corrected}`,
    );
    const panel = page.getByTestId('validity-rating_12m').locator('[data-predictor="panel_score"]');
    const words = await panel.innerText();
    assert.ok(
      words.includes(
        `r = ${formatR(cell.pearson)}, 90 % interval ${formatR(cell.interval.low)} to ${formatR(cell.interval.high)}; corrected for range restriction ${formatR(cell.corrected)} (${formatR(cell.correctedInterval.low)} to ${formatR(cell.correctedInterval.high)}) (n = 80)`,
      ),
      words,
    );
    assert.equal(await panel.locator('svg.qoh-bar__chart').count(), 1);
    assert.equal(await panel.locator('.qoh-bar--raw .qoh-whisker').count(), 1, 'the uncorrected r is drawn with its interval');
    assert.equal(await panel.locator('.qoh-bar--corrected .qoh-whisker').count(), 1, 'so is the corrected one');
    assert.match(
      await panel.locator('svg.qoh-bar__chart').getAttribute('aria-label'),
      new RegExp(`r ${formatR(cell.pearson)}, corrected ${formatR(cell.corrected)}`),
    );

    // Retention: the seed puts 47 hires in the "hire" group and 33 hired despite it, both at least minN = 30, so the
    // report has Kaplan–Meier curves and a log-rank test, and the page draws them instead of the not-enough sentence.
    const groups = report.retention.groups.map((g) => `${g.label.toLowerCase()}: ${g.n}`).join(', ');
    assert.equal(report.retention.status, 'estimated');
    assert.deepEqual(
      report.retention.groups.map((g) => [g.key, g.n]),
      [
        ['hire', 47],
        ['hired_despite', 33],
      ],
    );
    await page.getByTestId('qoh-retention').waitFor();
    assert.equal(await page.getByTestId('qoh-retention-not-enough').count(), 0);
    assert.ok(report.retention.logRank, 'a log-rank test with both groups at minN');
    assert.match(await page.getByTestId('qoh-logrank').innerText(), new RegExp(`log-rank p ${report.retention.logRank.pValue < 0.001 ? '<' : '='}`));
    console.log(
      `real report: ${report.hires} hires of ${report.assessed} assessed; panel r ${cell.pearson.toFixed(3)} (${cell.intervalMethod}), corrected ${cell.corrected.toFixed(3)}; retention ${report.retention.status} (${groups})`,
    );
    await checkPageAtBothWidths(page, 'a real quality of hire report of 80 hires', 'qoh-full-report');
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

/** The page's way of writing a correlation (apps/web/src/lib/validity.ts formatR): two decimals, a real minus sign. */
function formatR(r) {
  const text = Math.abs(r).toFixed(2);
  return r < 0 && text !== '0.00' ? `−${text}` : text;
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random) {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * Straight in the database of the API under test (run-web-tests.sh exports its DATABASE_URL), as
 * test/e2e/quality-of-hire-validity.e2e-spec.ts seeds it: `assessed` applications with a panel report (score x on
 * 1–4); the top `hired` by x are hired 100–800 days ago with a 12-month rating y (1–5) correlated ρ with x over
 * everyone assessed; recommendation `hire` well above the cut, else `inconclusive` (hired despite); a fifth of the
 * hires left half-way between their hire and today.
 */
async function seedPlantedHires(roleId, options, databaseUrl = process.env.DATABASE_URL) {
  if (!databaseUrl) throw new Error('seedPlantedHires needs DATABASE_URL (the database of the API under test)');
  const random = mulberry32(options.seed);
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  const people = Array.from({ length: options.assessed }, () => {
    const zx = normal(random);
    const zy = options.rho * zx + Math.sqrt(1 - options.rho * options.rho) * normal(random);
    return { x: clamp(2.5 + 0.5 * zx, 1, 4), y: clamp(Math.round(3 + zy), 1, 5) };
  });
  const cut = [...people].sort((a, b) => b.x - a.x)[options.hired - 1].x;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows: roleRows } = await client.query('SELECT organization_id FROM roles WHERE id = $1', [roleId]);
    if (roleRows.length !== 1) throw new Error(`no role ${roleId} in ${new URL(databaseUrl).pathname.slice(1)}`);
    const org = roleRows[0].organization_id;
    const { rows: ids } = await client.query(
      `WITH c AS (INSERT INTO candidates (organization_id, name, email) SELECT $1, 'Planted ' || g, 'planted-' || g || '-' || gen_random_uuid() || '@validity.test' FROM generate_series(1, $3::int) g RETURNING id)
       INSERT INTO applications (organization_id, candidate_id, role_id, status) SELECT $1, c.id, $2, 'rejected' FROM c RETURNING id`,
      [org, roleId, options.assessed],
    );
    const hiredIdx = people.map((_, i) => i).filter((i) => people[i].x >= cut);
    const hiredIds = hiredIdx.map((i) => ids[i].id);
    await client.query(
      `UPDATE applications a SET status = 'hired', decided_at = now() - make_interval(days => 100 + (abs(hashtext(a.id::text)) % 700)) WHERE a.id = ANY($1::uuid[])`,
      [hiredIds],
    );
    await client.query(
      `INSERT INTO calibration_reports (organization_id, application_id, version, inputs_hash, algorithm_version, score, recommendation, scorecard_count, report)
       SELECT $1, u.id, 1, 'seed', 'seed', u.x, u.rec, 3, jsonb_build_object('rawScore', u.x + 0.1, 'dimensions', jsonb_build_array())
         FROM unnest($2::uuid[], $3::float8[], $4::text[]) AS u(id, x, rec)`,
      [org, ids.map((r) => r.id), people.map((p) => p.x), people.map((p) => (p.x >= cut + 0.2 ? 'hire' : p.x >= cut ? 'inconclusive' : 'no_hire'))],
    );
    await client.query(
      `INSERT INTO outcomes (organization_id, application_id, kind, review_point, rating)
       SELECT $1, u.id, 'performance_rating', '12m', u.y FROM unnest($2::uuid[], $3::int[]) AS u(id, y)`,
      [org, hiredIds, hiredIdx.map((i) => people[i].y)],
    );
    await client.query(
      `INSERT INTO outcomes (organization_id, application_id, kind, departure_type, occurred_on)
       SELECT $1, a.id, 'departure', 'voluntary', (a.decided_at + (current_date - a.decided_at::date) * interval '1 day' / 2)::date
         FROM applications a WHERE a.id = ANY($2::uuid[]) AND abs(hashtext(a.id::text || 'd')) % 5 = 0`,
      [org, hiredIds],
    );
    await client.query('COMMIT');
    return { hired: hiredIds.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
