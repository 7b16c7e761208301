import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_SIGNATURE_HEADER = 'X-Hireloop-Signature';
export const WEBHOOK_DELIVERY_HEADER = 'X-Hireloop-Delivery';
export const WEBHOOK_EVENT_HEADER = 'X-Hireloop-Event';

/** `sha256=<hex HMAC-SHA256 of the exact body bytes>`, the value of `X-Hireloop-Signature`. */
export function signWebhookBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** For receivers (and our tests): constant-time check of a signature header against the raw body. */
export function verifyWebhookSignature(secret: string, body: string | Buffer, header: string | undefined | null): boolean {
  if (!header) return false;
  const expected = Buffer.from(signWebhookBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
