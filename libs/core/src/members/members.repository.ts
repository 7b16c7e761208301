import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { applyKeyset, timestampKey } from '../common/keyset';
import { MemberRole } from '../common/member-role';
import { likePattern, PageQueryDto } from '../common/pagination';
import { UserEntity } from '../users/user.entity';
import { MemberEntity, MemberStatus } from './member.entity';

export interface MemberFilter {
  role?: MemberRole;
  status?: string;
  q?: string;
}

/** A pending invitation as stored on its membership (only its token's hash). */
export interface InvitationValues {
  roles: MemberRole[];
  status: 'invited';
  invitedName: string;
  inviteTokenHash: string;
  inviteExpiresAt: Date;
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

  /** The names of these members of the organization (their user's name), by member id. Other features use it too. */
  async names(organizationId: string, memberIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    const ids = [...new Set(memberIds)];
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await manager.query(
      `SELECT m.id, u.name FROM members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 AND m.id = ANY($2::uuid[])`,
      [organizationId, ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** A member of the organization (named as an interviewer, say): their name and membership status; null if not a member. */
  async nameAndStatus(
    organizationId: string,
    memberId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ name: string; status: string } | null> {
    const [member]: { name: string; status: string }[] = await manager.query(
      `SELECT u.name, m.status FROM members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 AND m.id = $2`,
      [organizationId, memberId],
    );
    return member ?? null;
  }

  /** The membership, locked for update (without its user: a lock cannot cover the outer join). */
  lockById(manager: EntityManager, organizationId: string, memberId: string): Promise<MemberEntity | null> {
    return manager.findOne(MemberEntity, { where: { organizationId, id: memberId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The user's membership of the organization, in any status. */
  findByUser(manager: EntityManager, organizationId: string, userId: string): Promise<MemberEntity | null> {
    return manager.findOneBy(MemberEntity, { organizationId, userId });
  }

  findUser(manager: EntityManager, userId: string): Promise<UserEntity> {
    return manager.findOneByOrFail(UserEntity, { id: userId });
  }

  /** A new membership holding a pending invitation; returns its id. */
  async insertInvited(manager: EntityManager, organizationId: string, userId: string, invitation: InvitationValues): Promise<string> {
    return (await manager.save(manager.create(MemberEntity, { organizationId, userId, ...invitation }))).id;
  }

  /** Invites an existing membership again: the new invitation replaces the old one and its token. */
  async reinvite(manager: EntityManager, memberId: string, invitation: InvitationValues): Promise<void> {
    await manager.update(MemberEntity, { id: memberId }, invitation);
  }

  /** A fresh token for a pending invitation (the previous link stops working). */
  async setInviteToken(manager: EntityManager, memberId: string, inviteTokenHash: string, inviteExpiresAt: Date): Promise<void> {
    await manager.update(MemberEntity, { id: memberId }, { inviteTokenHash, inviteExpiresAt });
  }

  /** Sets a (locked) membership's status; `clearInvitation` also forgets its invitation token and expiry. */
  async setStatus(manager: EntityManager, memberId: string, status: MemberStatus, options: { clearInvitation?: boolean } = {}): Promise<void> {
    const cleared = options.clearInvitation ? { inviteTokenHash: null, inviteExpiresAt: null } : {};
    await manager.update(MemberEntity, { id: memberId }, { status, ...cleared });
  }

  /** The membership's tokens issued before `sessionsValidAfter` (the API's clock, as a token's `iat_ms`) are refused. */
  async endSessions(manager: EntityManager, memberId: string, sessionsValidAfter: Date): Promise<void> {
    await manager.query(`UPDATE members SET sessions_valid_after = $2 WHERE id = $1`, [memberId, sessionsValidAfter]);
  }

  async setRoles(manager: EntityManager, memberId: string, roles: MemberRole[]): Promise<void> {
    await manager.update(MemberEntity, { id: memberId }, { roles });
  }

  /** How many active admins the organization has besides this member. */
  async countOtherActiveAdmins(manager: EntityManager, organizationId: string, memberId: string): Promise<number> {
    const rows: { count: string }[] = await manager.query(
      `SELECT count(*) FROM members WHERE organization_id = $1 AND id <> $2 AND status = 'active' AND 'admin' = ANY(roles)`,
      [organizationId, memberId],
    );
    return Number(rows[0].count);
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
