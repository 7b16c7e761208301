import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError, AuditService, AuthContext, MemberEntity, MembersRepository, pageLimit, toPage, UserEntity } from '@hireloop/core';
import { EmailRequests } from '@hireloop/core/email';
import { hashInviteToken, newInviteToken } from '../auth/auth.service';
import { InviteMemberRequestDto, ListMembersQueryDto, UpdateMemberRequestDto } from './dto/member.request.dto';
import { InviteResponseDto, MemberPageResponseDto, MemberResponseDto } from './dto/member.response.dto';

const INVITE_LIFETIME_MS = 7 * 24 * 3600 * 1000;

@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly members: MembersRepository,
    private readonly audit: AuditService,
  ) {}

  async invite(auth: AuthContext, dto: InviteMemberRequestDto): Promise<InviteResponseDto> {
    const token = newInviteToken();
    const expiresAt = new Date(Date.now() + INVITE_LIFETIME_MS);
    const memberId = await this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO users (email, name) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING`, [dto.email, dto.name]);
      const user = await manager.findOneByOrFail(UserEntity, { email: dto.email });
      const existing = await manager.findOneBy(MemberEntity, { organizationId: auth.organizationId, userId: user.id });
      if (existing && existing.status !== 'invited') {
        throw AppError.conflict('already_member', `${dto.email} is already a member of this organization.`);
      }
      const values = { roles: dto.roles, status: 'invited' as const, invitedName: dto.name, inviteTokenHash: hashInviteToken(token), inviteExpiresAt: expiresAt };
      let id: string;
      if (existing) {
        // Inviting again replaces the old token.
        await manager.update(MemberEntity, { id: existing.id }, values);
        id = existing.id;
      } else {
        id = (await manager.save(manager.create(MemberEntity, { organizationId: auth.organizationId, userId: user.id, ...values }))).id;
      }
      await this.audit.record(manager, auth, { action: 'member.invited', entityType: 'member', entityId: id, after: { email: dto.email, roles: dto.roles } });
      await EmailRequests.invitation(manager, { organizationId: auth.organizationId, memberId: id, email: dto.email, name: dto.name, token, expiresAt, invitedByMemberId: auth.memberId, roles: dto.roles });
      return id;
    });
    const member = await this.members.findById(auth.organizationId, memberId);
    return { member: MemberResponseDto.from(member!), inviteToken: token, inviteExpiresAt: expiresAt.toISOString() };
  }

  async list(auth: AuthContext, query: ListMembersQueryDto): Promise<MemberPageResponseDto> {
    const rows = await this.members.page(auth.organizationId, query);
    return toPage(rows, pageLimit(query), (m) => this.members.cursorOf(m), MemberResponseDto.from);
  }

  async get(auth: AuthContext, memberId: string): Promise<MemberResponseDto> {
    const member = await this.members.findById(auth.organizationId, memberId);
    if (!member) throw AppError.notFound('Member', memberId);
    return MemberResponseDto.from(member);
  }

  async updateRoles(auth: AuthContext, memberId: string, dto: UpdateMemberRequestDto): Promise<MemberResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      const member = await manager.findOne(MemberEntity, { where: { organizationId: auth.organizationId, id: memberId }, lock: { mode: 'pessimistic_write' } });
      if (!member) throw AppError.notFound('Member', memberId);
      if (member.roles.includes('admin') && !dto.roles.includes('admin')) await this.assertAnotherAdmin(manager, auth.organizationId, memberId);
      await manager.update(MemberEntity, { id: memberId }, { roles: dto.roles });
      await this.audit.record(manager, auth, { action: 'member.roles_changed', entityType: 'member', entityId: memberId, before: { roles: member.roles }, after: { roles: dto.roles } });
    });
    return this.get(auth, memberId);
  }

  async deactivate(auth: AuthContext, memberId: string): Promise<MemberResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      const member = await manager.findOne(MemberEntity, { where: { organizationId: auth.organizationId, id: memberId }, lock: { mode: 'pessimistic_write' } });
      if (!member) throw AppError.notFound('Member', memberId);
      if (member.status === 'deactivated') return;
      if (member.roles.includes('admin')) await this.assertAnotherAdmin(manager, auth.organizationId, memberId);
      await manager.update(MemberEntity, { id: memberId }, { status: 'deactivated', inviteTokenHash: null, inviteExpiresAt: null });
      await this.audit.record(manager, auth, { action: 'member.deactivated', entityType: 'member', entityId: memberId, before: { status: member.status }, after: { status: 'deactivated' } });
    });
    return this.get(auth, memberId);
  }

  private async assertAnotherAdmin(manager: DataSource['manager'], organizationId: string, memberId: string): Promise<void> {
    const rows: { count: string }[] = await manager.query(
      `SELECT count(*) FROM members WHERE organization_id = $1 AND id <> $2 AND status = 'active' AND 'admin' = ANY(roles)`,
      [organizationId, memberId],
    );
    if (Number(rows[0].count) === 0) throw AppError.conflict('last_admin', 'The organization must keep at least one active admin.');
  }
}
