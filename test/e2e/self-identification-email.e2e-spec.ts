import { createHiringScene, createTestApp, TestApp } from '@hireloop/testing';
import { waitFor } from '@hireloop/testing/panel-fixture';
import { ReceivedMail, SmtpReceiver, startSmtpReceiver } from '@hireloop/testing/smtp-receiver';
import { startWorker, stopAllProcesses, WorkerProcess } from '@hireloop/testing/worker-process';

const APP = 'http://app.hireloop.test';

/**
 * The self-identification link emailed to the candidate (issue 18 item 1, issue 16 item 1), with real peers only: the
 * API in process, the real worker process sending over SMTP to a real SMTP server on loopback. The worker starts
 * only in the second test, so the first one can erase a candidate while their email is still pending.
 */
describe('self-identification link by email (API → outbox → worker → SMTP → candidate)', () => {
  let t: TestApp;
  let smtp: SmtpReceiver;
  let worker: WorkerProcess | undefined;
  let erasedCandidateEmail = '';
  let scene: Awaited<ReturnType<typeof createHiringScene>>;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    process.env.PUBLIC_APP_URL = APP;
    t = await createTestApp();
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await stopAllProcesses();
    await smtp?.stop();
    await t?.close();
    delete process.env.PUBLIC_APP_URL;
  });

  const answers = { sex: 'female', raceEthnicity: 'asian', veteranStatus: 'decline_to_answer', disability: 'no' };
  const linkIn = (mail: ReceivedMail): string => {
    const match = new RegExp(`${APP.replace(/\./g, '\\.')}/#/self-identification/[A-Za-z0-9_-]+`).exec(mail.parsed.text ?? '');
    if (!match) throw new Error(`no self-identification link in:\n${mail.parsed.text}`);
    return match[0];
  };

  it('refuses bad input, and erasing the candidate removes the pending email (nothing is sent afterwards)', async () => {
    const doomed = await createHiringScene(t, { candidateName: 'Dora Doomed' });
    erasedCandidateEmail = doomed.candidate.email;
    const { recruiter } = doomed.team;

    const bad = await t.http
      .post(`/v1/applications/${doomed.applicationId}/self-identification-link`)
      .set(recruiter.auth)
      .send({ sendEmail: 'yes' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['sendEmail']);

    // Without sendEmail nothing is emailed (the existing behaviour).
    const plain = await t.http.post(`/v1/applications/${doomed.applicationId}/self-identification-link`).set(recruiter.auth).send({}).expect(201);
    expect(plain.body.emailed).toBe(false);
    const queued = await t.http
      .post(`/v1/applications/${doomed.applicationId}/self-identification-link`)
      .set(recruiter.auth)
      .send({ sendEmail: true })
      .expect(201);
    expect(queued.body.emailed).toBe(true);
    const pending = await t.dataSource.query(
      `SELECT template, status, essential, recipient_email, params FROM email_deliveries WHERE organization_id = $1 AND template = 'self_identification'`,
      [recruiter.organizationId],
    );
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ status: 'pending', essential: true, recipient_email: doomed.candidate.email.toLowerCase() });

    await t.http.delete(`/v1/candidates/${doomed.candidate.id}`).set(recruiter.auth).expect(204);
    expect(
      await t.dataSource.query(`SELECT 1 FROM email_deliveries WHERE organization_id = $1 AND template = 'self_identification'`, [
        recruiter.organizationId,
      ]),
    ).toEqual([]);
    const erased = await t.http.get(`/v1/audit-log?entityId=${doomed.candidate.id}&action=candidate.erased`).set(doomed.team.admin.auth).expect(200);
    expect(erased.body.items[0].after).toMatchObject({ selfIdentificationEmailsCancelled: 1 });

    // An address that cannot be delivered to: 409, and no link is created.
    scene = await createHiringScene(t, { candidateName: 'Cleo Candidate' });
    const realEmail = scene.candidate.email;
    await t.dataSource.query(`UPDATE candidates SET email = 'not an address' WHERE id = $1`, [scene.candidate.id]);
    const undeliverable = await t.http
      .post(`/v1/applications/${scene.applicationId}/self-identification-link`)
      .set(scene.team.recruiter.auth)
      .send({ sendEmail: true })
      .expect(409);
    expect(undeliverable.body.code).toBe('candidate_email_undeliverable');
    expect(await t.dataSource.query(`SELECT 1 FROM self_identification_links WHERE application_id = $1`, [scene.applicationId])).toEqual([]);
    await t.dataSource.query(`UPDATE candidates SET email = $2 WHERE id = $1`, [scene.candidate.id, realEmail]);
  }, 60_000);

  it('the candidate receives the link (text and HTML, organization name, no preferences link); it opens the form and works once', async () => {
    const { recruiter } = scene.team;
    const created = await t.http
      .post(`/v1/applications/${scene.applicationId}/self-identification-link`)
      .set(recruiter.auth)
      .send({ sendEmail: true })
      .expect(201);
    expect(created.body.emailed).toBe(true);
    const token = created.body.url.split('/').pop();

    worker = await startWorker({
      name: 'selfid-email-worker',
      env: { SMTP_URL: smtp.url, PUBLIC_APP_URL: APP, MAIL_FROM: 'Hireloop Test <no-reply@hireloop.test>' },
    });
    const [mail] = await smtp.waitFor((m) => m.envelope.to.includes(scene.candidate.email.toLowerCase()), {
      what: 'the self-identification email',
      timeoutMs: 30_000,
    });

    const [org] = await t.dataSource.query(`SELECT name FROM organizations WHERE id = $1`, [recruiter.organizationId]);
    expect(mail.parsed.subject).toBe(`${org.name}: voluntary self-identification for your application`);
    expect(mail.parsed.to).toMatchObject({ value: [{ name: 'Cleo Candidate', address: scene.candidate.email.toLowerCase() }] });
    expect(mail.parsed.text).toContain(`Sent by hireloop on behalf of ${org.name}.`);
    expect(mail.parsed.text).not.toContain('Choose which emails you get'); // a candidate has no account, so no preferences
    expect(mail.raw).not.toMatch(/^List-Unsubscribe/im);
    const link = linkIn(mail);
    expect(link).toBe(created.body.url);
    expect(mail.parsed.html).toContain(link);

    // The link in the mail opens the form, and works once.
    const emailedToken = link.split('/').pop()!;
    expect(emailedToken).toBe(token);
    const form = await t.http.get(`/v1/self-identification/${emailedToken}`).expect(200);
    expect(form.body.organizationName).toBe(org.name);
    await t.http.post(`/v1/self-identification/${emailedToken}`).send(answers).expect(204);
    expect((await t.http.post(`/v1/self-identification/${emailedToken}`).send(answers).expect(410)).body.code).toBe('self_identification_link_used');

    // Sent: the token is no longer stored with the delivery, and the worker logged no token or URL.
    await waitFor(
      async () =>
        (
          await t.dataSource.query(`SELECT status FROM email_deliveries WHERE organization_id = $1 AND template = 'self_identification'`, [
            recruiter.organizationId,
          ])
        )[0]?.status === 'sent',
      {
        what: 'sent status',
      },
    );
    expect(
      await t.dataSource.query(`SELECT status, params FROM email_deliveries WHERE organization_id = $1 AND template = 'self_identification'`, [
        recruiter.organizationId,
      ]),
    ).toEqual([{ status: 'sent', params: {} }]);
    expect(worker.output()).not.toContain(emailedToken);
    expect(worker.output()).not.toContain('/#/self-identification/');

    // The erased candidate's email, deleted while pending, is never sent.
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.to(erasedCandidateEmail.toLowerCase())).toEqual([]);
    expect(smtp.to(scene.candidate.email.toLowerCase())).toHaveLength(1);
  }, 90_000);
});
