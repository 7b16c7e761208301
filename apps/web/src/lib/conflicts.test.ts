import { describe, expect, it } from 'vitest';
import { bookingConflicts, conflictLines } from './conflicts';
import { ApiError } from './problem';

describe('bookingConflicts', () => {
  const conflict = { interviewId: 'i1', interviewerId: 'm1', interviewerName: 'Alice Interviewer', startsAt: 'S', endsAt: 'E' };
  it('reads the clashes of a double-booking 409 and nothing else', () => {
    expect(bookingConflicts(new ApiError({ status: 409, code: 'interviewer_double_booked', detail: 'x', conflicts: [conflict] }))).toEqual([
      conflict,
    ]);
    expect(bookingConflicts(new ApiError({ status: 409, code: 'interviewer_double_booked' }))).toEqual([]);
    expect(bookingConflicts(new ApiError({ status: 409, code: 'interview_has_feedback' }))).toBeNull();
    expect(bookingConflicts(null)).toBeNull();
  });
  it('words each clash with the name and the time, never the id', () => {
    expect(
      conflictLines(
        [conflict],
        (s) => `<${s}>`,
        (e) => `[${e}]`,
      ),
    ).toEqual(['Alice Interviewer: <S>–[E]']);
  });
});
