import { AuthContext, hasRole } from '../common/auth-context';

export interface DebriefAccess {
  /** Read the debrief and the decision. */
  read: boolean;
  /** See interviewers' private notes. */
  privateNotes: boolean;
  /** Record the hiring decision. */
  decide: boolean;
  /** Refused because the member is on the panel and still blind. */
  blind?: boolean;
}

/**
 * Who may do what with an application's debrief. Admins: everything. Recruiters: read (no private notes, no
 * decision). The role's own hiring manager: everything; other hiring managers: nothing. Interviewers: nothing —
 * feedback is blind and deciding is not theirs.
 *
 * Blind without exceptions: a member assigned to a (not cancelled) interview of the application who has not yet
 * submitted their own scorecard with at least one rating (`panel.assigned && !panel.submittedOwn`) may neither read
 * the debrief nor decide, whatever roles they hold (`blind: true` tells the caller why).
 */
export function debriefAccess(
  auth: AuthContext,
  role: { hiringManagerId: string | null },
  panel?: { assigned?: boolean; submittedOwn: boolean },
): DebriefAccess {
  if (panel?.assigned && !panel.submittedOwn) return { read: false, privateNotes: false, decide: false, blind: true };
  const admin = hasRole(auth, 'admin');
  const owner = hasRole(auth, 'hiring_manager') && role.hiringManagerId !== null && role.hiringManagerId === auth.memberId;
  return {
    read: admin || owner || hasRole(auth, 'recruiter'),
    privateNotes: admin || owner,
    decide: admin || owner,
  };
}
