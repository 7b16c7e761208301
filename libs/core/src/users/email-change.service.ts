import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PgErrorCode, pgErrorCode, runInOrganization, runWithScope } from '@hireloop/database';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import type { MemberRole } from '../common/member-role';
import { assertSafeRecipient, EmailRequests, EmailTokens } from '../email';
import { AccountSecurityService } from './account-security.service';
import { EmailChangeRepository } from './email-change.repository';
import { PasswordResetRepository } from './password-reset.repository';
import { UsersRepository } from './users.repository';
import { hashOneTimeToken, newOneTimeToken } from '../common/one-time-token';

/** A new sign-in address, proven by the current password (ChangeEmailRequestDto satisfies it). */
export interface ChangeEmailInput {
  /** Trimmed and lower-cased by the DTO. */
  newEmail: string;
  currentPassword: string;
}

/** A confirmation link works once, within this long. */
export const EMAIL_CHANGE_TTL_MS = 24 * 3600 * 1000;

const emailTaken = () => new AppError('conflict', 'email_taken', 'Another account signs in with this address now; the change was not made.');

/**
 * Changing an account's sign-in address takes two proofs: the current password (a stolen session alone cannot move
 * the account to an attacker's mailbox) and a link sent to the new address (a typo cannot lock the owner out). Until
 * the link is used nothing changes; the latest request's link is the only one that works. Once confirmed, the
 * previous address is told (whoever changed it knew the password), and reset links sent there stop working.
 * Sessions go on: the person is the same. The request answers alike whether or not another account has the address
 * (no account enumeration): it then sends nothing, and confirming a link whose address was taken since is a 409.
 */
@Injectable()
export class EmailChangeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountSecurityService,
    private readonly changes: EmailChangeRepository,
    private readonly resets: PasswordResetRepository,
    private readonly users: UsersRepository,
    private readonly emailTokens: EmailTokens,
    private readonly audit: AuditService,
  ) {}

  /** Sends the confirmation link to the new address; returns until when it works. */
  async request(userId: string, dto: ChangeEmailInput): Promise<{ expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + EMAIL_CHANGE_TTL_MS);
    // Account rows and account mail belong to no organization: written outside the caller's organization scope.
    await runWithScope({ userId }, () =>
      this.dataSource.transaction(async (manager) => {
        const account = await this.accounts.lockProvenAccount(manager, userId, dto.currentPassword);
        if (account.email === dto.newEmail)
          throw AppError.invalidFields([{ field: 'newEmail', message: 'newEmail is already the address of this account', code: 'unchanged' }]);
        assertSafeRecipient({ email: dto.newEmail, name: account.name }, { email: 'newEmail', name: 'name' });
        await this.changes.spendOpenTokens(manager, userId);
        if (await this.changes.addressTaken(manager, dto.newEmail, userId)) return;
        const token = newOneTimeToken();
        const tokenId = await this.changes.insertToken(manager, { userId, newEmail: dto.newEmail, tokenHash: hashOneTimeToken(token), expiresAt });
        await EmailRequests.emailChange(manager, { tokenId, newEmail: dto.newEmail, name: account.name, token, expiresAt }, this.emailTokens);
      }),
    );
    return { expiresAt };
  }

  /** Sets the address the link was sent to; returns it. */
  async confirm(token: string): Promise<{ email: string }> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const change = await this.changes.spendToken(manager, hashOneTimeToken(token));
        if (!change) {
          throw new AppError('validation', 'invalid_email_change_token', 'This confirmation link is unknown, already used, replaced or expired.', [
            { field: 'token', message: 'token is unknown, already used, replaced by a newer request or expired', code: 'invalid_email_change_token' },
          ]);
        }
        // The token's user: the foreign key keeps the account while a token of it exists.
        const account = (await this.users.lockAccount(manager, change.userId))!;
        if (await this.changes.addressTaken(manager, change.newEmail, change.userId)) throw emailTaken();
        await this.users.setEmail(manager, change.userId, change.newEmail);
        await this.changes.spendOpenTokens(manager, change.userId);
        await this.resets.spendOpenTokens(manager, change.userId);
        if (account.email !== change.newEmail) {
          await this.auditInEveryOrganization(manager, change.userId, { before: account.email, after: change.newEmail });
          await EmailRequests.emailChanged(manager, {
            userId: change.userId,
            previousEmail: account.email,
            newEmail: change.newEmail,
            name: account.name,
            changedAt: new Date(),
          });
        }
        return { email: change.newEmail };
      });
    } catch (error) {
      // Taken between the check and the update (a sign-up at the same moment): the unique index decides.
      if (pgErrorCode(error) === PgErrorCode.UniqueViolation) throw emailTaken();
      throw error;
    }
  }

  /**
   * Each organization the account belongs to (not deactivated) audits the change as its member's own act
   * (`member.email_changed`): its admins see who now signs in as that member.
   */
  private async auditInEveryOrganization(manager: EntityManager, userId: string, email: { before: string; after: string }): Promise<void> {
    const memberships: { id: string; organization_id: string; roles: MemberRole[] }[] = await runWithScope({ userId }, () =>
      manager.query(`SELECT id, organization_id, roles FROM members WHERE user_id = $1 AND status <> 'deactivated'`, [userId]),
    );
    for (const member of memberships) {
      await runInOrganization(member.organization_id, () =>
        this.audit.record(
          manager,
          { userId, organizationId: member.organization_id, memberId: member.id, roles: member.roles },
          {
            action: 'member.email_changed',
            entityType: 'member',
            entityId: member.id,
            before: { email: email.before },
            after: { email: email.after },
          },
        ),
      );
    }
  }
}
