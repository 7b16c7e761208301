import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { applyKeyset, timestampKey } from '../common/keyset';
import { likePattern, PageQueryDto } from '../common/pagination';
import { CandidateEntity } from './candidate.entity';

export interface CandidatePageFilter {
  /** Case-insensitive substring of the name or email. */
  q?: string;
}

/** Candidates, always within one organization. */
@Injectable()
export class CandidatesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(organizationId: string, candidateId: string, manager: EntityManager = this.dataSource.manager): Promise<CandidateEntity | null> {
    return manager.findOne(CandidateEntity, { where: { organizationId, id: candidateId } });
  }

  lockById(manager: EntityManager, organizationId: string, candidateId: string): Promise<CandidateEntity | null> {
    return manager.findOne(CandidateEntity, { where: { organizationId, id: candidateId }, lock: { mode: 'pessimistic_write' } });
  }

  insert(manager: EntityManager, values: Pick<CandidateEntity, 'organizationId' | 'name' | 'email' | 'source' | 'links'>): Promise<CandidateEntity> {
    return manager.save(manager.create(CandidateEntity, { ...values, erasedAt: null }));
  }

  async update(manager: EntityManager, organizationId: string, candidateId: string, patch: Partial<CandidateEntity>): Promise<void> {
    await manager.update(CandidateEntity, { organizationId, id: candidateId }, patch);
  }

  page(organizationId: string, query: PageQueryDto, filter: CandidatePageFilter): Promise<CandidateEntity[]> {
    const qb = this.filtered(organizationId, filter);
    applyKeyset(qb, query, { alias: 'c', sortColumn: 'created_at', direction: 'DESC' });
    return qb.getMany();
  }

  /** How many candidates match the filter (every page). */
  count(organizationId: string, filter: CandidatePageFilter): Promise<number> {
    return this.filtered(organizationId, filter).getCount();
  }

  private filtered(organizationId: string, filter: CandidatePageFilter) {
    const qb = this.dataSource
      .getRepository(CandidateEntity)
      .createQueryBuilder('c')
      .where('c.organization_id = :organizationId', { organizationId });
    if (filter.q) qb.andWhere('(lower(c.name) LIKE :pattern OR c.email LIKE :pattern)', { pattern: likePattern(filter.q) });
    return qb;
  }

  cursorOf(candidate: CandidateEntity) {
    return { sortValue: timestampKey(candidate.createdAt), id: candidate.id };
  }
}
