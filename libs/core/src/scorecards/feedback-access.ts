import { AuthContext, hasRole } from '../common/auth-context';

/** Facts about the caller and one application that decide what feedback they may read. */
export interface FeedbackViewer {
  auth: Pick<AuthContext, 'memberId' | 'roles'>;
  /** The role's hiring manager (member id), if any. */
  hiringManagerId: string | null;
  /** Assigned to an interview of the application (any status), or holds a scorecard on it. */
  onPanel: boolean;
  /**
   * Has a submitted scorecard for every non-cancelled interview of the application they are assigned to (and at
   * least one). A draft, a withdrawn scorecard or an interview still to come keeps them blind.
   */
  submittedOwn: boolean;
}

export type FeedbackAccess =
  /** Reads every non-draft scorecard of the application (submitted and withdrawn). */
  | { read: 'all'; privateNotes: boolean }
  /** Reads the panel's submitted scorecards (and their own), never others' private notes. */
  | { read: 'panel'; privateNotes: false }
  | { read: 'none'; code: 'feedback_blind' | 'not_on_panel' };

/**
 * The blind-feedback rule. Admins and the role's hiring manager read everything, private notes included;
 * recruiters read everything but private notes; an interviewer on the panel reads the panel's feedback only once
 * they have submitted their own; anyone else reads nothing. Drafts are never shown to anyone but their author.
 */
export function feedbackAccess(viewer: FeedbackViewer): FeedbackAccess {
  const { auth } = viewer;
  if (hasRole(auth as AuthContext, 'admin')) return { read: 'all', privateNotes: true };
  if (isRoleHiringManager(auth, viewer.hiringManagerId)) return { read: 'all', privateNotes: true };
  if (hasRole(auth as AuthContext, 'recruiter')) return { read: 'all', privateNotes: false };
  if (viewer.onPanel && viewer.submittedOwn) return { read: 'panel', privateNotes: false };
  if (viewer.onPanel) return { read: 'none', code: 'feedback_blind' };
  return { read: 'none', code: 'not_on_panel' };
}

/** The member is the hiring manager named on the role (and still holds the hiring_manager role). */
export function isRoleHiringManager(auth: Pick<AuthContext, 'memberId' | 'roles'>, hiringManagerId: string | null): boolean {
  return hiringManagerId !== null && hiringManagerId === auth.memberId && auth.roles.includes('hiring_manager');
}

/** Who may read an application (its candidate, interviews and status): admins, recruiters, the role's hiring manager. */
export function canReadApplication(auth: Pick<AuthContext, 'memberId' | 'roles'>, role: { hiringManagerId: string | null }): boolean {
  return auth.roles.includes('admin') || auth.roles.includes('recruiter') || isRoleHiringManager(auth, role.hiringManagerId);
}
