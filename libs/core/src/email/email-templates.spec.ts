import { interviewCalendar, interviewCalendarFeed, interviewCalendarUid } from './email-calendar';
import { EMAIL_TEMPLATES, InterviewEmailParams, renderEmail } from './email-templates';

const ctx = { organizationName: 'Acme <Robotics>', recipientName: 'Ivy', appUrl: 'https://app.example.com' };
const interview: InterviewEmailParams = {
  interviewId: '11111111-1111-4111-8111-111111111111',
  applicationId: '22222222-2222-4222-8222-222222222222',
  candidateName: 'Mallory\r\nBcc: victim@evil.test',
  roleTitle: 'Staff <b>Engineer</b>',
  roundName: 'Technical',
  startsAt: '2026-12-03T14:00:00.000Z',
  endsAt: '2026-12-03T15:00:00.000Z',
  sequence: 2,
  interviewerNames: ['Alice', 'Bob'],
};
const params: Record<string, Record<string, unknown>> = {
  invitation: { token: 'tok/en+1', expiresAt: '2026-12-09T10:00:00.000Z', inviterName: 'Alex', roles: ['interviewer'] },
  email_verification: { token: 'verify', email: 'ivy@example.test' },
  signup_attempt: { email: 'ivy@example.test' },
  password_reset: { token: 'reset', expiresAt: '2026-12-02T11:00:00.000Z' },
  password_changed: { changedAt: '2026-12-03T09:30:00.000Z' },
  email_change: { token: 'change/1', newEmail: 'ivy@new.example', expiresAt: '2026-12-04T11:00:00.000Z' },
  email_changed: { newEmail: 'ivy@new.example', changedAt: '2026-12-04T10:30:00.000Z' },
  interview_scheduled: interview as unknown as Record<string, unknown>,
  interview_moved: { ...interview, previousStartsAt: '2026-12-02T14:00:00.000Z' } as unknown as Record<string, unknown>,
  interview_cancelled: interview as unknown as Record<string, unknown>,
  feedback_reminder: {
    interviewId: interview.interviewId,
    roleTitle: 'Staff Engineer',
    interviewEndedAt: '2026-12-01T15:00:00.000Z',
    daysOverdue: 1,
  },
  feedback_escalation: {
    interviewId: interview.interviewId,
    applicationId: interview.applicationId,
    interviewerName: 'Alice',
    roleTitle: 'Staff Engineer',
    interviewEndedAt: '2026-12-01T15:00:00.000Z',
    daysOverdue: 3,
  },
  decision_recorded: {
    applicationId: interview.applicationId,
    decision: 'no_hire',
    candidateName: 'Grace',
    roleTitle: 'Staff Engineer',
    decidedByName: 'Harper',
  },
  self_identification: {
    token: 'Sx_-9',
    expiresAt: '2026-12-16T10:00:00.000Z',
    roleTitle: 'Staff <b>Engineer</b>',
    applicationId: interview.applicationId,
  },
};

describe('email templates', () => {
  it.each(EMAIL_TEMPLATES.map((t) => [t]))('%s: one-line subject, text and HTML parts, organization name, escaped HTML', (template) => {
    const email = renderEmail(template, params[template], ctx);
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject.length).toBeGreaterThan(5);
    expect(email.text).toContain('Hello Ivy,');
    expect(email.text).toContain('Acme <Robotics>');
    expect(email.html).toContain('Acme &lt;Robotics&gt;');
    expect(email.html).not.toMatch(/<Robotics>|<b>Engineer/);
  });

  it('puts a preferences link in non-essential mail only', () => {
    expect(renderEmail('invitation', params.invitation, ctx).text).not.toContain('/settings/notifications');
    expect(renderEmail('password_reset', params.password_reset, ctx).text).not.toContain('/settings/notifications');
    expect(renderEmail('password_changed', params.password_changed, ctx).text).not.toContain('/settings/notifications');
    expect(renderEmail('email_change', params.email_change, ctx).text).not.toContain('/settings/notifications');
    expect(renderEmail('email_changed', params.email_changed, ctx).text).not.toContain('/settings/notifications');
    // A candidate is not a user: no account, so no preferences to link to.
    expect(renderEmail('self_identification', params.self_identification, ctx).text).not.toContain('/settings/notifications');
    expect(renderEmail('self_identification', params.self_identification, ctx).html).not.toContain('Email preferences');
    expect(renderEmail('feedback_reminder', params.feedback_reminder, ctx).text).toContain(
      'Choose which emails you get: https://app.example.com/settings/notifications',
    );
    expect(renderEmail('decision_recorded', params.decision_recorded, ctx).html).toContain('href="https://app.example.com/settings/notifications"');
  });

  it('links to the page each email is about, with URL-encoded tokens', () => {
    expect(renderEmail('invitation', params.invitation, ctx).text).toContain('https://app.example.com/accept-invite?token=tok%2Fen%2B1');
    expect(renderEmail('password_reset', params.password_reset, ctx).text).toContain('https://app.example.com/reset-password?token=reset');
    expect(renderEmail('email_verification', params.email_verification, ctx).text).toContain('https://app.example.com/verify-email?token=verify');
    expect(renderEmail('self_identification', params.self_identification, ctx).text).toContain(
      'Open the form: https://app.example.com/#/self-identification/Sx_-9',
    );
    expect(renderEmail('signup_attempt', params.signup_attempt, ctx).text).toContain('https://app.example.com/signin');
    expect(renderEmail('password_changed', params.password_changed, ctx).text).toContain('https://app.example.com/forgot-password');
    expect(renderEmail('email_change', params.email_change, ctx).text).toContain('https://app.example.com/confirm-email-change?token=change%2F1');
    expect(renderEmail('email_changed', params.email_changed, ctx).text).toContain('to ivy@new.example');
    expect(renderEmail('feedback_reminder', params.feedback_reminder, ctx).text).toContain(
      `https://app.example.com/interviews/${interview.interviewId}`,
    );
    expect(renderEmail('feedback_escalation', params.feedback_escalation, ctx).text).toContain(
      `https://app.example.com/applications/${interview.applicationId}/debrief`,
    );
  });

  it('flattens injected line breaks in the subject', () => {
    expect(renderEmail('interview_scheduled', params.interview_scheduled, ctx).subject).toBe(
      'Interview: Technical interview with Mallory Bcc: victim@evil.test (Staff <b>Engineer</b>)',
    );
  });

  it('refuses an unknown template', () => {
    expect(() => renderEmail('nope' as never, {}, ctx)).toThrow(/unknown email template/);
  });
});

