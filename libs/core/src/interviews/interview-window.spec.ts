import { AppError } from '../common/app-error';
import { assertInterviewWindow, interviewWindowProblems, START_IN_PAST_MESSAGE } from './interview-window';

const now = new Date('2026-12-02T12:00:00Z');
const at = (minutesFromNow: number) => new Date(now.getTime() + minutesFromNow * 60_000);
const codes = (start: number, end: number, graceMinutes = 5) =>
  interviewWindowProblems(at(start), at(end), { now, graceMinutes }).map((p) => `${p.field}:${p.code}`);

describe('interviewWindowProblems', () => {
  it.each([
    ['tomorrow, one hour', 24 * 60, 25 * 60, []],
    ['starting now', 0, 60, []],
    ['started 5 minutes ago (the grace)', -5, 55, []],
    ['started 6 minutes ago', -6, 54, ['startsAt:start_in_past']],
    ['yesterday', -24 * 60, -23 * 60, ['startsAt:start_in_past']],
    ['ends when it starts', 60, 60, ['endsAt:ends_before_start']],
    ['13 hours long', 60, 14 * 60, ['endsAt:too_long']],
    ['exactly 12 hours long', 60, 13 * 60, []],
    ['in the past and backwards', -120, -180, ['startsAt:start_in_past', 'endsAt:ends_before_start']],
  ])('%s', (_name, start, end, expected) => {
    expect(codes(start, end)).toEqual(expected);
  });

  it('has no grace when the setting is 0', () => {
    expect(codes(-1, 60, 0)).toEqual(['startsAt:start_in_past']);
  });

  it('says it in words next to the field', () => {
    expect(interviewWindowProblems(at(-60), at(0), { now, graceMinutes: 5 })).toEqual([
      { field: 'startsAt', message: START_IN_PAST_MESSAGE, code: 'start_in_past' },
    ]);
  });
});

describe('assertInterviewWindow', () => {
  const thrown = (start: number, end: number): AppError => {
    try {
      assertInterviewWindow(at(start), at(end), { now, graceMinutes: 5 });
    } catch (error) {
      return error as AppError;
    }
    throw new Error('nothing thrown');
  };

  it('answers 422 start_in_past, listing every problem, when the start is in the past', () => {
    const error = thrown(-120, -180);
    expect([error.kind, error.code, error.errors.length]).toEqual(['unprocessable', 'start_in_past', 2]);
  });

  it('answers 400 validation_failed for the other problems', () => {
    expect([thrown(60, 30).kind, thrown(60, 30).code]).toEqual(['validation', 'validation_failed']);
  });

  it('accepts a good window', () => {
    expect(() => assertInterviewWindow(at(60), at(120), { now, graceMinutes: 5 })).not.toThrow();
  });
});
