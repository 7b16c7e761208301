import { describe, expect, it } from 'vitest';
import type { AppNotification } from '../api/types';
import { badgeText, notificationMessage } from './notifications';

const base: AppNotification = {
  id: 'n1',
  kind: 'feedback_reminder',
  interviewId: 'i1',
  interviewerId: 'm1',
  step: 2,
  payload: { applicationId: 'a1', roleId: 'r1', roleTitle: 'Data Engineer', interviewEndedAt: 'END', dueAt: 'DUE', daysOverdue: 2 },
  createdAt: '2026-12-01T10:00:00.000Z',
  readAt: null,
};
const when = (iso: string) => `<${iso}>`;

describe('notificationMessage', () => {
  it('words a reminder with its due time and days overdue, leading to the scorecard', () => {
    expect(notificationMessage(base, when)).toEqual({
      text: 'Your scorecard for Data Engineer is due <DUE> (2 days overdue); the interview ended <END>.',
      action: { label: 'Write feedback', to: '/interviews/i1' },
    });
    expect(notificationMessage({ ...base, payload: { ...base.payload, daysOverdue: 0 } }, when).text).toBe(
      'Your scorecard for Data Engineer is due <DUE>; the interview ended <END>.',
    );
  });
  it('names who nudged, and sends an escalation to the debrief — never an id in the text', () => {
    const nudge = notificationMessage(
      { ...base, kind: 'feedback_nudge', payload: { ...base.payload, daysOverdue: 1, nudgedBy: { memberId: 'm9', name: 'Riley Recruiter' } } },
      when,
    );
    expect(nudge.text).toBe(
      'Riley Recruiter asked for your scorecard for Data Engineer: the interview ended <END>, it was due <DUE> (1 day overdue).',
    );
    const escalation = notificationMessage({ ...base, kind: 'feedback_escalation' }, when);
    expect(escalation.action).toEqual({ label: 'Open the debrief', to: '/applications/a1/debrief' });
    for (const m of [nudge, escalation]) expect(m.text).not.toMatch(/m9|m1|a1|i1/);
  });
});

describe('badgeText', () => {
  it.each([
    [0, false, '0'],
    [7, false, '7'],
    [100, false, '99+'],
    [100, true, '99+'],
  ])('%i unread (more: %s) → %s', (n, more, text) => expect(badgeText(n, more)).toBe(text));
});
