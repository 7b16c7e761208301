import { AuthContext, hasRole } from '@hireloop/core';

export interface DebriefAccess {
  /** Read the debrief and the decision. */
  read: boolean;
  /** See interviewers' private notes. */
  privateNotes: boolean;
  /** Record the hiring decision. */
  decide: boolean;
}

/**
 * Who may do what with an application's debrief. Admins: everything. Recruiters: read (no private notes, no
 * decision). The role's own hiring manager: everything; other hiring managers: nothing. Interviewers: nothing —
 * feedback is blind and deciding is not theirs.
 */
export function debriefAccess(auth: AuthContext, role: { hiringManagerId: string | null }): DebriefAccess {
  const admin = hasRole(auth, 'admin');
  const owner = hasRole(auth, 'hiring_manager') && role.hiringManagerId !== null && role.hiringManagerId === auth.memberId;
  return {
    read: admin || owner || hasRole(auth, 'recruiter'),
    privateNotes: admin || owner,
    decide: admin || owner,
  };
}
