import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { runWithScope } from '@hireloop/database';
import { AppError } from '../common/app-error';
import { EmailRequests, unsafeNameError } from '../email';
import { MembershipCache } from '../members/membership-cache';
import { hashPassword, verifyPassword } from './password';
import { PasswordResetRepository } from './password-reset.repository';
import { UsersRepository } from './users.repository';

/** A signed-in user's new password, proven by the current one (ChangePasswordRequestDto satisfies it). */
export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/**
 * What a signed-in user does to their own account's access: change the password and end every session. Both end
 * every session of the account issued before the change (in every organization, on every device), through the same
 * `sessions_valid_after` as a password reset; the API processes forget the remembered tokens on the announcement.
 */
@Injectable()
export class AccountSecurityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly resets: PasswordResetRepository,
    private readonly memberships: MembershipCache,
  ) {}

  /**
   * The current password must be right (a stolen session alone cannot take the account over). Open reset links
   * stop working, and the owner gets an email saying the password changed. The caller issues the new session.
   */
  async changePassword(userId: string, dto: ChangePasswordInput): Promise<void> {
    const newHash = await hashPassword(dto.newPassword);
    // Account rows and account mail belong to no organization: written outside the caller's organization scope.
    await runWithScope({ userId }, () =>
      this.dataSource.transaction(async (manager) => {
        const account = await this.lockProvenAccount(manager, userId, dto.currentPassword);
        await this.replacePassword(manager, userId, account, newHash);
      }),
    );
    this.memberships.forgetUser(userId);
  }

  /**
   * The account, locked until the transaction ends, once `currentPassword` proved it is its owner's (what a change of
   * the password or the sign-in address asks first); else a 400 on the field `currentPassword`.
   */
  async lockProvenAccount(manager: EntityManager, userId: string, currentPassword: string): Promise<{ email: string; name: string }> {
    const account = await this.users.lockAccount(manager, userId);
    if (!account || !(await verifyPassword(account.passwordHash, currentPassword))) {
      const message = account?.passwordHash
        ? 'currentPassword is not the password of this account'
        : 'this account has no password yet (it signs in with single sign-on); set one with a reset link';
      throw new AppError('validation', 'invalid_current_password', 'The current password is wrong.', [
        { field: 'currentPassword', message, code: 'invalid_current_password' },
      ]);
    }
    return account;
  }

  /**
   * A new password, however it was proven (the current one, a reset link), in the caller's transaction with the
   * account locked: every earlier session of the account ends, open reset links are spent, and the owner is emailed.
   * The caller forgets the account's remembered tokens (`MembershipCache.forgetUser`) once it committed.
   */
  async replacePassword(manager: EntityManager, userId: string, account: { email: string; name: string }, passwordHash: string): Promise<void> {
    const changedAt = new Date();
    await this.users.setPassword(manager, userId, passwordHash, changedAt);
    await this.resets.spendOpenTokens(manager, userId);
    await EmailRequests.passwordChanged(manager, { userId, email: account.email, name: account.name, changedAt });
  }

  /** The account's name, as every organization it belongs to shows it (and emails carry it). */
  async rename(userId: string, name: string): Promise<void> {
    const unsafe = unsafeNameError(name, 'name');
    if (unsafe) throw AppError.invalidFields([unsafe]);
    await runWithScope({ userId }, () => this.dataSource.transaction((manager) => this.users.rename(manager, userId, name)));
  }

  /** Every session of the account ends, this one included ("sign out everywhere"). */
  async endAllSessions(userId: string): Promise<void> {
    await runWithScope({ userId }, () => this.dataSource.transaction((manager) => this.users.endSessions(manager, userId, new Date())));
    this.memberships.forgetUser(userId);
  }
}
