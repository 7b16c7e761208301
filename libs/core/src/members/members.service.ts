import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { AuthContext } from '../common/auth-context';
import { MemberRole } from '../common/member-role';
import { hashOneTimeToken, newOneTimeToken } from '../common/one-time-token';
import { CountedPageQueryDto, Page, pageLimit, toPage, withTotal } from '../common/pagination';
import { EmailRequests, EmailTokens } from '../email';
import { INVITE_LIFETIME_MS, inviteSentAt, isJoined, isPendingInvite, isWithdrawnInvite, resendWaitSeconds } from './invitations';
import { MemberEntity } from './member.entity';
import { InvitationValues, MemberFilter, MembersRepository } from './members.repository';
import { MembershipCache } from './membership-cache';
import { UsersRepository } from '../users/users.repository';

/** What inviting someone needs (InviteMemberRequestDto satisfies it). */
export interface InviteMemberInput {
  email: string;
  name: string;
  roles: MemberRole[];
}

export interface UpdateMemberInput {
  roles: MemberRole[];
}

export type MemberListQuery = CountedPageQueryDto & MemberFilter;

/** The shape the API returns for a member (MemberResponseDto mirrors it). */
export interface MemberView {
  id: string;
  userId: string;
  email: string;
  name: string;
  roles: MemberRole[];
  status: string;
  createdAt: string;
  joined: boolean;
  inviteExpiresAt: string | null;
  inviteSentAt: string | null;
}

export interface InviteView {
  member: MemberView;
  inviteToken: string;
  inviteExpiresAt: string;
}

export type MemberPage = Page<MemberView> & { total?: number };

export function memberView(member: MemberEntity): MemberView {
  // A member who has not joined (invited, or deactivated before accepting) is not shown as the account behind the
  // email: neither its id nor its name. Accepting clears invitedName.
  const pending = member.invitedName != null && member.status !== 'active';
  const invitePending = isPendingInvite(member) && member.inviteExpiresAt != null;
  return {
    id: member.id,
    userId: pending ? member.id : member.userId,
    email: member.user?.email ?? '',
    name: pending ? (member.invitedName ?? '') : (member.user?.name ?? ''),
    roles: member.roles,
    status: member.status,
    createdAt: member.createdAt.toISOString(),
    joined: isJoined(member),
    inviteExpiresAt: invitePending ? member.inviteExpiresAt!.toISOString() : null,
    inviteSentAt: invitePending ? inviteSentAt(member.inviteExpiresAt!).toISOString() : null,
  };
}

