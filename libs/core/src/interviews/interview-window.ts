import { AppError, FieldError } from '../common/app-error';

export const MAX_INTERVIEW_HOURS = 12;

export const START_IN_PAST_MESSAGE = 'The start time is in the past: choose a time from now on.';

/**
 * The problems of an interview's times, all at once: the end must follow the start, an interview lasts at most
 * MAX_INTERVIEW_HOURS, and it may not start before `now` less `graceMinutes` (clocks differ a little; an interview
 * that already took place is not scheduled or moved into the past through the API).
 */
export function interviewWindowProblems(startsAt: Date, endsAt: Date, options: { now: Date; graceMinutes: number }): FieldError[] {
  const problems: FieldError[] = [];
  if (startsAt.getTime() < options.now.getTime() - options.graceMinutes * 60_000) {
    problems.push({ field: 'startsAt', message: START_IN_PAST_MESSAGE, code: 'start_in_past' });
  }
  if (!(endsAt.getTime() > startsAt.getTime())) {
    problems.push({ field: 'endsAt', message: 'End time: choose a time after the start time.', code: 'ends_before_start' });
  } else if (endsAt.getTime() - startsAt.getTime() > MAX_INTERVIEW_HOURS * 3600_000) {
    problems.push({ field: 'endsAt', message: `End time: an interview lasts at most ${MAX_INTERVIEW_HOURS} hours.`, code: 'too_long' });
  }
  return problems;
}

/** Throws 422 start_in_past when the start is in the past (listing every problem), else 400 for the other problems. */
export function assertInterviewWindow(startsAt: Date, endsAt: Date, options: { now: Date; graceMinutes: number }): void {
  const problems = interviewWindowProblems(startsAt, endsAt, options);
  if (problems.length === 0) return;
  if (problems.some((p) => p.code === 'start_in_past')) throw AppError.unprocessable('start_in_past', START_IN_PAST_MESSAGE, problems);
  throw AppError.invalidFields(problems, problems.map((p) => p.message).join(' '));
}
