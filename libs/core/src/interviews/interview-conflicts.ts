import { EntityManager } from 'typeorm';
import { AppError } from '../common/app-error';

export interface InterviewConflict {
  interviewId: string;
  interviewerId: string;
  interviewerName: string;
  startsAt: string;
  endsAt: string;
}

/**
 * Refuses to book an interviewer twice at overlapping times (409 `interviewer_double_booked`, the clashes in
 * `conflicts`, named in the message) unless the caller says `allowConflict`. Only interviews that have not ended are
 * checked (the services refuse past start times before asking). Cancelled interviews never clash.
 */
export async function assertNoDoubleBooking(
  manager: EntityManager,
  organizationId: string,
  booking: { interviewerIds: string[]; startsAt: Date; endsAt: Date; excludeInterviewId?: string; allowConflict?: boolean },
  now = new Date(),
): Promise<void> {
  if (booking.allowConflict || booking.endsAt.getTime() <= now.getTime()) return;
  // Two bookings of one interviewer at once wait for each other, so both cannot pass the check.
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('interviewer-booking:' || x::text)) FROM unnest($1::uuid[]) AS x ORDER BY x`, [
    booking.interviewerIds,
  ]);
  const rows: { interview_id: string; interviewer_id: string; name: string; starts_at: Date; ends_at: Date }[] = await manager.query(
    `SELECT i.id AS interview_id, x.interviewer_id, u.name, i.starts_at, i.ends_at
       FROM interviews i
      CROSS JOIN LATERAL unnest(i.interviewer_ids) AS x(interviewer_id)
       JOIN members m ON m.id = x.interviewer_id AND m.organization_id = i.organization_id
       JOIN users u ON u.id = m.user_id
      WHERE i.organization_id = $1 AND i.status = 'scheduled' AND x.interviewer_id = ANY($2::uuid[])
        AND i.starts_at < $4::timestamptz AND i.ends_at > $3::timestamptz
        AND ($5::uuid IS NULL OR i.id <> $5::uuid)
      ORDER BY i.starts_at, u.name
      LIMIT 20`,
    [organizationId, booking.interviewerIds, booking.startsAt.toISOString(), booking.endsAt.toISOString(), booking.excludeInterviewId ?? null],
  );
  if (rows.length === 0) return;
  const conflicts: InterviewConflict[] = rows.map((r) => ({
    interviewId: r.interview_id,
    interviewerId: r.interviewer_id,
    interviewerName: r.name,
    startsAt: new Date(r.starts_at).toISOString(),
    endsAt: new Date(r.ends_at).toISOString(),
  }));
  const names = [...new Set(conflicts.map((c) => c.interviewerName))];
  const who = names.length === 1 ? `${names[0]} is` : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are`;
  throw AppError.conflict(
    'interviewer_double_booked',
    `${who} already booked for another interview at an overlapping time. Choose another time or other interviewers, or schedule anyway (allowConflict).`,
    { conflicts },
  );
}
