import { INVITE_LIFETIME_MS, inviteSentAt, isJoined, isPendingInvite, isWithdrawnInvite, resendWaitSeconds } from './invitations';

describe('invitation states', () => {
  it.each([
    // status, invitedName, pending, joined, withdrawn
    ['invited', 'Ada', true, false, false],
    ['invited', null, false, false, false], // a sign-up waiting for its email confirmation
    ['active', null, false, true, false],
    ['deactivated', null, false, true, false], // joined, then deactivated: may be reactivated
    ['deactivated', 'Ada', false, false, true], // revoked before accepting: may be invited again
  ] as const)('%s with invited name %p', (status, invitedName, pending, joined, withdrawn) => {
    const member = { status, invitedName };
    expect([isPendingInvite(member), isJoined(member), isWithdrawnInvite(member)]).toEqual([pending, joined, withdrawn]);
  });
});

describe('resendWaitSeconds', () => {
  const sentAt = new Date('2026-12-02T12:00:00Z');
  const expiresAt = new Date(sentAt.getTime() + INVITE_LIFETIME_MS);
  it.each([
    [0, 60],
    [1, 60], // rounded up: never tells the admin to retry too early
    [1_000, 59],
    [59_001, 1],
    [60_000, 0],
    [3_600_000, 0],
  ])('%i ms after sending: wait %i s', (elapsedMs, wait) => {
    expect(resendWaitSeconds(expiresAt, new Date(sentAt.getTime() + elapsedMs))).toBe(wait);
  });
  it('has nothing to wait for without a sent link', () => expect(resendWaitSeconds(null, sentAt)).toBe(0));
  it('derives the send time from the expiry', () => expect(inviteSentAt(expiresAt)).toEqual(sentAt));
});
