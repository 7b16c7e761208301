import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '@hireloop/config';
import { AppError, AuthContext, MemberEntity, OrganizationEntity, UserEntity } from '@hireloop/core';
import { enterOrganization, enterUser, PgErrorCode, pgErrorCode } from '@hireloop/database';
import { AcceptInviteRequestDto, SignupRequestDto } from './dto/auth.request.dto';
import { MeResponseDto, MembershipResponseDto, OrganizationResponseDto, TokenResponseDto, UserResponseDto } from './dto/auth.response.dto';
import { JwtPayload } from './jwt.strategy';
import { hashPassword, verifyPassword } from './password';

export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newInviteToken(): string {
  return randomBytes(32).toString('base64url');
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /** Creates an organization and its first admin, and signs them in. */
  async signup(dto: SignupRequestDto): Promise<TokenResponseDto> {
    const passwordHash = await hashPassword(dto.password);
    try {
      const member = await this.dataSource.transaction(async (manager) => {
        const org = await manager.save(manager.create(OrganizationEntity, { name: dto.organizationName, settings: {} }));
        // The new organization's rows are written in its scope (row-level security).
        enterOrganization(org.id);
        const user = await manager.save(manager.create(UserEntity, { email: dto.email, name: dto.name, passwordHash }));
        const saved = await manager.save(
          manager.create(MemberEntity, { organizationId: org.id, userId: user.id, roles: ['admin'], status: 'active', inviteTokenHash: null, inviteExpiresAt: null }),
        );
        return saved;
      });
      return this.issueToken(member.id);
    } catch (error) {
      if (pgErrorCode(error) === PgErrorCode.UniqueViolation) {
        throw new AppError('conflict', 'email_taken', 'An account with this email already exists; sign in instead.', [{ field: 'email', message: 'email is already registered', code: 'email_taken' }]);
      }
      throw error;
    }
  }

  /** The user id when the credentials are right; null otherwise (same time either way). */
  async verifyCredentials(email: string, password: string): Promise<string | null> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: String(email).trim().toLowerCase() })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash, password);
    return ok && user ? user.id : null;
  }

  /** Signs a verified user in to one of their organizations (the oldest active membership unless one is named). */
  async login(userId: string, organizationId?: string): Promise<TokenResponseDto> {
    // No organization yet: row-level security lets a verified user read their own memberships only.
    enterUser(userId);
    const qb = this.dataSource
      .getRepository(MemberEntity)
      .createQueryBuilder('m')
      .where('m.user_id = :userId AND m.status = :status', { userId, status: 'active' })
      .orderBy('m.created_at', 'ASC');
    if (organizationId) qb.andWhere('m.organization_id = :organizationId', { organizationId });
    const member = await qb.getOne();
    if (!member) throw new AppError('unauthorized', 'no_active_membership', 'This account has no active membership in that organization.');
    return this.issueToken(member.id);
  }

  async acceptInvite(dto: AcceptInviteRequestDto): Promise<TokenResponseDto> {
    const tokenHash = hashInviteToken(dto.token);
    const memberId = await this.dataSource.transaction(async (manager) => {
      // The one cross-organization lookup of the request path, by a narrow SECURITY DEFINER function: the membership
      // holding this invite token (if any), whose organization the rest of the request is then scoped to.
      const [invited]: { organization_id: string }[] = await manager.query(`SELECT organization_id FROM invited_membership($1)`, [tokenHash]);
      if (invited) enterOrganization(invited.organization_id);
      const member = await manager
        .getRepository(MemberEntity)
        .createQueryBuilder('m')
        .setLock('pessimistic_write')
        .where('m.invite_token_hash = :tokenHash', { tokenHash })
        .getOne();
      if (!member || member.status !== 'invited' || !member.inviteExpiresAt || member.inviteExpiresAt.getTime() < Date.now()) {
        throw new AppError('validation', 'invalid_invite', 'This invitation is unknown, already used or expired.', [{ field: 'token', message: 'token is unknown, used or expired' }]);
      }
      const user = await manager.getRepository(UserEntity).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id: member.userId }).getOneOrFail();
      if (user.passwordHash) {
        // An existing account joining another organization proves it is theirs with their current password.
        if (!(await verifyPassword(user.passwordHash, dto.password))) {
          throw new AppError('unauthorized', 'invalid_credentials', 'This email already has an account; accept with its current password.');
        }
      } else {
        await manager.update(UserEntity, { id: user.id }, { passwordHash: await hashPassword(dto.password), ...(dto.name ? { name: dto.name } : {}) });
      }
      await manager.update(MemberEntity, { id: member.id }, { status: 'active', inviteTokenHash: null, inviteExpiresAt: null });
      return member.id;
    });
    return this.issueToken(memberId);
  }

  /** Used on every authenticated request: the membership must still be active. */
  async resolveAuthContext(userId: string, organizationId: string, memberId: string): Promise<AuthContext | null> {
    const rows: { roles: string[] }[] = await this.dataSource.query(
      `SELECT roles FROM members WHERE id = $1 AND organization_id = $2 AND user_id = $3 AND status = 'active'`,
      [memberId, organizationId, userId],
    );
    if (rows.length === 0) return null;
    return { userId, organizationId, memberId, roles: rows[0].roles as AuthContext['roles'] };
  }

  async me(auth: AuthContext): Promise<MeResponseDto> {
    const member = await this.dataSource.getRepository(MemberEntity).findOneOrFail({ where: { id: auth.memberId, organizationId: auth.organizationId }, relations: { user: true } });
    const org = await this.dataSource.getRepository(OrganizationEntity).findOneByOrFail({ id: auth.organizationId });
    return { user: UserResponseDto.from(member.user!), organization: OrganizationResponseDto.from(org), membership: MembershipResponseDto.from(member) };
  }

  private async issueToken(memberId: string): Promise<TokenResponseDto> {
    const member = await this.dataSource.getRepository(MemberEntity).findOneOrFail({ where: { id: memberId }, relations: { user: true } });
    enterOrganization(member.organizationId);
    const org = await this.dataSource.getRepository(OrganizationEntity).findOneByOrFail({ id: member.organizationId });
    const payload: JwtPayload = { sub: member.userId, org: member.organizationId, mid: member.id };
    const accessToken = await this.jwt.signAsync(payload);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.JWT_EXPIRES_IN_SECONDS,
      user: UserResponseDto.from(member.user!),
      organization: OrganizationResponseDto.from(org),
      membership: MembershipResponseDto.from(member),
    };
  }
}
