import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../common/auth-context';
import { Page, PageQueryDto, toPage } from '../common/pagination';
import { currentContext } from '../observability/execution-context';
import type { AuditLogEntity } from './audit-log.entity';
import { AuditRepository } from './audit.repository';
import { auditAad, CandidateKeysService } from './candidate-keys.service';
import { openJson, sealJson, splitFields } from './personal-data-cipher';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /**
   * Personal data of a candidate: these top-level fields of before/after are sealed with the candidate's data key
   * instead of stored readable, so erasing the candidate makes them unrecoverable while the row stays.
   */
  personal?: { candidateId: string; fields: readonly string[] };
}

export interface AuditLogFilter {
  entityType?: string;
  entityId?: string;
  action?: string;
}

export interface AuditLogItem {
  id: string;
  actorMemberId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  /** True when the row held personal fields of a candidate who has since been erased (they are gone). */
  personalDataErased?: boolean;
  createdAt: string;
}

/** One audit_log row's values (see AuditService.row). */
export interface AuditRow {
  organizationId: string;
  actorMemberId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  subjectCandidateId: string | null;
  personal: Buffer | null;
  requestId: string | null;
}

interface SealedFields {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Writes and reads the append-only audit log. Writes take the caller's transaction so the record and the change commit together. */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditLog: AuditRepository,
    private readonly keys: CandidateKeysService,
  ) {}

  async record(manager: EntityManager, actor: AuthContext | { organizationId: string; memberId: null }, entry: AuditEntry): Promise<void> {
    const split = splitEntry(entry);
    // An erased candidate has no key any more: their personal fields are not recorded at all.
    const key = split.sealed && entry.personal ? await this.keys.keyFor(manager, actor.organizationId, entry.personal.candidateId) : null;
    await this.auditLog.insert(manager, rowOf(actor, entry, split, key));
  }

  /**
   * The audit row of an entry, for a caller that inserts it with its own statement (the scorecard writes fold it into
   * theirs). `key`: the candidate's data key (`CandidateKeysService.keyFor`), null when erased; the personal fields
   * are sealed with it, or left out without it.
   */
  row(actor: AuthContext | { organizationId: string; memberId: null }, entry: AuditEntry, key: Buffer | null): AuditRow {
    return rowOf(actor, entry, splitEntry(entry), key);
  }

  async list(organizationId: string, filter: AuditLogFilter, page: PageQueryDto): Promise<Page<AuditLogItem>> {
    const rows = await this.auditLog.page(organizationId, filter, page);
    const keys = await this.keys.existingKeys(
      this.dataSource.manager,
      organizationId,
      rows.filter((r) => r.subjectCandidateId !== null).map((r) => r.subjectCandidateId as string),
    );
    const opened = new Map<string, SealedFields | null>();
    for (const row of rows) {
      if (row.subjectCandidateId === null) continue;
      const key = keys.get(row.subjectCandidateId);
      opened.set(row.id, key && row.personal ? openJson<SealedFields>(key, row.personal, auditAad(organizationId, row.subjectCandidateId)) : null);
    }
    return toPage(
      rows,
      page.limit ?? 20,
      (row) => ({ sortValue: row.id, id: row.id }),
      (row) => ({
        id: row.id,
        actorMemberId: row.actorMemberId,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        ...this.merged(row, opened),
        createdAt: row.createdAt.toISOString(),
      }),
    );
  }

  private merged(row: AuditLogEntity, opened: Map<string, SealedFields | null>): { before: unknown; after: unknown; personalDataErased?: boolean } {
    if (row.subjectCandidateId === null) return { before: row.before, after: row.after };
    const sealed = opened.get(row.id);
    if (!sealed) return { before: row.before, after: row.after, personalDataErased: true };
    const merge = (clear: unknown, personal: Record<string, unknown> | null) =>
      personal === null ? clear : { ...((clear as Record<string, unknown> | null) ?? {}), ...personal };
    return { before: merge(row.before, sealed.before), after: merge(row.after, sealed.after) };
  }
}

interface SplitEntry {
  before: unknown;
  after: unknown;
  /** The personal fields to seal, when there are any. */
  sealed: SealedFields | null;
}

function splitEntry(entry: AuditEntry): SplitEntry {
  const before = entry.before === undefined ? null : toJson(entry.before);
  const after = entry.after === undefined ? null : toJson(entry.after);
  if (!entry.personal) return { before, after, sealed: null };
  const b = splitFields(before, entry.personal.fields);
  const a = splitFields(after, entry.personal.fields);
  return { before: b.clear, after: a.clear, sealed: b.personal || a.personal ? { before: b.personal, after: a.personal } : null };
}

function rowOf(actor: AuthContext | { organizationId: string; memberId: null }, entry: AuditEntry, split: SplitEntry, key: Buffer | null): AuditRow {
  const subjectCandidateId = split.sealed && entry.personal ? entry.personal.candidateId : null;
  return {
    organizationId: actor.organizationId,
    actorMemberId: actor.memberId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: split.before,
    after: split.after,
    subjectCandidateId,
    personal: subjectCandidateId && split.sealed && key ? sealJson(key, split.sealed, auditAad(actor.organizationId, subjectCandidateId)) : null,
    // The HTTP request that made the change (its x-request-id), so audit rows and logs can be joined.
    requestId: currentContext()?.requestId ?? null,
  };
}

function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null));
}