@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly members: MembersRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly emailTokens: EmailTokens,
    private readonly memberships: MembershipCache,
  ) {}

  async invite(auth: AuthContext, dto: InviteMemberInput): Promise<InviteView> {
    const token = newOneTimeToken();
    const expiresAt = new Date(Date.now() + INVITE_LIFETIME_MS);
    const memberId = await this.dataSource.transaction(async (manager) => {
      const user = await this.users.findOrCreate(manager, { email: dto.email, name: dto.name, passwordHash: null });
      const existing = await this.members.findByUser(manager, auth.organizationId, user.id);
      if (existing && existing.status === 'deactivated' && isJoined(existing)) {
        throw AppError.conflict('already_member', `${dto.email} is a deactivated member of this organization; reactivate them instead.`);
      }
      if (existing && existing.status !== 'invited' && !isWithdrawnInvite(existing)) {
        throw AppError.conflict('already_member', `${dto.email} is already a member of this organization.`);
      }
      const values: InvitationValues = {
        roles: dto.roles,
        status: 'invited',
        invitedName: dto.name,
        inviteTokenHash: hashOneTimeToken(token),
        inviteExpiresAt: expiresAt,
      };
      let id: string;
      if (existing) {
        // Inviting again (also after a revoked invitation) replaces the old token.
        await this.members.reinvite(manager, existing.id, values);
        id = existing.id;
      } else {
        id = await this.members.insertInvited(manager, auth.organizationId, user.id, values);
      }
      await this.audit.record(manager, auth, {
        action: 'member.invited',
        entityType: 'member',
        entityId: id,
        after: { email: dto.email, roles: dto.roles },
      });
      await EmailRequests.invitation(
        manager,
        {
          organizationId: auth.organizationId,
          memberId: id,
          email: dto.email,
          name: dto.name,
          token,
          expiresAt,
          invitedByMemberId: auth.memberId,
          roles: dto.roles,
        },
        this.emailTokens,
      );
      return id;
    });
    const member = await this.members.findById(auth.organizationId, memberId);
    return { member: memberView(member!), inviteToken: token, inviteExpiresAt: expiresAt.toISOString() };
  }

  /** Sends a pending invitation again with a fresh link (the previous link stops working); at most once a minute. */
  async resendInvite(auth: AuthContext, memberId: string): Promise<InviteView> {
    const token = newOneTimeToken();
    const expiresAt = new Date(Date.now() + INVITE_LIFETIME_MS);
    await this.dataSource.transaction(async (manager) => {
      const member = await this.lockPendingInvite(manager, auth.organizationId, memberId);
      const wait = resendWaitSeconds(member.inviteExpiresAt, new Date());
      if (wait > 0) {
        throw AppError.conflict(
          'invite_recently_sent',
          `The invitation to ${member.user!.email} was sent less than a minute ago. Wait ${wait} seconds before sending it again.`,
          { retryAfterSeconds: wait },
        );
      }
      await this.members.setInviteToken(manager, member.id, hashOneTimeToken(token), expiresAt);
      await this.audit.record(manager, auth, {
        action: 'member.invite_resent',
        entityType: 'member',
        entityId: member.id,
        after: { email: member.user!.email },
      });
      await EmailRequests.invitation(
        manager,
        {
          organizationId: auth.organizationId,
          memberId: member.id,
          email: member.user!.email,
          name: member.invitedName!,
          token,
          expiresAt,
          invitedByMemberId: auth.memberId,
          roles: member.roles,
        },
        this.emailTokens,
      );
    });
    const member = await this.members.findById(auth.organizationId, memberId);
    return { member: memberView(member!), inviteToken: token, inviteExpiresAt: expiresAt.toISOString() };
  }

  /** Withdraws a pending invitation: its link then answers 410 invite_revoked; the address may be invited again. */
  async revokeInvite(auth: AuthContext, memberId: string): Promise<MemberView> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.lockPendingInvite(manager, auth.organizationId, memberId);
      // The token hash stays so that the link can say it was withdrawn (revoked_invite()); it no longer signs anyone in.
      await this.members.setStatus(manager, member.id, 'deactivated');
      await this.audit.record(manager, auth, {
        action: 'member.invite_revoked',
        entityType: 'member',
        entityId: member.id,
        before: { status: 'invited' },
        after: { status: 'deactivated' },
      });
    });
    this.memberships.forgetMember(memberId);
    return this.get(auth, memberId);
  }

  /** Gives a deactivated member who had joined their access back (idempotent for an active member). */
  async reactivate(auth: AuthContext, memberId: string): Promise<MemberView> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.members.lockById(manager, auth.organizationId, memberId);
      if (!member) throw AppError.notFound('Member', memberId);
      if (member.status === 'active') return;
      if (!isJoined(member))
        throw AppError.conflict(
          'member_not_joined',
          'This person never accepted the invitation, so there is no account to reactivate. Invite them again.',
        );
      await this.members.setStatus(manager, member.id, 'active');
      await this.audit.record(manager, auth, {
        action: 'member.reactivated',
        entityType: 'member',
        entityId: member.id,
        before: { status: member.status },
        after: { status: 'active' },
      });
    });
    this.memberships.forgetMember(memberId);
    return this.get(auth, memberId);
  }

  private async lockPendingInvite(manager: EntityManager, organizationId: string, memberId: string): Promise<MemberEntity> {
    const member = await this.members.lockById(manager, organizationId, memberId);
    if (!member) throw AppError.notFound('Member', memberId);
    if (!isPendingInvite(member))
      throw AppError.conflict('invite_not_pending', 'This member has no pending invitation: it was accepted, revoked or deactivated.');
    member.user = await this.members.findUser(manager, member.userId);
    return member;
  }

  async list(auth: AuthContext, query: MemberListQuery): Promise<MemberPage> {
    const [rows, total] = await Promise.all([
      this.members.page(auth.organizationId, query),
      query.withTotal ? this.members.count(auth.organizationId, query) : undefined,
    ]);
    return withTotal(
      toPage(rows, pageLimit(query), (m) => this.members.cursorOf(m), memberView),
      total,
    );
  }

  async get(auth: AuthContext, memberId: string): Promise<MemberView> {
    const member = await this.members.findById(auth.organizationId, memberId);
    if (!member) throw AppError.notFound('Member', memberId);
    return memberView(member);
  }

  async updateRoles(auth: AuthContext, memberId: string, dto: UpdateMemberInput): Promise<MemberView> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.members.lockById(manager, auth.organizationId, memberId);
      if (!member) throw AppError.notFound('Member', memberId);
      if (member.roles.includes('admin') && !dto.roles.includes('admin')) await this.assertAnotherAdmin(manager, auth.organizationId, memberId);
      await this.members.setRoles(manager, memberId, dto.roles);
      await this.audit.record(manager, auth, {
        action: 'member.roles_changed',
        entityType: 'member',
        entityId: memberId,
        before: { roles: member.roles },
        after: { roles: dto.roles },
      });
    });
    this.memberships.forgetMember(memberId);
    return this.get(auth, memberId);
  }

  async deactivate(auth: AuthContext, memberId: string): Promise<MemberView> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.members.lockById(manager, auth.organizationId, memberId);
      if (!member) throw AppError.notFound('Member', memberId);
      if (member.status === 'deactivated') return;
      if (member.roles.includes('admin')) await this.assertAnotherAdmin(manager, auth.organizationId, memberId);
      // A pending invitation keeps its token hash, so that its link says it was withdrawn (as a revoked one does).
      await this.members.setStatus(manager, memberId, 'deactivated', { clearInvitation: !isPendingInvite(member) });
      await this.audit.record(manager, auth, {
        action: 'member.deactivated',
        entityType: 'member',
        entityId: memberId,
        before: { status: member.status },
        after: { status: 'deactivated' },
      });
    });
    this.memberships.forgetMember(memberId);
    return this.get(auth, memberId);
  }

  /**
   * Ends every session of the member in this organization (idempotent; the member stays active and may sign in again):
   * for a lost device or a session someone else may hold. Their sessions in other organizations are not touched.
   */
  async endSessions(auth: AuthContext, memberId: string): Promise<MemberView> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.members.lockById(manager, auth.organizationId, memberId);
      if (!member) throw AppError.notFound('Member', memberId);
      const endedAt = new Date();
      await this.members.endSessions(manager, memberId, endedAt);
      await this.audit.record(manager, auth, {
        action: 'member.sessions_ended',
        entityType: 'member',
        entityId: memberId,
        before: null,
        after: { sessionsValidAfter: endedAt.toISOString() },
      });
    });
    this.memberships.forgetMember(memberId);
    return this.get(auth, memberId);
  }

  private async assertAnotherAdmin(manager: EntityManager, organizationId: string, memberId: string): Promise<void> {
    if ((await this.members.countOtherActiveAdmins(manager, organizationId, memberId)) === 0)
      throw AppError.conflict('last_admin', 'The organization must keep at least one active admin.');
  }
}
