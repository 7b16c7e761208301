import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { applyKeyset } from '../common/keyset';
import { PageQueryDto } from '../common/pagination';
import { AuditLogEntity } from './audit-log.entity';
import type { AuditLogFilter, AuditRow } from './audit.service';

/** The append-only `audit_log` (a trigger refuses UPDATE and DELETE), always within one organization. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** In the caller's transaction, so the record and the change commit together. */
  async insert(manager: EntityManager, row: AuditRow): Promise<void> {
    await manager.insert(AuditLogEntity, row as never);
  }

  /** Newest first; `limit + 1` rows (see `toPage`). */
  page(organizationId: string, filter: AuditLogFilter, page: PageQueryDto): Promise<AuditLogEntity[]> {
    const qb = this.dataSource.getRepository(AuditLogEntity).createQueryBuilder('a').where('a.organization_id = :organizationId', { organizationId });
    if (filter.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    // ids are monotonic, so they serve as the sort key
    applyKeyset(qb, page, { alias: 'a', sortColumn: 'id' });
    return qb.getMany();
  }
}
