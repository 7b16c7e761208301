import type { ApiError } from './problem';

export interface BookingConflict {
  interviewId: string;
  interviewerId: string;
  interviewerName: string;
  startsAt: string;
  endsAt: string;
}

/** The clashes of a 409 `interviewer_double_booked`, or null for any other error. */
export function bookingConflicts(error: ApiError | null | undefined): BookingConflict[] | null {
  if (!error || error.code !== 'interviewer_double_booked') return null;
  const list = error.problem.conflicts;
  return Array.isArray(list) ? (list as BookingConflict[]).filter((c) => c && typeof c.interviewerName === 'string') : [];
}

/** "Alice Interviewer: Tue 1 Dec, 10:00–11:00" lines for the warning. */
export function conflictLines(conflicts: BookingConflict[], formatTime: (iso: string) => string, formatEnd: (iso: string) => string): string[] {
  return conflicts.map((c) => `${c.interviewerName}: ${formatTime(c.startsAt)}–${formatEnd(c.endsAt)}`);
}
