import type { AuthContext } from '../common/auth-context';
import { parseMembershipChange, RememberedMemberships } from './remembered-memberships';

const ada: AuthContext = { userId: 'user-ada', organizationId: 'org-1', memberId: 'member-ada', roles: ['interviewer'] };
const bob: AuthContext = { userId: 'user-bob', organizationId: 'org-1', memberId: 'member-bob', roles: ['recruiter'] };

function hearing(now?: () => number): RememberedMemberships {
  const memberships = new RememberedMemberships({ maxEntries: 100, ttlMs: 30_000, now });
  memberships.hearUntil(Infinity);
  return memberships;
}

const lookupOf = (memberships: RememberedMemberships, auth: AuthContext, tokenId?: string) =>
  memberships.lookup(auth.memberId, auth.userId, auth.organizationId, tokenId);

describe('RememberedMemberships', () => {
  it('answers a membership read after the ticket, per member and token', () => {
    const memberships = hearing();
    memberships.remember(memberships.ticket(), ada, 'token-1');
    expect(lookupOf(memberships, ada, 'token-1')).toEqual({ ...ada, sessionId: 'token-1' });
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
    expect(lookupOf(memberships, bob, 'token-3')).toEqual({ ...bob, sessionId: 'token-3' });
  });

  it('forgets every token of every membership of an account whose sessions ended (a password reset)', () => {
    const memberships = hearing();
    const adaElsewhere: AuthContext = { ...ada, organizationId: 'org-2', memberId: 'member-ada-2' };
    memberships.remember(memberships.ticket(), ada, 'token-1');
    memberships.remember(memberships.ticket(), adaElsewhere, 'token-2');
    memberships.remember(memberships.ticket(), bob, 'token-3');
    memberships.forget(parseMembershipChange(`u:${ada.userId}`));
    expect(lookupOf(memberships, ada, 'token-1')).toBeUndefined();
    expect(lookupOf(memberships, adaElsewhere, 'token-2')).toBeUndefined();
    expect(lookupOf(memberships, bob, 'token-3')).toEqual({ ...bob, sessionId: 'token-3' });
  });

  it('forgets a signed-out token only', () => {
    const memberships = hearing();
    memberships.remember(memberships.ticket(), ada, 'token-1');
    memberships.remember(memberships.ticket(), ada, 'token-2');
    memberships.forget(parseMembershipChange('t:token-1'));
    expect(lookupOf(memberships, ada, 'token-1')).toBeUndefined();
    expect(lookupOf(memberships, ada, 'token-2')).toEqual({ ...ada, sessionId: 'token-2' });
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

    memberships.hearUntil(Infinity);
    memberships.remember(memberships.ticket(), ada, 'token-1');
    const beforeLoss = memberships.ticket();
    memberships.stopHearing();
    expect(lookupOf(memberships, ada, 'token-1')).toBeUndefined();
    memberships.hearUntil(Infinity);
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
    expect(lookupOf(memberships, ada, 'token-1')).toEqual({ ...ada, sessionId: 'token-1' });
    now += 2;
    expect(lookupOf(memberships, ada, 'token-1')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const memberships = new RememberedMemberships({ maxEntries: 2, ttlMs: 30_000 });
    memberships.hearUntil(Infinity);
    memberships.remember(memberships.ticket(), ada, 'token-1');
    memberships.remember(memberships.ticket(), bob, 'token-3');
    lookupOf(memberships, ada, 'token-1');
    memberships.remember(memberships.ticket(), ada, 'token-2');
    expect(memberships.size).toBe(2);
    expect(lookupOf(memberships, bob, 'token-3')).toBeUndefined();
    expect(lookupOf(memberships, ada, 'token-1')).toEqual({ ...ada, sessionId: 'token-1' });
  });

  it('answers nothing once its hearing lapses, and forgets what it remembered before hearing again', () => {
    let now = 1_000_000;
    const memberships = new RememberedMemberships({ maxEntries: 100, ttlMs: 30_000, now: () => now });
    memberships.hearUntil(now + 8_000);
    memberships.remember(memberships.ticket(), ada, 'token-1');
    const readBeforeLapse = memberships.ticket();
    now += 8_001;
    expect(lookupOf(memberships, ada, 'token-1')).toBeUndefined();
    expect(memberships.ticket()).toBeNull();
    // Changes may have gone unheard during the lapse: hearing again starts from nothing.
    memberships.hearUntil(now + 8_000);
    expect(lookupOf(memberships, ada, 'token-1')).toBeUndefined();
    memberships.remember(readBeforeLapse, bob, 'token-3');
    expect(lookupOf(memberships, bob, 'token-3')).toBeUndefined();
    // A renewal while hearing keeps what is remembered.
    memberships.remember(memberships.ticket(), ada, 'token-1');
    memberships.hearUntil(now + 16_000);
    now += 10_000;
    expect(lookupOf(memberships, ada, 'token-1')).toEqual({ ...ada, sessionId: 'token-1' });
  });

  it("matches ids whatever their case (notifications carry PostgreSQL's lowercase text)", () => {
    const upper: AuthContext = { ...ada, memberId: 'MEMBER-ADA' };
    const memberships = hearing();
    memberships.remember(memberships.ticket(), upper, 'TOKEN-1');
    expect(memberships.lookup('member-ada', ada.userId, ada.organizationId, 'token-1')).toBeDefined();
    memberships.forget(parseMembershipChange('t:TOKEN-1'));
    expect(memberships.lookup('MEMBER-ADA', ada.userId, ada.organizationId, 'TOKEN-1')).toBeUndefined();
  });

  it('forgets a member among 10,000 remembered without walking them all', () => {
    const memberships = new RememberedMemberships({ maxEntries: 10_000, ttlMs: 30_000 });
    memberships.hearUntil(Infinity);
    for (let i = 0; i < 10_000; i++)
      memberships.remember(memberships.ticket(), { ...ada, memberId: `member-${i}`, userId: `user-${i}` }, `token-${i}`);
    const started = process.hrtime.bigint();
    for (let i = 0; i < 1_000; i++) memberships.forget(parseMembershipChange(`m:member-${i}`));
    const perForgetMs = Number(process.hrtime.bigint() - started) / 1e6 / 1_000;
    expect(memberships.size).toBe(9_000);
    // A walk over every entry took ~2 ms per change at this size; the indexes make it a few microseconds.
    expect(perForgetMs).toBeLessThan(0.2);
    expect(memberships.lookup('member-1000', 'user-1000', ada.organizationId, 'token-1000')).toBeDefined();
  });
});
