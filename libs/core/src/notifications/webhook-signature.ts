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

// ---- Standard Webhooks (https://www.standardwebhooks.com) ------------------------------------------------------

export const STANDARD_WEBHOOK_ID_HEADER = 'webhook-id';
export const STANDARD_WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const STANDARD_WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';
/** Receivers should refuse a `webhook-timestamp` further than this from their clock (replays, delayed copies). */
export const STANDARD_WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

/** The HMAC key: a `whsec_<base64>` secret is its decoded bytes (as the scheme defines); any other secret its UTF-8 bytes. */
export function standardWebhookKey(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8');
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, the value of `webhook-signature`. */
export function signStandardWebhook(secret: string, id: string, timestampSeconds: number, body: string | Buffer): string {
  const mac = createHmac('sha256', standardWebhookKey(secret)).update(`${id}.${timestampSeconds}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

/**
 * For receivers (and our tests): true when one of the space-separated signatures matches and the timestamp is within
 * the tolerance of `nowSeconds`. Receivers reject replays by also remembering the `webhook-id`s seen in that window.
 */
export function verifyStandardWebhook(
  secret: string,
  headers: { id?: string | null; timestamp?: string | null; signature?: string | null },
  body: string | Buffer,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = STANDARD_WEBHOOK_TOLERANCE_SECONDS,
): boolean {
  if (!headers.id || !headers.timestamp || !headers.signature || !/^\d+$/.test(headers.timestamp)) return false;
  const timestamp = Number(headers.timestamp);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signStandardWebhook(secret, headers.id, timestamp, body));
  return headers.signature.split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
