import { AuthContext, hasRole } from '../common/auth-context';

/** Facts about the caller and one application that decide what feedback they may read. */
export interface FeedbackViewer {
  auth: Pick<AuthContext, 'memberId' | 'roles'>;
  /** The role's hiring manager (member id), if any. */
  hiringManagerId: string | null;
  /** Assigned to an interview of the application (any status), or holds a scorecard on it. */
  onPanel: boolean;
  /**
   * Assigned to an interview of the application that is not cancelled. Such a member is blind until
   * `submittedOwn`, whatever other roles they hold (admin, recruiter, the role's hiring manager). Absent = false.
   */
  assigned?: boolean;
  /**
   * Has a submitted scorecard for every non-cancelled interview of the application they are assigned to (and at
   * least one), and at least one of their submitted scorecards rates a dimension. A draft, a withdrawn scorecard,
   * an interview still to come, or only scorecards marking every dimension "not assessed" keep them blind.
   */
  submittedOwn: boolean;
}

/** What `panelFactsOf` reads: the application's interviews and scorecards. */
export interface PanelFactsInput {
  interviews: readonly { id: string; interviewerIds: readonly string[]; status: string }[];
  scorecards: readonly {
    interviewId: string;
    interviewerId: string;
    status: string;
    ratings?: readonly { rating?: number | null; notAssessed?: boolean | null }[] | null;
  }[];
}

export interface PanelFacts {
  onPanel: boolean;
  assigned: boolean;
  submittedOwn: boolean;
}

/** The blind rule's facts about one member, from the application's interviews and scorecards (pure). */
export function panelFactsOf(memberId: string, input: PanelFactsInput): PanelFacts {
  const mine = input.scorecards.filter((s) => s.interviewerId === memberId);
  const assignedTo = input.interviews.filter((i) => i.interviewerIds.includes(memberId));
  const active = assignedTo.filter((i) => i.status !== 'cancelled');
  const submitted = mine.filter((s) => s.status === 'submitted');
  const submittedFor = new Set(submitted.map((s) => s.interviewId));
  const ratesSomething = submitted.some((s) => (s.ratings ?? []).some((r) => !r.notAssessed && r.rating !== null && r.rating !== undefined));
  return {
    onPanel: assignedTo.length > 0 || mine.length > 0,
    assigned: active.length > 0,
    submittedOwn: submitted.length > 0 && ratesSomething && active.every((i) => submittedFor.has(i.id)),
  };
}

export type FeedbackAccess =
  /** Reads every non-draft scorecard of the application (submitted and withdrawn). */
  | { read: 'all'; privateNotes: boolean }
  /** Reads the panel's submitted scorecards (and their own), never others' private notes. */
  | { read: 'panel'; privateNotes: false }
  | { read: 'none'; code: 'feedback_blind' | 'not_on_panel' };

/**
 * The blind-feedback rule. A member assigned to a (not cancelled) interview of the application reads nothing of the
 * panel's feedback until they have submitted their own with at least one rating — whatever other roles they hold
 * (no exception for admins, recruiters or the role's hiring manager). Otherwise: admins and the role's hiring
 * manager read everything, private notes included; recruiters read everything but private notes; an interviewer
 * on the panel reads the panel's feedback once they have submitted their own; anyone else reads nothing. Drafts
 * are never shown to anyone but their author.
 */
export function feedbackAccess(viewer: FeedbackViewer): FeedbackAccess {
  const { auth } = viewer;
  if (viewer.assigned && !viewer.submittedOwn) return { read: 'none', code: 'feedback_blind' };
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

/** The audit action of a recorded hiring decision (entity: the application). */
const BLIND_DECISION_ACTION = 'decision.recorded';

/**
 * Audit entries about scorecards of applications on whose panel the reader is still blind, and the hiring decisions
 * recorded on them (the report's recommendation, the rationale that sums up the feedback), with their content
 * withheld: the audit log must not be a way around the blind rule (an admin may sit on a panel). Other entries
 * pass unchanged.
 */
export function withholdBlindAuditEntries<T extends { entityType: string; entityId?: string; action?: string; before: unknown; after: unknown }>(
  items: readonly T[],
  blindApplicationIds: ReadonlySet<string>,
): T[] {
  if (blindApplicationIds.size === 0) return [...items];
  const applicationOf = (state: unknown) => (state && typeof state === 'object' ? (state as { applicationId?: unknown }).applicationId : undefined);
  return items.map((item) => {
    const decision = item.entityType === 'application' && item.action === BLIND_DECISION_ACTION;
    if (item.entityType !== 'scorecard' && !decision) return item;
    const applicationId = decision ? item.entityId : (applicationOf(item.after) ?? applicationOf(item.before));
    if (typeof applicationId !== 'string' || !blindApplicationIds.has(applicationId)) return item;
    const withheld = { applicationId, withheld: 'feedback_blind' };
    return {
      ...item,
      before: item.before === null || item.before === undefined ? item.before : withheld,
      after: item.after === null || item.after === undefined ? item.after : withheld,
    };
  });
}
