import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../common/auth-context';
import { applyKeyset } from '../common/keyset';
import { Page, PageQueryDto, toPage } from '../common/pagination';
import { currentContext } from '../observability/execution-context';
import { AuditLogEntity } from './audit-log.entity';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
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
  createdAt: string;
}

/** Writes and reads the append-only audit log. Writes take the caller's transaction so the record and the change commit together. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, actor: AuthContext | { organizationId: string; memberId: null }, entry: AuditEntry): Promise<void> {
    await manager.insert(AuditLogEntity, {
      organizationId: actor.organizationId,
      actorMemberId: actor.memberId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: (entry.before === undefined ? null : toJson(entry.before)) as never,
      after: (entry.after === undefined ? null : toJson(entry.after)) as never,
      // The HTTP request that made the change (its x-request-id), so audit rows and logs can be joined.
      requestId: currentContext()?.requestId ?? null,
    });
  }

  async list(organizationId: string, filter: AuditLogFilter, page: PageQueryDto): Promise<Page<AuditLogItem>> {
    const qb = this.dataSource.getRepository(AuditLogEntity).createQueryBuilder('a').where('a.organization_id = :organizationId', { organizationId });
    if (filter.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    // ids are monotonic, so they serve as the sort key
    applyKeyset(qb, page, { alias: 'a', sortColumn: 'id' });
    const rows = await qb.getMany();
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
        before: row.before,
        after: row.after,
        createdAt: row.createdAt.toISOString(),
      }),
    );
  }
}

function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null));
}
