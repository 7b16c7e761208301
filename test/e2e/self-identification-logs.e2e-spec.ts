import { ApiProcess, startApi } from '@hireloop/testing/api-process';
import { createHiringScene, createTestApp, TestApp } from '@hireloop/testing';
import { stopAllProcesses } from '@hireloop/testing/worker-process';

/**
 * The real API process's request logs (issue 16: never in logs): a self-identification link's token and the answers
 * given through it do not appear in what the API writes; the request line shows the path with the token redacted.
 */
jest.setTimeout(180_000);

describe('self-identification and the logs', () => {
  let t: TestApp;
  let api: ApiProcess;

  beforeAll(async () => {
    [t, api] = await Promise.all([createTestApp(), startApi({ name: 'api with request logs', env: { LOG_LEVEL: 'info' } })]);
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await stopAllProcesses();
    await t?.close();
  });

  it('logs the request with the token redacted and no answer', async () => {
    const scene = await createHiringScene(t);
    const link = await t.http
      .post(`/v1/applications/${scene.applicationId}/self-identification-link`)
      .set(scene.team.recruiter.auth)
      .send({})
      .expect(201);
    const token: string = link.body.url.split('/').pop();

    expect((await fetch(`${api.url}/v1/self-identification/${token}`)).status).toBe(200);
    const submitted = await fetch(`${api.url}/v1/self-identification/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sex: 'male', raceEthnicity: 'american_indian_or_alaska_native', veteranStatus: 'protected_veteran', disability: 'yes' }),
    });
    expect(submitted.status).toBe(204);
    // A refused second use is logged too (as a warning): still without the token.
    expect((await fetch(`${api.url}/v1/self-identification/${token}`)).status).toBe(410);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const output = api.output();
    expect(output).toContain('/v1/self-identification/[redacted]');
    expect(output).not.toContain(token);
    expect(output).not.toContain('american_indian_or_alaska_native');
    expect(output).not.toContain('protected_veteran');
  });
});
