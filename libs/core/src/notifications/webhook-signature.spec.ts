import { signWebhookBody, verifyWebhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  // Reference values computed independently (RFC 4231-style: key "key", message below).
  it.each`
    secret   | body                                             | expected
    ${'key'} | ${'The quick brown fox jumps over the lazy dog'} | ${'sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8'}
    ${'key'} | ${''}                                            | ${'sha256=5d5d139563c95b5967b9bd9a8c9b233a9dedb45072794cd232dc1b74832607d0'}
  `('signs "$body" with "$secret"', ({ secret, body, expected }) => {
    expect(signWebhookBody(secret, body)).toBe(expected);
  });

  it('verifies only the exact bytes with the right secret', () => {
    const body = JSON.stringify({ a: 1, b: 'é' });
    const signature = signWebhookBody('s3cret-s3cret-s3cret', body);
    expect(verifyWebhookSignature('s3cret-s3cret-s3cret', body, signature)).toBe(true);
    expect(verifyWebhookSignature('s3cret-s3cret-s3cret', Buffer.from(body), signature)).toBe(true);
    expect(verifyWebhookSignature('another-secret-here', body, signature)).toBe(false);
    expect(verifyWebhookSignature('s3cret-s3cret-s3cret', `${body} `, signature)).toBe(false);
    expect(verifyWebhookSignature('s3cret-s3cret-s3cret', body, undefined)).toBe(false);
    expect(verifyWebhookSignature('s3cret-s3cret-s3cret', body, 'sha256=00')).toBe(false);
  });
});
