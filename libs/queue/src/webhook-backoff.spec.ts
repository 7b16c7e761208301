import { webhookBackoffDelay, webhookScheduleSpanMs } from './webhook-backoff';

const DEFAULTS = { baseMs: 60_000, maxMs: 4 * 3600_000 };
const MIN = 60_000;
const HOUR = 3600_000;

describe('webhook retry schedule', () => {
  it.each`
    retry | nominal
    ${1}  | ${1 * MIN}
    ${2}  | ${2 * MIN}
    ${3}  | ${4 * MIN}
    ${8}  | ${128 * MIN}
    ${9}  | ${240 * MIN}
    ${13} | ${240 * MIN}
    ${60} | ${240 * MIN}
  `('retry $retry waits $nominal ms plus 0–50 % jitter', ({ retry, nominal }) => {
    expect(webhookBackoffDelay(retry, DEFAULTS, () => 0)).toBe(nominal);
    expect(webhookBackoffDelay(retry, DEFAULTS, () => 1)).toBe(nominal * 1.5);
    const jittered = webhookBackoffDelay(retry, DEFAULTS);
    expect(jittered).toBeGreaterThanOrEqual(nominal);
    expect(jittered).toBeLessThanOrEqual(nominal * 1.5);
  });

  it('14 attempts (the default) span at least 24 h even with the least jitter, and at most 36.5 h', () => {
    expect(webhookScheduleSpanMs(14, DEFAULTS, () => 0)).toBe((255 + 5 * 240) * MIN);
    expect(webhookScheduleSpanMs(14, DEFAULTS, () => 0)).toBeGreaterThanOrEqual(24 * HOUR);
    expect(webhookScheduleSpanMs(14, DEFAULTS, () => 1)).toBeLessThanOrEqual(36.5 * HOUR);
  });

  it('jitter spreads deliveries that failed together', () => {
    let seed = 42;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const delays = new Set(Array.from({ length: 50 }, () => webhookBackoffDelay(5, DEFAULTS, random)));
    expect(delays.size).toBeGreaterThan(40);
  });
});
