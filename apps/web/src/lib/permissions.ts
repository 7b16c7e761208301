import type { Me } from '../api/types';

/**
 * Who may record the hiring decision (mirrors the API): an admin, or the role's own hiring manager. A recruiter —
 * or a hiring manager of another role — reads the debrief but is not offered the form.
 * `hiringManagerId` undefined means "not known" (the role could not be read): then any hiring manager is offered
 * the form and the API has the last word; null means the role has no hiring manager.
 */
export function canRecordDecision(me: Me | null | undefined, hiringManagerId: string | null | undefined): boolean {
  if (!me) return false;
  const roles = me.membership.roles;
  if (roles.includes('admin')) return true;
  if (!roles.includes('hiring_manager')) return false;
  if (hiringManagerId === undefined) return true;
  return hiringManagerId === me.membership.memberId;
}

/** Who may nudge an interviewer for missing feedback (mirrors the API): recruiters, admins and the role's hiring manager. */
export function canNudge(me: Me | null | undefined, hiringManagerId: string | null | undefined): boolean {
  if (!me) return false;
  if (me.membership.roles.includes('recruiter')) return true;
  return canRecordDecision(me, hiringManagerId);
}
