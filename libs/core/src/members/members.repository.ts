import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { applyKeyset, timestampKey } from '../common/keyset';
import { MemberRole } from '../common/member-role';
import { PageQueryDto } from '../common/pagination';
import { MemberEntity } from './member.entity';

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

  /** True when every id is an active member of the organization holding `role`. Returns the ids that are not. */
  async missingWithRole(organizationId: string, memberIds: string[], role: MemberRole, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM members WHERE organization_id = $1 AND id = ANY($2::uuid[]) AND status = 'active' AND $3 = ANY(roles)`,
      [organizationId, memberIds, role],
    );
    const found = new Set(rows.map((r) => r.id));
    return memberIds.filter((id) => !found.has(id));
  }

  page(organizationId: string, query: PageQueryDto & { role?: MemberRole; status?: string }) {
    const qb = this.dataSource.getRepository(MemberEntity).createQueryBuilder('m').leftJoinAndSelect('m.user', 'u').where('m.organization_id = :organizationId', { organizationId });
    if (query.role) qb.andWhere(':role = ANY(m.roles)', { role: query.role });
    if (query.status) qb.andWhere('m.status = :status', { status: query.status });
    applyKeyset(qb, query, { alias: 'm', sortColumn: 'created_at', direction: 'ASC' });
    return qb.getMany();
  }

  cursorOf(member: MemberEntity) {
    return { sortValue: timestampKey(member.createdAt), id: member.id };
  }
}
