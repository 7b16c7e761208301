import type { AppNotification } from '../api/types';

/** A notification in words, and where it leads. */
export interface NotificationMessage {
  text: string;
  action: { label: string; to: string };
}

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

export function notificationMessage(n: AppNotification, formatWhen: (iso: string) => string): NotificationMessage {
  const p = n.payload;
  const overdue = p.daysOverdue > 0 ? ` (${days(p.daysOverdue)} overdue)` : '';
  switch (n.kind) {
    case 'feedback_nudge':
      return {
        text: `${p.nudgedBy?.name || 'A colleague'} asked for your scorecard for ${p.roleTitle}: the interview ended ${formatWhen(p.interviewEndedAt)}, it was due ${formatWhen(p.dueAt)}${overdue}.`,
        action: { label: 'Write feedback', to: `/interviews/${n.interviewId}` },
      };
    case 'feedback_escalation':
      return {
        text: `A panel member has not submitted their scorecard for ${p.roleTitle}; it was due ${formatWhen(p.dueAt)}${overdue}.`,
        action: { label: 'Open the debrief', to: `/applications/${p.applicationId}/debrief` },
      };
    default:
      return {
        text: `Your scorecard for ${p.roleTitle} is due ${formatWhen(p.dueAt)}${overdue}; the interview ended ${formatWhen(p.interviewEndedAt)}.`,
        action: { label: 'Write feedback', to: `/interviews/${n.interviewId}` },
      };
  }
}

/** The badge's text: the count, "99+" beyond. */
export function badgeText(unread: number, more: boolean): string {
  return unread > 99 || more ? '99+' : String(unread);
}
