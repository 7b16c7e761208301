import { LRUCache } from 'lru-cache';
import type { AuthContext } from '../common/auth-context';
import type { MemberRole } from '../common/member-role';

/** The channel on which PostgreSQL announces changes to who may act (migration MembershipChangeNotifications). */
export const MEMBERSHIP_CHANNEL = 'hireloop_membership';

/**
 * What a notification on MEMBERSHIP_CHANNEL says: `m:<member id>` (its status, roles or owner changed, or it was
 * deleted), `u:<user id>` (the account's sessions ended: a password reset), `t:<token id>` (an access token was signed out) or `*` (every membership may have changed); `p:<id>` is an
 * API process checking that it still hears the channel (a ping, no change).
 */
export type MembershipChange =
  | { kind: 'member'; memberId: string }
  | { kind: 'user'; userId: string }
  | { kind: 'token'; tokenId: string }
  | { kind: 'all' }
  | { kind: 'ping'; id: string };

export function parseMembershipChange(payload: string | undefined): MembershipChange {
  if (payload?.startsWith('m:')) return { kind: 'member', memberId: payload.slice(2).toLowerCase() };
  if (payload?.startsWith('u:')) return { kind: 'user', userId: payload.slice(2).toLowerCase() };
  if (payload?.startsWith('t:')) return { kind: 'token', tokenId: payload.slice(2).toLowerCase() };
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
 * every change is heard. Hearing is a lease (`hearUntil`), renewed while the process keeps proving that it hears;
 * once it lapses nothing is answered, and what was remembered is forgotten before anything is answered again. A read
 * that began before a change must not be remembered after it: `ticket()` is taken before the read and `remember()`
 * refuses when any change, lapse or loss of hearing came in between.
 */
export class RememberedMemberships {
  private readonly entries: LRUCache<string, Remembered>;
  private readonly now: () => number;
  /** Keys by member and by token, so that a change forgets its entries without a walk over all of them. */
  private readonly keysOfMember = new Map<string, Set<string>>();
  private readonly keysOfToken = new Map<string, Set<string>>();
  private readonly keysOfUser = new Map<string, Set<string>>();
  private generation = 0;
  private hearingUntil = -Infinity;

  constructor(options: { maxEntries: number; ttlMs: number; now?: () => number }) {
    this.now = options.now ?? Date.now;
    this.entries = new LRUCache<string, Remembered>({
      max: options.maxEntries,
      ttl: options.ttlMs,
      // Expired entries are dropped when read; the LRU bound keeps the rest small.
      ttlAutopurge: false,
      ttlResolution: 0,
      perf: { now: this.now },
      // Called for every entry that leaves (evicted, expired, deleted, replaced, cleared): the indexes follow.
      dispose: (entry, key) => {
        unindex(this.keysOfMember, entry.memberId, key);
        unindex(this.keysOfToken, entry.tokenId, key);
        unindex(this.keysOfUser, entry.userId.toLowerCase(), key);
      },
    });
  }

  /**
   * Changes are heard until `untilMs` (on the `now` clock). When hearing had stopped or lapsed, changes may have been
   * missed meanwhile: everything is forgotten first, and reads begun before now are not remembered.
   */
  hearUntil(untilMs: number): void {
    if (!this.isHearing) this.forgetAll();
    this.hearingUntil = untilMs;
  }

  /** Changes may be missed from now on: forget everything and remember nothing until hearing again. */
  stopHearing(): void {
    this.hearingUntil = -Infinity;
    this.forgetAll();
  }

  get isHearing(): boolean {
    return this.now() <= this.hearingUntil;
  }

  get size(): number {
    return this.entries.size;
  }

  lookup(memberId: string, userId: string, organizationId: string, tokenId: string | undefined): AuthContext | undefined {
    if (!this.isHearing) return undefined;
    const entry = this.entries.get(keyOf(memberId, tokenId));
    if (!entry || entry.userId !== userId || entry.organizationId !== organizationId) return undefined;
    return { userId, organizationId, memberId, roles: [...entry.roles], sessionId: tokenId };
  }

  /** Taken before reading a membership from the database; null when nothing read now may be remembered. */
  ticket(): number | null {
    return this.isHearing ? this.generation : null;
  }

  remember(ticket: number | null, auth: AuthContext, tokenId: string | undefined): void {
    if (ticket === null || !this.isHearing || ticket !== this.generation) return;
    const key = keyOf(auth.memberId, tokenId);
    const entry: Remembered = {
      userId: auth.userId,
      organizationId: auth.organizationId,
      memberId: auth.memberId.toLowerCase(),
      tokenId: (tokenId ?? '').toLowerCase(),
      roles: Object.freeze([...auth.roles]),
    };
    this.entries.set(key, entry);
    index(this.keysOfMember, entry.memberId, key);
    index(this.keysOfToken, entry.tokenId, key);
    index(this.keysOfUser, entry.userId.toLowerCase(), key);
  }

  forget(change: MembershipChange): void {
    if (change.kind === 'ping') return;
    // Reads in flight when the change was made may have seen the old state: they must not be remembered.
    this.generation += 1;
    if (change.kind === 'all') {
      this.entries.clear();
      return;
    }
    const keys =
      change.kind === 'member'
        ? this.keysOfMember.get(change.memberId)
        : change.kind === 'user'
          ? this.keysOfUser.get(change.userId)
          : this.keysOfToken.get(change.tokenId);
    for (const key of [...(keys ?? [])]) this.entries.delete(key);
  }

  private forgetAll(): void {
    this.generation += 1;
    this.entries.clear();
  }
}

function keyOf(memberId: string, tokenId: string | undefined): string {
  return `${memberId}/${tokenId ?? ''}`.toLowerCase();
}

function index(map: Map<string, Set<string>>, id: string, key: string): void {
  const keys = map.get(id);
  if (keys) keys.add(key);
  else map.set(id, new Set([key]));
}

function unindex(map: Map<string, Set<string>>, id: string, key: string): void {
  const keys = map.get(id);
  if (!keys) return;
  keys.delete(key);
  if (keys.size === 0) map.delete(id);
}
