import { Global, Module } from '@nestjs/common';
import { AuditRepository } from './audit/audit.repository';
import { AuditService } from './audit/audit.service';
import { CandidateKeysRepository } from './audit/candidate-keys.repository';
import { CandidateKeysService } from './audit/candidate-keys.service';
import { EmailTokens } from './email/email-tokens';
import { MembershipCache } from './members/membership-cache';
import { MembersRepository } from './members/members.repository';
import { OrganizationsRepository } from './organizations/organizations.repository';
import { OutboxRepository } from './outbox/outbox.repository';
import { OutboxService, OutboxWakeup } from './outbox/outbox.service';
import { LoopVersionsRepository } from './roles/loop-versions.repository';
import { LoopVersionsService } from './roles/loop-versions.service';
import { QuestionsRepository } from './roles/questions.repository';
import { RolesRepository } from './roles/roles.repository';
import { UsersRepository } from './users/users.repository';

/** Cross-cutting services shared by the API and the worker. */
@Global()
@Module({
  providers: [
    AuditRepository,
    AuditService,
    CandidateKeysRepository,
    CandidateKeysService,
    OutboxRepository,
    OutboxService,
    OutboxWakeup,
    MembersRepository,
    MembershipCache,
    OrganizationsRepository,
    RolesRepository,
    QuestionsRepository,
    LoopVersionsRepository,
    LoopVersionsService,
    UsersRepository,
    EmailTokens,
  ],
  exports: [
    AuditService,
    CandidateKeysService,
    OutboxService,
    OutboxWakeup,
    MembersRepository,
    MembershipCache,
    OrganizationsRepository,
    RolesRepository,
    QuestionsRepository,
    LoopVersionsRepository,
    LoopVersionsService,
    UsersRepository,
    EmailTokens,
  ],
})
export class CoreModule {}
