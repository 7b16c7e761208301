import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { enterUser } from '@hireloop/database';
import { AppError } from '../common/app-error';
import { EmailRequests, EmailTokens } from '../email';
import { hashPassword } from './password';
import { MembershipCache } from '../members/membership-cache';
import { PasswordResetRepository } from './password-reset.repository';
import { AccountSecurityService } from './account-security.service';
import { UsersRepository } from './users.repository';
import { hashOneTimeToken, newOneTimeToken } from '../common/one-time-token';

/** Who asks for a reset link (PasswordResetRequestDto satisfies it). */
export interface PasswordResetRequestInput {
  email: string;
}

/** The link's token and the new password (PasswordResetConfirmRequestDto satisfies it). */
export interface PasswordResetConfirmInput {
  token: string;
  password: string;
}

/** A reset link works once, within this long. */
export const PASSWORD_RESET_TTL_MS = 3600 * 1000;
/** At most this many unused links per account and hour; further requests are answered alike but send nothing. */
export const MAX_OPEN_RESETS_PER_HOUR = 5;

/**
 * Password reset by email. The request answers the same whatever the address (no account enumeration); the
 * token is 256 random bits, stored only as its SHA-256, single use (the first confirm marks it, and every other open
 * token of the account, used), and expires after an hour. The email is sent by the worker from the outbox.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resets: PasswordResetRepository,
    private readonly users: UsersRepository,
    private readonly accounts: AccountSecurityService,
    private readonly emailTokens: EmailTokens,
    private readonly memberships: MembershipCache,
  ) {}

  async request(dto: PasswordResetRequestInput): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await this.resets.lockAccountByEmail(manager, dto.email);
      if (!user) return;
      // Without a password: an account made by single sign-on may set one once an organization it belongs to no longer
      // signs in with SSO (else turning SSO off or removing it would lock it out); while SSO is on it signs in there.
      // An invitation not yet accepted may not: accepting it is how that account gets its password.
      if (!user.hasPassword) {
        enterUser(user.id);
        if (!(await this.resets.mayResetWithoutPassword(manager, user.id))) return;
      }
      if (user.openLinksLastHour >= MAX_OPEN_RESETS_PER_HOUR) {
        this.logger.warn(`password reset for user ${user.id} not sent: ${MAX_OPEN_RESETS_PER_HOUR} links already open this hour`);
        return;
      }
      const token = newOneTimeToken();
      const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_MS);
      const id = await this.resets.insertToken(manager, user.id, hashOneTimeToken(token), expiresAt);
      await EmailRequests.passwordReset(manager, { tokenId: id, email: user.email, name: user.name, token, expiresAt }, this.emailTokens);
    });
  }

  /** Sets the new password and signs the account out everywhere (its earlier tokens are refused from now on). */
  async confirm(dto: PasswordResetConfirmInput): Promise<void> {
    const passwordHash = await hashPassword(dto.password);
    const userId = await this.dataSource.transaction(async (manager) => {
      const userId = await this.resets.spendToken(manager, hashOneTimeToken(dto.token));
      if (!userId) {
        throw new AppError('validation', 'invalid_reset_token', 'This password-reset link is unknown, already used or expired; ask for a new one.', [
          { field: 'token', message: 'token is unknown, already used or expired', code: 'invalid_reset_token' },
        ]);
      }
      // The token's user: the foreign key keeps the account while a token of it exists.
      const account = (await this.users.lockAccount(manager, userId))!;
      await this.accounts.replacePassword(manager, userId, account, passwordHash);
      return userId;
    });
    this.memberships.forgetUser(userId);
  }
}
