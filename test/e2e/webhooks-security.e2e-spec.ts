import { randomUUID } from 'node:crypto';
import { createServer, Socket } from 'node:net';
import { AppConfig } from '@hireloop/config';
import { OutboxService } from '@hireloop/core';
import { WebhookDeliveriesRepository } from '@hireloop/core/notifications/webhook-deliveries.repository';
import { OrganizationsRepository } from '@hireloop/core/organizations/organizations.repository';
import { WebhookDeliveryFailedError, WebhookDeliveryService } from '@hireloop/core/notifications/webhook-delivery.service';
import { STANDARD_WEBHOOK_TOLERANCE_SECONDS, verifyStandardWebhook, verifyWebhookSignature } from '@hireloop/core/notifications/webhook-signature';
import { createTestApp, signupOrganization, TestApp } from '@hireloop/testing';
import { startWebhookReceiver, WebhookReceiver } from '@hireloop/testing/calibration-fixture';
import { freePort } from '@hireloop/testing/worker-process';

/**
 * Issue 14, item 2: webhooks are no server-side request forgery. Destinations that are not public are refused when
 * saved and again at every send (without the development allow-list), deliveries go to the URL stored with them,
 * admins see categories (never socket error codes), and every request is signed per Standard Webhooks.
 */
describe('webhooks: destinations and signatures', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  const saved = process.env.WEBHOOK_ALLOWED_HOSTS;
  const SECRET = 'whsec-security-e2e-0123456789';

  beforeAll(async () => {
    process.env.WEBHOOK_ALLOWED_HOSTS = ''; // as in production: no exceptions
    t = await createTestApp();
    process.env.WEBHOOK_ALLOWED_HOSTS = saved;
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await t?.close();
  });

  it.each([
    'http://127.0.0.1:9/hook',
    'http://localhost:8080/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://0.0.0.0:3000/',
    'http://[::]/',
    'http://10.0.0.1/hook',
    'http://172.16.0.1/hook',
    'http://192.168.1.10/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fe80::1]/hook',
    'http://[fd00::1]/hook',
    'http://100.64.0.1/hook',
    'http://224.0.0.1/hook',
    'http://2130706433/hook',
  ])('PATCH /v1/organization refuses %s with a webhookUrl field error', async (url) => {
    const admin = await signupOrganization(t);
    const res = await t.http.patch('/v1/organization').set(admin.auth).send({ webhookUrl: url }).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'webhookUrl', message: expect.stringMatching(/public address|^Webhook address: enter a web address/) }),
    ]);
    const org = await t.http.get('/v1/organization').set(admin.auth).expect(200);
    expect(org.body.webhookUrl).toBeNull();
  });

  it('accepts a public address', async () => {
    const admin = await signupOrganization(t);
    await t.http.patch('/v1/organization').set(admin.auth).send({ webhookUrl: 'http://93.184.215.14/hook', webhookSecret: SECRET }).expect(200);
  });

  /** A delivery row as the reminders create it, pointing at `url`; the organization's setting points at `configured`. */
  async function delivery(url: string, configured = url): Promise<{ id: string; organizationId: string }> {
    const admin = await signupOrganization(t);
    await t.dataSource.query(`UPDATE organizations SET settings = settings || $2::jsonb WHERE id = $1`, [
      admin.organizationId,
      JSON.stringify({ webhookUrl: configured, webhookSecret: SECRET }),
    ]);
    const id = randomUUID();
    await t.dataSource.query(
      `INSERT INTO webhook_deliveries (id, organization_id, event, url, body, status) VALUES ($1, $2, 'feedback_reminder', $3, $4, 'pending')`,
      [id, admin.organizationId, url, JSON.stringify({ id, event: 'feedback_reminder', organizationId: admin.organizationId })],
    );
    return { id, organizationId: admin.organizationId };
  }

  const service = (allowed: string) =>
    new WebhookDeliveryService(new WebhookDeliveriesRepository(t.dataSource), new OrganizationsRepository(t.dataSource), new OutboxService(), {
      WEBHOOK_ALLOWED_HOSTS: allowed,
      NODE_ENV: 'test',
    } as AppConfig);
  const row = async (id: string) => (await t.dataSource.query(`SELECT * FROM webhook_deliveries WHERE id = $1`, [id]))[0];

  it('without the allow-list, a stored loopback URL is refused at send time too: nothing is sent, the delivery fails for good', async () => {
    const d = await delivery(receiver.url('/hooks/refused'));
    const error = await service('')
      .attempt(d.id, { finalAttempt: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookDeliveryFailedError);
    expect((error as WebhookDeliveryFailedError).terminal).toBe(true);
    expect(receiver.received('/hooks/refused')).toHaveLength(0);
    expect(await row(d.id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_status_code: null,
      last_error: 'refused: the destination is not a public address',
    });
  });

  it('goes to the URL stored with the delivery, not to the one configured now, signed both ways', async () => {
    const d = await delivery(receiver.url('/hooks/stored'), receiver.url('/hooks/current'));
    await expect(service('127.0.0.1').attempt(d.id, { finalAttempt: true })).resolves.toBe('delivered');
    expect(receiver.received('/hooks/current')).toHaveLength(0);
    const [hook] = receiver.received('/hooks/stored');
    expect(hook).toBeDefined();
    expect(await row(d.id)).toMatchObject({ status: 'delivered', url: receiver.url('/hooks/stored') });

    // Standard Webhooks: webhook-id / webhook-timestamp / webhook-signature "v1,<base64 HMAC of id.timestamp.body>".
    const headers = {
      id: hook.headers['webhook-id'] as string,
      timestamp: hook.headers['webhook-timestamp'] as string,
      signature: hook.headers['webhook-signature'] as string,
    };
    expect(headers.id).toBe(d.id);
    expect(Math.abs(Number(headers.timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(headers.signature).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(verifyStandardWebhook(SECRET, headers, hook.body)).toBe(true);
    expect(verifyStandardWebhook('another-secret-0123456789', headers, hook.body)).toBe(false);
    expect(verifyStandardWebhook(SECRET, headers, Buffer.concat([hook.body, Buffer.from(' ')]))).toBe(false);
    // A replay outside the tolerance is rejected by the receiver's check.
    const later = Number(headers.timestamp) + STANDARD_WEBHOOK_TOLERANCE_SECONDS + 1;
    expect(verifyStandardWebhook(SECRET, headers, hook.body, later)).toBe(false);
    // The old header stays for existing receivers.
    expect(verifyWebhookSignature(SECRET, hook.body, hook.headers['x-hireloop-signature'] as string)).toBe(true);
  });

  it('an endpoint that answers a byte at a time is given up at the deadline, not the idle timeout', async () => {
    const sockets = new Set<Socket>();
    const dribbler = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      // A valid answer, started at once and never finished: a header byte every 50 ms keeps the connection busy.
      const head = 'HTTP/1.1 200 OK\r\nx-slow: ';
      let i = 0;
      const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write(head[i++] ?? 'a')), 50);
    });
    await new Promise<void>((resolve) => dribbler.listen(0, '127.0.0.1', resolve));
    try {
      const d = await delivery(`http://127.0.0.1:${(dribbler.address() as { port: number }).port}/hooks/slow`);
      const started = Date.now();
      await expect(service('127.0.0.1').attempt(d.id, { finalAttempt: true, timeoutMs: 500 })).rejects.toBeInstanceOf(WebhookDeliveryFailedError);
      expect(Date.now() - started).toBeLessThan(2500);
      const stored = await row(d.id);
      expect(stored).toMatchObject({ status: 'failed', last_status_code: null, last_error: 'no response within 500 ms' });
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => dribbler.close(resolve));
    }
  });

  it('records categories, never socket error codes: "endpoint answered 404", "unreachable"', async () => {
    receiver.respond('/hooks/missing', [], 404);
    const answered = await delivery(receiver.url('/hooks/missing'));
    await service('127.0.0.1')
      .attempt(answered.id, { finalAttempt: true })
      .catch(() => undefined);
    expect(await row(answered.id)).toMatchObject({ status: 'failed', last_status_code: 404, last_error: 'endpoint answered 404' });

    const closed = await delivery(`http://127.0.0.1:${await freePort()}/hooks/closed`);
    const error = await service('127.0.0.1')
      .attempt(closed.id, { finalAttempt: true })
      .catch((e: Error) => e);
    const stored = await row(closed.id);
    expect(stored).toMatchObject({ status: 'failed', last_status_code: null, last_error: 'unreachable' });
    for (const text of [JSON.stringify(stored), String((error as Error).message)])
      expect(text).not.toMatch(/ECONN|EHOST|ENOTFOUND|EAI_|socket|127\.0\.0\.1:\d+ /);
  });
});
