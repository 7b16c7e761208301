import { UnrecoverableError } from 'bullmq';
import { scanClock } from './feedback-reminders.processor';
import { isFinalAttempt } from './webhook-delivery.processor';

describe('scanClock', () => {
  const real = new Date('2025-06-01T12:00:00.000Z');
  it.each`
    data                                   | nodeEnv          | expected
    ${undefined}                           | ${'test'}        | ${real.toISOString()}
    ${{}}                                  | ${'development'} | ${real.toISOString()}
    ${{ now: '2030-01-02T03:04:05.000Z' }} | ${'test'}        | ${'2030-01-02T03:04:05.000Z'}
    ${{ now: '2030-01-02T03:04:05.000Z' }} | ${'development'} | ${'2030-01-02T03:04:05.000Z'}
    ${{ now: '2030-01-02T03:04:05.000Z' }} | ${'production'}  | ${real.toISOString()}
  `('uses $data.now in $nodeEnv → $expected', ({ data, nodeEnv, expected }) => {
    expect(scanClock(data, nodeEnv, real).toISOString()).toBe(expected);
  });

  it('refuses a job whose now is not a date, for good', () => {
    expect(() => scanClock({ now: 'yesterday' }, 'test', real)).toThrow(UnrecoverableError);
  });
});

describe('isFinalAttempt', () => {
  it.each`
    attemptsMade | attempts     | final
    ${0}         | ${5}         | ${false}
    ${3}         | ${5}         | ${false}
    ${4}         | ${5}         | ${true}
    ${0}         | ${1}         | ${true}
    ${0}         | ${undefined} | ${true}
  `('attempt $attemptsMade of $attempts → final $final', ({ attemptsMade, attempts, final }) => {
    expect(isFinalAttempt({ attemptsMade, opts: { attempts } } as never)).toBe(final);
  });
});
