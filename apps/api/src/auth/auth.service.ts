import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@hireloop/config';
import {
  AppError,
  AuthContext,
  hashOneTimeToken,
  isUuid,
  MemberEntity,
  MembershipCache,
  newOneTimeToken,
  OrganizationEntity,
  UserEntity,
} from '@hireloop/core';
import { assertSafeRecipient, EmailRequests, EmailTokens } from '@hireloop/core/email';
import { enterOrganization, enterUser, PgErrorCode, pgErrorCode, runInOrganization, runWithScope } from '@hireloop/database';
import { AcceptInviteRequestDto, SignupRequestDto, VerifyEmailRequestDto } from './dto/auth.request.dto';
import {
  MeResponseDto,
  MembershipResponseDto,
  MyOrganizationResponseDto,
  OrganizationResponseDto,
  SignupAcceptedResponseDto,
  TokenResponseDto,
  UserResponseDto,
} from './dto/auth.response.dto';
import { JwtPayload } from './jwt.strategy';
import { hashPassword, verifyPassword } from '@hireloop/core/users/password';
import { UsersRepository } from '@hireloop/core/users/users.repository';
import { SessionsService } from '@hireloop/core/users/sessions.service';
import { OrganizationsRepository } from '@hireloop/core/organizations/organizations.repository';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly emailTokens: EmailTokens,
    private readonly memberships: MembershipCache,
    private readonly sessions: SessionsService,
    private readonly organizations: OrganizationsRepository,
  ) {}

  /**
   * With SIGNUP_EMAIL_VERIFICATION (the default): the same answer whether or not the e-mail has an account. A new
   * e-mail gets its organization, user and a pending membership, and a one-time verification link is mailed; an
   * existing one gets nothing but a mail telling its owner. Both mails go the way of every email (outbox → worker →
   * SMTP), in the transaction of the signup. Both paths hash the password, so they also take about as long.
   */
  async signupWithVerification(dto: SignupRequestDto, browserKey: string): Promise<SignupAcceptedResponseDto> {
    // Checked before anything else: a 400 that only one of the two paths gave would tell them apart.
    assertSafeRecipient({ email: dto.email, name: dto.name });
    const passwordHash = await hashPassword(dto.password);
    const token = newOneTimeToken();
    await this.dataSource.transaction(async (manager) => {
      const user = await this.users.findOrCreate(manager, { email: dto.email, name: dto.name, passwordHash });
      if (!user.created) {
        // Outside any organization's scope: an account mail, like a password reset.
        await EmailRequests.signupAttempt(manager, { attemptId: randomUUID(), email: dto.email, name: user.name });
        return;
      }
      const org = await manager.save(manager.create(OrganizationEntity, { name: dto.organizationName, settings: {} }));
      // The new organization's rows are written in its scope (row-level security).
      enterOrganization(org.id);
      const member = await manager.save(
        manager.create(MemberEntity, {
          organizationId: org.id,
          userId: user.id,
          roles: ['admin'],
          status: 'invited',
          invitedName: null,
          inviteTokenHash: null,
          inviteExpiresAt: null,
        }),
      );
      const [{ expires_at: expiresAt }]: { expires_at: Date }[] = await manager.query(
        `INSERT INTO signup_verifications (token_hash, member_id, expires_at, browser_hash)
         VALUES ($1, $2, now() + make_interval(secs => $4), $3) RETURNING expires_at`,
        [hashOneTimeToken(token), member.id, hashOneTimeToken(browserKey), SIGNUP_VERIFICATION_SECONDS],
      );
      await EmailRequests.verification(
        manager,
        {
          email: dto.email,
          name: dto.name,
          token,
          expiresAt,
          organizationId: org.id,
          userId: user.id,
        },
        this.emailTokens,
      );
    });
    return { status: 'verification_sent', detail: 'Check your e-mail to finish signing up.' };
  }

  /**
   * Completes a signup: the pending membership becomes active and the new admin is signed in. The link proves who reads
   * the mailbox, not who chose the password: in the browser that signed up (its `browserKey` cookie) that is enough;
   * elsewhere the sign-up's password must come too, or the owner of an address someone else signed up with would
   * hand them a verified account in the owner's name. A refused attempt leaves the token usable.
   */
  async verifyEmail(dto: VerifyEmailRequestDto, browserKey: string | undefined): Promise<TokenResponseDto> {
    const memberId = await this.dataSource.transaction(async (manager) => {
      // Before an organization is known: one SECURITY DEFINER function names the pending membership's organization
      // (nothing else), and the rest of the request is scoped to it (row-level security).
      const [pending]: { organization_id: string }[] = await manager.query(`SELECT organization_id FROM signup_membership($1)`, [
        hashOneTimeToken(dto.token),
      ]);
      if (pending) enterOrganization(pending.organization_id);
      // Compared as SHA-256 digests of random keys, as the SSO browser binding is: a null (no cookie, or a row from
      // before the binding) is never the same browser.
      const rows: { member_id: string; same_browser: boolean }[] = await manager.query(
        `WITH used AS (DELETE FROM signup_verifications WHERE token_hash = $1 RETURNING member_id, expires_at, browser_hash)
         SELECT member_id, coalesce(browser_hash = $2, false) AS same_browser FROM used WHERE expires_at > now()`,
        [hashOneTimeToken(dto.token), browserKey === undefined ? null : hashOneTimeToken(browserKey)],
      );
      if (rows.length === 0) {
        throw new AppError('validation', 'invalid_token', 'This verification token is unknown, already used or expired.', [
          { field: 'token', message: 'token is unknown, used or expired' },
        ]);
      }
      const [{ member_id: memberId, same_browser: sameBrowser }] = rows;
      if (!sameBrowser) await this.assertSignupPassword(manager, memberId, dto.password);
      await manager.query(`UPDATE members SET status = 'active' WHERE id = $1 AND status = 'invited'`, [memberId]);
      return memberId;
    });
    return this.issueToken(memberId);
  }

  /** Throwing rolls the verification's transaction back: the token stays usable for the right browser or password. */
  private async assertSignupPassword(manager: EntityManager, memberId: string, password: string | undefined): Promise<void> {
    if (password === undefined)
      throw new AppError(
        'validation',
        'password_required',
        'This link was opened in another browser than the one that signed up: enter the password chosen at sign-up to finish.',
        [{ field: 'password', message: 'password chosen at sign-up is required in this browser' }],
      );
    const [user]: { password_hash: string | null }[] = await manager.query(
      `SELECT u.password_hash FROM members m JOIN users u ON u.id = m.user_id WHERE m.id = $1`,
      [memberId],
    );
    if (!(await verifyPassword(user?.password_hash ?? null, password)))
      throw new AppError('unauthorized', 'invalid_credentials', 'This is not the password chosen at sign-up.');
  }

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
          manager.create(MemberEntity, {
            organizationId: org.id,
            userId: user.id,
            roles: ['admin'],
            status: 'active',
            inviteTokenHash: null,
            inviteExpiresAt: null,
          }),
        );
        return saved;
      });
      return this.issueToken(member.id);
    } catch (error) {
      if (pgErrorCode(error) === PgErrorCode.UniqueViolation) {
        throw new AppError('conflict', 'email_taken', 'An account with this email already exists; sign in instead.', [
          { field: 'email', message: 'email is already registered', code: 'email_taken' },
        ]);
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
    const members = await qb.getMany();
    if (members.length === 0)
      throw new AppError('unauthorized', 'no_active_membership', 'This account has no active membership in that organization.');
    for (const member of members) {
      if (!(await this.passwordRefusedBySso(member))) return this.issueToken(member.id);
    }
    const ssoOrganizationId = members[0].organizationId;
    throw new AppError('forbidden', 'sso_required', 'This organization signs in with single sign-on only: use "Sign in with SSO".', [], {
      organizationId: ssoOrganizationId,
      ssoStartUrl: `/v1/auth/sso/${ssoOrganizationId}/start`,
    });
  }

  /** The caller's active memberships (oldest first): each organization's name, and whether entering it needs single sign-on. */
  async myOrganizations(auth: AuthContext): Promise<MyOrganizationResponseDto[]> {
    // Across organizations: the user's own memberships (their row-level policy), then each organization in its own scope.
    const members = await runWithScope({ userId: auth.userId }, () =>
      this.dataSource.getRepository(MemberEntity).find({ where: { userId: auth.userId, status: 'active' }, order: { createdAt: 'ASC', id: 'ASC' } }),
    );
    const names = await this.organizations.namesOf(members.map((m) => m.organizationId));
    const organizations: MyOrganizationResponseDto[] = [];
    for (const member of members) {
      const name = names.get(member.organizationId);
      if (name === undefined) continue;
      organizations.push({
        organizationId: member.organizationId,
        name,
        roles: member.roles,
        current: member.organizationId === auth.organizationId,
        // The rule of signing in to it (and so of switching to it).
        ssoRequired: await this.passwordRefusedBySso(member),
      });
    }
    return organizations;
  }

  /**
   * A session in another organization of the caller's, without the password again: the same rules as signing in to it
   * (an active membership; an organization that enforces single sign-on wants its provider: 403 sso_required).
   */
  async switchOrganization(auth: AuthContext, organizationId: string): Promise<TokenResponseDto> {
    try {
      return await runWithScope({ userId: auth.userId }, () => this.login(auth.userId, organizationId));
    } catch (error) {
      // Not 401: the caller's own session is fine; the organization is not theirs to enter.
      if (error instanceof AppError && error.code === 'no_active_membership') throw AppError.notFound('Organization', organizationId);
      throw error;
    }
  }

  /** An organization that enforces single sign-on refuses password sign-in, except to its admins (the break-glass path). */
  private async passwordRefusedBySso(member: MemberEntity): Promise<boolean> {
    if (member.roles.includes('admin')) return false;
    const rows: unknown[] = await runInOrganization(member.organizationId, () =>
      this.dataSource.query(`SELECT 1 FROM organization_sso WHERE organization_id = $1 AND enabled AND enforced`, [member.organizationId]),
    );
    return rows.length > 0;
  }

  async acceptInvite(dto: AcceptInviteRequestDto): Promise<TokenResponseDto> {
    const tokenHash = hashOneTimeToken(dto.token);
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
        const [revoked]: { revoked: boolean }[] = await manager.query(`SELECT revoked_invite($1) AS revoked`, [tokenHash]);
        if (revoked?.revoked)
          throw AppError.gone('invite_revoked', 'This invitation was withdrawn by an admin of the organization. Ask them for a new one.');
        throw new AppError('validation', 'invalid_invite', 'This invitation is unknown, already used or expired.', [
          { field: 'token', message: 'token is unknown, used or expired' },
        ]);
      }
      // isFirstInvite compares this membership with the user's others in every organization: row-level security shows
      // a user their own memberships (read only) once the user is entered.
      enterUser(member.userId);
      const user = await manager
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .setLock('pessimistic_write')
        .where('u.id = :id', { id: member.userId })
        .getOneOrFail();
      // Only the invite that brought the email in may give it a password and a name; every other invite joins an
      // existing account (or one another organization invited first), which takes signing in as it: its current
      // password, and nothing about the account changes.
      if (user.passwordHash || !(await this.isFirstInvite(manager, user.id, member.id))) {
        if (!(await verifyPassword(user.passwordHash, dto.password))) {
          throw new AppError('unauthorized', 'invalid_credentials', 'This email already has an account; accept with its current password.');
        }
      } else {
        await manager.update(
          UserEntity,
          { id: user.id },
          { passwordHash: await hashPassword(dto.password), name: dto.name ?? member.invitedName ?? user.name },
        );
      }
      await manager.update(MemberEntity, { id: member.id }, { status: 'active', invitedName: null, inviteTokenHash: null, inviteExpiresAt: null });
      return member.id;
    });
    return this.issueToken(memberId);
  }

  /** The user's oldest membership that was not withdrawn is this one: its organization's invite created the user. */
  private async isFirstInvite(manager: DataSource['manager'], userId: string, memberId: string): Promise<boolean> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM members WHERE user_id = $1 ORDER BY (status = 'deactivated'), created_at, id LIMIT 1`,
      [userId],
    );
    return rows[0]?.id === memberId;
  }

  /**
   * Used on every authenticated request: the membership must still be active, the token not signed out and not issued
   * before the account's sessions were ended (password change or reset, signing out everywhere) nor before an admin
   * ended the membership's sessions. Answered
   * from MembershipCache when it heard of no change since it last read the same membership and token.
   */
  async resolveAuthContext(
    userId: string,
    organizationId: string,
    memberId: string,
    tokenId: string | undefined,
    issuedAt: Date,
  ): Promise<AuthContext | null> {
    const auth =
      this.memberships.lookup(memberId, userId, organizationId, tokenId) ??
      (await this.readMembership(userId, organizationId, memberId, tokenId, issuedAt));
    if (auth && tokenId) this.sessions.noteUse(tokenId);
    return auth;
  }

  /** The membership check from the database, remembered for the next requests with the same token. */
  private async readMembership(
    userId: string,
    organizationId: string,
    memberId: string,
    tokenId: string | undefined,
    issuedAt: Date,
  ): Promise<AuthContext | null> {
    const ticket = this.memberships.ticket();
    // Joined, not NOT EXISTS: an account row the statement cannot see refuses the token rather than passing it.
    const rows: { roles: string[] }[] = await this.dataSource.query(
      `SELECT m.roles FROM members m JOIN users u ON u.id = m.user_id
        WHERE m.id = $1 AND m.organization_id = $2 AND m.user_id = $3 AND m.status = 'active'
          AND (u.sessions_valid_after IS NULL OR u.sessions_valid_after <= $5::timestamptz)
          AND (m.sessions_valid_after IS NULL OR m.sessions_valid_after <= $5::timestamptz)
          AND NOT EXISTS (SELECT 1 FROM revoked_access_tokens WHERE jti = $4::uuid)`,
      [memberId, organizationId, userId, tokenId ?? null, issuedAt],
    );
    if (rows.length === 0) return null;
    const auth: AuthContext = { userId, organizationId, memberId, roles: rows[0].roles as AuthContext['roles'], sessionId: tokenId };
    this.memberships.remember(ticket, auth, tokenId);
    return auth;
  }

  /**
   * Sign-out: a valid token is refused from now on, wherever a copy of it is (an invalid or expired one is ignored).
   * Kept until the token would have expired anyway; the retention purge removes it after that.
   */
  async signOut(accessToken: string): Promise<void> {
    const payload = await this.jwt.verifyAsync<{ jti?: string; exp?: number }>(accessToken, { algorithms: ['HS256'] }).catch(() => null);
    if (!payload?.jti || !payload.exp || !isUuid(payload.jti)) return;
    await this.sessions.revokeToken(payload.jti, new Date(payload.exp * 1000));
  }

  async me(auth: AuthContext): Promise<MeResponseDto> {
    const member = await this.dataSource
      .getRepository(MemberEntity)
      .findOneOrFail({ where: { id: auth.memberId, organizationId: auth.organizationId }, relations: { user: true } });
    const org = await this.dataSource.getRepository(OrganizationEntity).findOneByOrFail({ id: auth.organizationId });
    return {
      user: UserResponseDto.from(member.user!),
      organization: OrganizationResponseDto.from(org),
      membership: MembershipResponseDto.from(member),
    };
  }

  /** The one way a session is issued: password sign-in, invite, verification and single sign-on all end here. */
  async issueToken(memberId: string): Promise<TokenResponseDto> {
    const member = await this.dataSource.getRepository(MemberEntity).findOneOrFail({ where: { id: memberId }, relations: { user: true } });
    enterOrganization(member.organizationId);
    const org = await this.dataSource.getRepository(OrganizationEntity).findOneByOrFail({ id: member.organizationId });
    const issuedAt = new Date();
    const sessionId = randomUUID();
    const payload: JwtPayload = { sub: member.userId, org: member.organizationId, mid: member.id, iat_ms: issuedAt.getTime() };
    const accessToken = await this.jwt.signAsync(payload, { jwtid: sessionId });
    const expiresAt = new Date(issuedAt.getTime() + this.config.JWT_EXPIRES_IN_SECONDS * 1000);
    await this.sessions.record({ id: sessionId, userId: member.userId, memberId: member.id, createdAt: issuedAt, expiresAt });
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

/** How long a sign-up's verification link (and the signing-up browser's cookie) lasts. */
export const SIGNUP_VERIFICATION_SECONDS = 24 * 3600;