describe('interview calendar invitations', () => {
  const options = {
    organizer: { name: 'hireloop', email: 'no-reply@example.test' },
    attendee: { name: 'Alice', email: 'alice@example.test' },
    url: 'https://app.example.com/interviews/1',
  };
  const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

  it('REQUEST with the interview UID, SEQUENCE, UTC times and the attendee', () => {
    const ics = unfold(interviewCalendar(interview, { ...options, method: 'REQUEST' }));
    expect(ics).toMatch(/^METHOD:REQUEST$/m);
    expect(ics).toContain(`UID:${interviewCalendarUid(interview.interviewId)}`);
    expect(ics).toMatch(/^SEQUENCE:2$/m);
    expect(ics).toMatch(/^DTSTART:20261203T140000Z$/m);
    expect(ics).toMatch(/^DTEND:20261203T150000Z$/m);
    expect(ics).toMatch(/^STATUS:CONFIRMED$/m);
    expect(ics).toMatch(/ATTENDEE;.*mailto:alice@example.test/);
    expect(ics).not.toMatch(/^Bcc:/m);
  });

  it('CANCEL with STATUS:CANCELLED for the same UID', () => {
    const ics = unfold(interviewCalendar(interview, { ...options, method: 'CANCEL' }));
    expect(ics).toMatch(/^METHOD:CANCEL$/m);
    expect(ics).toMatch(/^STATUS:CANCELLED$/m);
    expect(ics).toContain(`UID:interview-${interview.interviewId}@hireloop`);
  });
});

describe('interview calendar feed', () => {
  const url = 'https://app.example.com/interviews/1';
  const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
  /** The lines of the first VEVENT, by property name (parameters dropped). */
  const eventFields = (ics: string, names: string[]) => {
    const event = unfold(ics).split('BEGIN:VEVENT')[1].split('END:VEVENT')[0];
    return Object.fromEntries(names.map((name) => [name, new RegExp(`^${name}(?:;[^:]*)?:(.*)$`, 'm').exec(event)?.[1]]));
  };
  const SHARED = ['UID', 'SEQUENCE', 'DTSTART', 'DTEND', 'SUMMARY', 'DESCRIPTION', 'URL'];

  it('carries the very event of the emailed invitation (UID, SEQUENCE, times, title, link), published', () => {
    const invitation = interviewCalendar(interview, {
      method: 'REQUEST',
      organizer: { name: 'hireloop', email: 'no-reply@example.test' },
      attendee: { name: 'Alice', email: 'alice@example.test' },
      url,
    });
    const feed = interviewCalendarFeed([{ ...interview, cancelled: false, url, lastModified: '2026-12-01T09:00:00.000Z' }], {
      name: 'Interviews · Acme\r\nX-Evil: 1',
    });
    expect(eventFields(feed, SHARED)).toEqual(eventFields(invitation, SHARED));
    expect(eventFields(feed, ['SUMMARY']).SUMMARY).toContain('Technical interview: Mallory');
    expect(eventFields(feed, ['SUMMARY']).SUMMARY).not.toMatch(/\r|\n/);
    expect(unfold(feed)).toMatch(/^METHOD:PUBLISH$/m);
    expect(unfold(feed)).toMatch(/^X-WR-CALNAME:Interviews · Acme X-Evil: 1$/m);
    expect(unfold(feed)).not.toMatch(/^X-Evil/m);
    expect(eventFields(feed, ['STATUS', 'LAST-MODIFIED'])).toEqual({ STATUS: 'CONFIRMED', 'LAST-MODIFIED': '20261201T090000Z' });
  });

  it('marks a cancelled interview STATUS:CANCELLED and names a round-less one "Interview"', () => {
    const feed = interviewCalendarFeed([{ ...interview, roundName: null, cancelled: true, url }], { name: 'Interviews' });
    expect(eventFields(feed, ['STATUS', 'UID'])).toEqual({ STATUS: 'CANCELLED', UID: interviewCalendarUid(interview.interviewId) });
    expect(eventFields(feed, ['SUMMARY']).SUMMARY).toMatch(/^Interview interview: /);
  });
});
