import { EntityManager } from 'typeorm';
import { AppError } from '../common/app-error';
import type { InterviewsRepository, OverlappingBookingRow } from './interviews.repository';

export interface InterviewConflict {
  interviewId: string;
  interviewerId: string;
  interviewerName: string;
  startsAt: string;
  endsAt: string;
}

/** The queries the check needs (InterviewsRepository). */
export type BookingQueries = Pick<InterviewsRepository, 'lockInterviewerBookings' | 'overlappingBookings'>;

/**
 * Refuses to book an interviewer twice at overlapping times (409 `interviewer_double_booked`, the clashes in
 * `conflicts`, named in the message) unless the caller says `allowConflict`. Only interviews that have not ended are
 * checked (the services refuse past start times before asking). Cancelled interviews never clash.
 */
export async function assertNoDoubleBooking(
  interviews: BookingQueries,
  manager: EntityManager,
  organizationId: string,
  booking: { interviewerIds: string[]; startsAt: Date; endsAt: Date; excludeInterviewId?: string; allowConflict?: boolean },
  now = new Date(),
): Promise<void> {
  if (booking.allowConflict || booking.endsAt.getTime() <= now.getTime()) return;
  // Two bookings of one interviewer at once wait for each other, so both cannot pass the check.
  await interviews.lockInterviewerBookings(manager, booking.interviewerIds);
  const rows = await interviews.overlappingBookings(manager, organizationId, booking);
  if (rows.length > 0) throw doubleBooked(rows);
}

/** The 409 for these clashes: every clash in `conflicts`, the interviewers named once each in the message. */
export function doubleBooked(rows: OverlappingBookingRow[]): AppError {
  const conflicts: InterviewConflict[] = rows.map((r) => ({
    interviewId: r.interview_id,
    interviewerId: r.interviewer_id,
    interviewerName: r.name,
    startsAt: new Date(r.starts_at).toISOString(),
    endsAt: new Date(r.ends_at).toISOString(),
  }));
  const names = [...new Set(conflicts.map((c) => c.interviewerName))];
  const who = names.length === 1 ? `${names[0]} is` : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are`;
  return AppError.conflict(
    'interviewer_double_booked',
    `${who} already booked for another interview at an overlapping time. Choose another time or other interviewers, or schedule anyway (allowConflict).`,
    { conflicts },
  );
}
