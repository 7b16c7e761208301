import { LRUCache } from 'lru-cache';
import type { AuthContext } from '../common/auth-context';
import type { MemberRole } from '../common/member-role';

/** The channel on which PostgreSQL announces changes to who may act (migration MembershipChangeNotifications). */
export const MEMBERSHIP_CHANNEL = 'hireloop_membership';

/**
 * What a notification on MEMBERSHIP_CHANNEL says: `m:<member id>` (its status, roles or owner changed, or it was
 * deleted), `t:<token id>` (an access token was signed out) or `*` (every membership may have changed); `p:<id>` is an
 * API process checking that it still hears the channel (a ping, no change).
 */
export type MembershipChange =
  { kind: 'member'; memberId: string } | { kind: 'token'; tokenId: string } | { kind: 'all' } | { kind: 'ping'; id: string };

export function parseMembershipChange(payload: string | undefined): MembershipChange {
  if (payload?.startsWith('m:')) return { kind: 'member', memberId: payload.slice(2) };
  if (payload?.startsWith('t:')) return { kind: 'token', tokenId: payload.slice(2) };
  if (payload?.startsWith('p:')) return { kind: 'ping', id: payload.slice(2) };
  // Anything else, including a payload of a newer release, forgets everything: the safe reading.
  return { kind: 'all' };
}

interface Remembered {
  userId: string;
  organizationId: string;
  memberId: string;
  tokenId: string;
  roles: readonly MemberRole[];
}

/**
 * Active memberships recently confirmed by the database, so that an authenticated request need not ask again.
 * Nothing here knows about PostgreSQL: MembershipCache feeds it the changes it hears of, and it is only correct while
 * every change is heard. A read that began before a change must not be remembered after it: `ticket()` is taken
 * before the read and `remember()` refuses when any change (or a loss of hearing) came in between.
 */
export class RememberedMemberships {
  private readonly entries: LRUCache<string, Remembered>;
  private generation = 0;
  private hearing = false;

  constructor(options: { maxEntries: number; ttlMs: number; now?: () => number }) {
    this.entries = new LRUCache<string, Remembered>({
      max: options.maxEntries,
      ttl: options.ttlMs,
      // Expired entries are dropped when read; the LRU bound keeps the rest small.
      ttlAutopurge: false,
      ttlResolution: 0,
      ...(options.now ? { perf: { now: options.now } } : {}),
    });
  }

  /** Changes are being heard from now on: remembering may begin (for reads that start after this). */
  startHearing(): void {
    this.generation += 1;
    this.hearing = true;
  }

  /** Changes may be missed from now on: forget everything and remember nothing until hearing again. */
  stopHearing(): void {
    this.generation += 1;
    this.hearing = false;
    this.entries.clear();
  }

  get isHearing(): boolean {
    return this.hearing;
  }

  get size(): number {
    return this.entries.size;
  }

  lookup(memberId: string, userId: string, organizationId: string, tokenId: string | undefined): AuthContext | undefined {
    if (!this.hearing) return undefined;
    const entry = this.entries.get(keyOf(memberId, tokenId));
    if (!entry || entry.userId !== userId || entry.organizationId !== organizationId) return undefined;
    return { userId, organizationId, memberId, roles: [...entry.roles] };
  }

  /** Taken before reading a membership from the database; null when nothing read now may be remembered. */
  ticket(): number | null {
    return this.hearing ? this.generation : null;
  }

  remember(ticket: number | null, auth: AuthContext, tokenId: string | undefined): void {
    if (ticket === null || !this.hearing || ticket !== this.generation) return;
    this.entries.set(keyOf(auth.memberId, tokenId), {
      userId: auth.userId,
      organizationId: auth.organizationId,
      memberId: auth.memberId,
      tokenId: tokenId ?? '',
      roles: Object.freeze([...auth.roles]),
    });
  }

  forget(change: MembershipChange): void {
    if (change.kind === 'ping') return;
    // Reads in flight when the change was made may have seen the old state: they must not be remembered.
    this.generation += 1;
    if (change.kind === 'all') {
      this.entries.clear();
      return;
    }
    // Changes are rare (a role edit, a deactivation, a sign-out): a walk over at most maxEntries keys is cheap enough.
    const stale: string[] = [];
    for (const [key, entry] of this.entries.entries()) {
      if (change.kind === 'member' ? entry.memberId === change.memberId : entry.tokenId === change.tokenId) stale.push(key);
    }
    for (const key of stale) this.entries.delete(key);
  }
}

function keyOf(memberId: string, tokenId: string | undefined): string {
  return `${memberId}/${tokenId ?? ''}`;
}
