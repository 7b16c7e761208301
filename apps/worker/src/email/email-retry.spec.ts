import { emailRetryDelayMs, emailRetryWindowMs, isPermanentSmtpFailure } from './email-retry';

describe('email retry policy', () => {
  const defaults = { maxAttempts: 10, baseDelayMs: 2000, maxDelayMs: 300_000 };

  it.each([
    [1, 2000],
    [2, 4000],
    [3, 8000],
    [6, 64_000],
    [8, 256_000],
    [9, 300_000],
    [40, 300_000],
  ])('after %i failed attempt(s) waits %i ms', (attempt, delay) => {
    expect(emailRetryDelayMs(attempt, defaults)).toBe(delay);
  });

  it('the default attempts span far more than a minute of SMTP outage (810 s = 13.5 minutes)', () => {
    const window = emailRetryWindowMs(defaults);
    expect(window).toBe(2000 + 4000 + 8000 + 16_000 + 32_000 + 64_000 + 128_000 + 256_000 + 300_000);
    expect(window).toBeGreaterThan(60_000);
  });

  it.each([
    [{ responseCode: 550, code: 'EENVELOPE' }, true],
    [{ responseCode: 553 }, true],
    [{ responseCode: 535, code: 'EAUTH' }, true],
    [{ responseCode: 421 }, false],
    [{ responseCode: 451, code: 'EENVELOPE' }, false],
    [{ code: 'ECONNREFUSED' }, false],
    [{ code: 'ETIMEDOUT' }, false],
    [{ code: 'ESOCKET' }, false],
  ])('%j permanent: %s', (error, permanent) => {
    expect(isPermanentSmtpFailure(error)).toBe(permanent);
  });
});
