import { createEvent } from 'ics';
import type { InterviewEmailParams } from './email-templates';
import { headerText } from './email-text';

export type CalendarMethod = 'REQUEST' | 'CANCEL';

/** The one calendar UID of an interview: every invite, move and cancellation of it updates the same entry. */
export function interviewCalendarUid(interviewId: string): string {
  return `interview-${interviewId}@hireloop`;
}

/**
 * An iCalendar (RFC 5545) invitation for one interviewer: METHOD:REQUEST with the interview's UID and SEQUENCE
 * (a move carries a higher SEQUENCE, so calendars update the entry), or METHOD:CANCEL with STATUS:CANCELLED.
 */
export function interviewCalendar(
  interview: InterviewEmailParams,
  options: { method: CalendarMethod; organizer: { name: string; email: string }; attendee: { name: string; email: string }; url: string },
): string {
  const { error, value } = createEvent({
    productId: 'hireloop/interviews',
    method: options.method,
    uid: interviewCalendarUid(interview.interviewId),
    sequence: interview.sequence,
    start: new Date(interview.startsAt).getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: new Date(interview.endsAt).getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: headerText(`${interview.roundName} interview: ${interview.candidateName} (${interview.roleTitle})`, 200),
    description: headerText(`Interview kit: ${options.url}`, 1000),
    url: options.url,
    status: options.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY',
    organizer: { name: headerText(options.organizer.name, 100), email: options.organizer.email },
    attendees: [
      { name: headerText(options.attendee.name, 100), email: options.attendee.email, rsvp: true, partstat: 'NEEDS-ACTION', role: 'REQ-PARTICIPANT' },
    ],
  });
  if (error || !value) throw error ?? new Error('could not build the calendar invitation');
  return value;
}
