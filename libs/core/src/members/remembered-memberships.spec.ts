import type { AuthContext } from '../common/auth-context';
import { parseMembershipChange, RememberedMemberships } from './remembered-memberships';

const ada: AuthContext = { userId: 'user-ada', organizationId: 'org-1', memberId: 'member-ada', roles: ['interviewer'] };
const bob: AuthContext = { userId: 'user-bob', organizationId: 'org-1', memberId: 'member-bob', roles: ['recruiter'] };

function hearing(now?: () => number): RememberedMemberships {
  const memberships = new RememberedMemberships({ maxEntries: 100, ttlMs: 30_000, now });
  memberships.startHearing();
  return memberships;
}

const lookupOf = (memberships: RememberedMemberships, auth: AuthContext, tokenId?: string) =>
  memberships.lookup(auth.memberId, auth.userId, auth.organizationId, tokenId);

describe('RememberedMemberships', () => {
  it('answers a membership read after the ticket, per member and token', () => {
    const memberships = hearing();
    memberships.remember(memberships.ticket(), ada, 'token-1');
    expect(lookupOf(memberships, ada, 'token-1')).toEqual(ada);
    expect(lookupOf(memberships, ada, 'token-2')).toBeUndefined();
    expect(lookupOf(memberships, ada)).toBeUndefined();
  });

  it('does not answer for a token whose claims name another user or organization', () => {
    const memberships = hearing();
    memberships.remember(memberships.ticket(), ada, 'token-1');
    expect(memberships.lookup(ada.memberId, 'user-mallory', ada.organizationId, 'token-1')).toBeUndefined();
    expect(memberships.lookup(ada.memberId, ada.userId, 'org-2', 'token-1')).toBeUndefined();
  });

  it('hands out copies: a caller changing its roles does not change the next answer', () => {
    const memberships = hearing();
    memberships.remember(memberships.ticket(), ada, 'token-1');
    lookupOf(memberships, ada, 'token-1')!.roles.push('admin');
    expect(lookupOf(memberships, ada, 'token-1')!.roles).toEqual(['interviewer']);
  });

  it('forgets one member on its change, every token of it, and no one else', () => {
    const memberships = hearing();
    memberships.remember(memberships.ticket(), ada, 'token-1');
    memberships.remember(memberships.ticket(), ada, 'token-2');
    memberships.remember(memberships.ticket(), bob, 'token-3');
    memberships.forget(parseMembershipChange(`m:${ada.memberId}`));
    expect(lookupOf(memberships, ada, 'token-1')).toBeUndefined();
    expect(lookupOf(memberships, ada, 'token-2')).toBeUndefined();
    expect(lookupOf(memberships, bob, 'token-3')).toEqual(bob);
  });

  it('forgets a signed-out token only', () => {
    const memberships = hearing();
    memberships.remember(memberships.ticket(), ada, 'token-1');
    memberships.remember(memberships.ticket(), ada, 'token-2');
    memberships.forget(parseMembershipChange('t:token-1'));
    expect(lookupOf(memberships, ada, 'token-1')).toBeUndefined();
    expect(lookupOf(memberships, ada, 'token-2')).toEqual(ada);
  });

  it('does not remember a read that a change overtook (it may have seen the state before the change)', () => {
    const memberships = hearing();
    const ticket = memberships.ticket();
    memberships.forget(parseMembershipChange(`m:${bob.memberId}`));
    memberships.remember(ticket, ada, 'token-1');
    expect(lookupOf(memberships, ada, 'token-1')).toBeUndefined();
  });

  it('remembers nothing while not hearing, forgets everything when hearing stops, and reads begun before hearing stay out', () => {
    const memberships = new RememberedMemberships({ maxEntries: 100, ttlMs: 30_000 });
    expect(memberships.ticket()).toBeNull();
    memberships.remember(memberships.ticket(), ada, 'token-1');
    expect(lookupOf(memberships, ada, 'token-1')).toBeUndefined();

    memberships.startHearing();
    memberships.remember(memberships.ticket(), ada, 'token-1');
    const beforeLoss = memberships.ticket();
    memberships.stopHearing();
    expect(lookupOf(memberships, ada, 'token-1')).toBeUndefined();
    memberships.startHearing();
    memberships.remember(beforeLoss, bob, 'token-3');
    expect(lookupOf(memberships, ada, 'token-1')).toBeUndefined();
    expect(lookupOf(memberships, bob, 'token-3')).toBeUndefined();
  });

  it('forgets everything on "*" and on a payload it does not know', () => {
    for (const payload of ['*', 'x:something-new', undefined]) {
      const memberships = hearing();
      memberships.remember(memberships.ticket(), ada, 'token-1');
      memberships.forget(parseMembershipChange(payload));
      expect(lookupOf(memberships, ada, 'token-1')).toBeUndefined();
    }
  });

  it('answers for at most its time to live', () => {
    let now = 1_000_000;
    const memberships = hearing(() => now);
    memberships.remember(memberships.ticket(), ada, 'token-1');
    now += 29_999;
    expect(lookupOf(memberships, ada, 'token-1')).toEqual(ada);
    now += 2;
    expect(lookupOf(memberships, ada, 'token-1')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const memberships = new RememberedMemberships({ maxEntries: 2, ttlMs: 30_000 });
    memberships.startHearing();
    memberships.remember(memberships.ticket(), ada, 'token-1');
    memberships.remember(memberships.ticket(), bob, 'token-3');
    lookupOf(memberships, ada, 'token-1');
    memberships.remember(memberships.ticket(), ada, 'token-2');
    expect(memberships.size).toBe(2);
    expect(lookupOf(memberships, bob, 'token-3')).toBeUndefined();
    expect(lookupOf(memberships, ada, 'token-1')).toEqual(ada);
  });
});
