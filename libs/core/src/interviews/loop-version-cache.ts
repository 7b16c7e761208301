import type { LoopSnapshot } from '../roles/loop-snapshot';

/** What a scorecard write and a kit read need of a loop version. */
export interface CachedLoopVersion {
  id: string;
  organizationId: string;
  roleId: string;
  number: number;
  snapshot: LoopSnapshot;
  createdAt: Date;
}

/**
 * Loop versions that can no longer change, by id, in this process. A version's snapshot is rewritten in place only
 * while no scorecard points at it (LoopVersionsService.sync: FOR UPDATE on the version, then "in use?"; in use → a new
 * version instead), and scorecards are never deleted, so once a committed scorecard points at a version its snapshot
 * is fixed for good: every process may keep it. Only such versions are remembered. Saves reading and parsing the
 * ~17 KB snapshot, and the key-share lock on a row every submission of the role would touch, on each write and kit.
 */
export class ImmutableLoopVersions {
  private readonly byId = new Map<string, CachedLoopVersion>();

  constructor(private readonly capacity = 2_000) {}

  get(organizationId: string, id: string): CachedLoopVersion | undefined {
    const hit = this.byId.get(id);
    return hit && hit.organizationId === organizationId ? hit : undefined;
  }

  /** Call only for a version a committed scorecard points at. */
  remember(version: CachedLoopVersion): void {
    if (this.byId.has(version.id)) return;
    // Oldest first out: a bound on memory, not a policy anyone relies on.
    if (this.byId.size >= this.capacity) this.byId.delete(this.byId.keys().next().value as string);
    this.byId.set(version.id, version);
  }

  clear(): void {
    this.byId.clear();
  }
}

/** The process's one cache (API processes and the worker each have their own; nothing in it can go stale). */
export const immutableLoopVersions = new ImmutableLoopVersions();
