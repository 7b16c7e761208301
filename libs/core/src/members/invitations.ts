import type { MemberEntity } from './member.entity';

/** How long an invitation link works after it is sent (or sent again). */
export const INVITE_LIFETIME_MS = 7 * 24 * 3600 * 1000;
/** An invitation is sent again at most once a minute: a double click or an impatient admin does not flood an inbox. */
export const INVITE_RESEND_INTERVAL_MS = 60 * 1000;

type InviteState = Pick<MemberEntity, 'status' | 'invitedName'>;

/** Invited by an admin and not yet accepted, revoked or deactivated (a pending sign-up has no invited name). */
export function isPendingInvite(member: InviteState): boolean {
  return member.status === 'invited' && member.invitedName != null;
}

/** Accepted an invitation or signed up: there is an account behind the membership. Accepting clears invitedName. */
export function isJoined(member: InviteState): boolean {
  return member.status === 'active' || (member.status === 'deactivated' && member.invitedName == null);
}

/** An invitation that was revoked (or deactivated) before it was accepted: inviting the address again is allowed. */
export function isWithdrawnInvite(member: InviteState): boolean {
  return member.status === 'deactivated' && member.invitedName != null;
}

/** When the current link was sent: every send sets the expiry to send time + lifetime. */
export function inviteSentAt(expiresAt: Date): Date {
  return new Date(expiresAt.getTime() - INVITE_LIFETIME_MS);
}

/** Whole seconds to wait before the invitation may be sent again; 0 when it may be sent now. */
export function resendWaitSeconds(expiresAt: Date | null, now: Date): number {
  if (!expiresAt) return 0;
  const waitMs = inviteSentAt(expiresAt).getTime() + INVITE_RESEND_INTERVAL_MS - now.getTime();
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}
