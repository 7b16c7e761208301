import { createEvent, createEvents, EventAttributes } from 'ics';
import type { InterviewEmailParams } from './email-templates';
import { headerText } from './email-text';

export type CalendarMethod = 'REQUEST' | 'CANCEL';

/** The one calendar UID of an interview: every invite, move and cancellation of it updates the same entry. */
export function interviewCalendarUid(interviewId: string): string {
  return `interview-${interviewId}@hireloop`;
}

/** What the calendar entry of an interview shows, wherever it goes (an emailed invitation or the feed). */
export interface InterviewCalendarEntry {
  interviewId: string;
  /** The SEQUENCE of the interview's latest change (0 for the first invitation). */
  sequence: number;
  startsAt: string | Date;
  endsAt: string | Date;
  roundName: string | null;
  candidateName: string;
  roleTitle: string;
  cancelled: boolean;
  /** The interview kit in the web app. */
  url: string;
  lastModified?: string | Date;
}

/** The VEVENT of an interview: the same UID, SEQUENCE, times, title and link in invitations and the feed. */
function interviewEvent(entry: InterviewCalendarEntry): EventAttributes {
  return {
    uid: interviewCalendarUid(entry.interviewId),
    sequence: entry.sequence,
    start: new Date(entry.startsAt).getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: new Date(entry.endsAt).getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: headerText(`${entry.roundName ?? 'Interview'} interview: ${entry.candidateName} (${entry.roleTitle})`, 200),
    description: headerText(`Interview kit: ${entry.url}`, 1000),
    url: entry.url,
    status: entry.cancelled ? 'CANCELLED' : 'CONFIRMED',
    ...(entry.lastModified !== undefined ? { lastModified: new Date(entry.lastModified).getTime() } : {}),
  };
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
    ...interviewEvent({ ...interview, cancelled: options.method === 'CANCEL', url: options.url }),
    productId: 'hireloop/interviews',
    method: options.method,
    busyStatus: 'BUSY',
    organizer: { name: headerText(options.organizer.name, 100), email: options.organizer.email },
    attendees: [
      { name: headerText(options.attendee.name, 100), email: options.attendee.email, rsvp: true, partstat: 'NEEDS-ACTION', role: 'REQ-PARTICIPANT' },
    ],
  });
  if (error || !value) throw error ?? new Error('could not build the calendar invitation');
  return value;
}

/** A subscribable calendar (METHOD:PUBLISH) of interviews, cancelled ones as STATUS:CANCELLED. */
export function interviewCalendarFeed(entries: InterviewCalendarEntry[], options: { name: string }): string {
  const { error, value } = createEvents(entries.map(interviewEvent), {
    productId: 'hireloop/interviews',
    method: 'PUBLISH',
    calName: headerText(options.name, 100),
  });
  if (error || !value) throw error ?? new Error('could not build the calendar feed');
  return value;
}
