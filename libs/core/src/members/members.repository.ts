import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { applyKeyset, timestampKey } from '../common/keyset';
import { MemberRole } from '../common/member-role';
import { likePattern, PageQueryDto } from '../common/pagination';
import { MemberEntity } from './member.entity';

export interface MemberFilter {
  role?: MemberRole;
  status?: string;
  q?: string;
}

/** Memberships, always looked up within one organization. */
@Injectable()
export class MembersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(organizationId: string, memberId: string, manager: EntityManager = this.dataSource.manager): Promise<MemberEntity | null> {
    return manager.findOne(MemberEntity, { where: { organizationId, id: memberId }, relations: { user: true } });
  }

  findByIds(organizationId: string, memberIds: string[], manager: EntityManager = this.dataSource.manager): Promise<MemberEntity[]> {
    if (memberIds.length === 0) return Promise.resolve([]);
    return manager
      .createQueryBuilder(MemberEntity, 'm')
      .leftJoinAndSelect('m.user', 'u')
      .where('m.organization_id = :organizationId AND m.id = ANY(:memberIds)', { organizationId, memberIds })
      .getMany();
  }

  /** The names of these members of the organization (their user's name), by member id. */
  names(organizationId: string, memberIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    return memberNames(manager, organizationId, memberIds);
  }

  /** True when every id is an active member of the organization holding `role`. Returns the ids that are not. */
  async missingWithRole(
    organizationId: string,
    memberIds: string[],
    role: MemberRole,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM members WHERE organization_id = $1 AND id = ANY($2::uuid[]) AND status = 'active' AND $3 = ANY(roles)`,
      [organizationId, memberIds, role],
    );
    const found = new Set(rows.map((r) => r.id));
    return memberIds.filter((id) => !found.has(id));
  }

  page(organizationId: string, query: PageQueryDto & MemberFilter) {
    const qb = this.filtered(organizationId, query).leftJoinAndSelect('m.user', 'u');
    applyKeyset(qb, query, { alias: 'm', sortColumn: 'created_at', direction: 'ASC' });
    return qb.getMany();
  }

  count(organizationId: string, filter: MemberFilter): Promise<number> {
    return this.filtered(organizationId, filter).leftJoin('m.user', 'u').getCount();
  }

  private filtered(organizationId: string, filter: MemberFilter) {
    const qb = this.dataSource.getRepository(MemberEntity).createQueryBuilder('m').where('m.organization_id = :organizationId', { organizationId });
    if (filter.role) qb.andWhere(':role = ANY(m.roles)', { role: filter.role });
    if (filter.status) qb.andWhere('m.status = :status', { status: filter.status });
    // While an invitation is pending the account's own name is not revealed, so it is not searched either.
    if (filter.q) {
      qb.andWhere(
        `(lower(CASE WHEN m.status = 'invited' THEN coalesce(m.invited_name, '') ELSE u.name END) LIKE :pattern OR lower(u.email) LIKE :pattern)`,
        { pattern: likePattern(filter.q) },
      );
    }
    return qb;
  }

  cursorOf(member: MemberEntity) {
    return { sortValue: timestampKey(member.createdAt), id: member.id };
  }
}

/** The names of these members of the organization, by member id (one statement; other features' repositories use it). */
export async function memberNames(manager: EntityManager, organizationId: string, memberIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(memberIds)];
  if (ids.length === 0) return new Map();
  const rows: { id: string; name: string }[] = await manager.query(
    `SELECT m.id, u.name FROM members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 AND m.id = ANY($2::uuid[])`,
    [organizationId, ids],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
