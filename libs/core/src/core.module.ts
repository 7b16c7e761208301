import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit/audit.service';
import { CandidateKeysService } from './audit/candidate-keys.service';
import { MembersRepository } from './members/members.repository';
import { OutboxService, OutboxWakeup } from './outbox/outbox.service';
import { LoopVersionsRepository } from './roles/loop-versions.repository';
import { LoopVersionsService } from './roles/loop-versions.service';
import { QuestionsRepository } from './roles/questions.repository';
import { RolesRepository } from './roles/roles.repository';

/** Cross-cutting services shared by the API and the worker. */
@Global()
@Module({
  providers: [
    AuditService,
    CandidateKeysService,
    OutboxService,
    OutboxWakeup,
    MembersRepository,
    RolesRepository,
    QuestionsRepository,
    LoopVersionsRepository,
    LoopVersionsService,
  ],
  exports: [
    AuditService,
    CandidateKeysService,
    OutboxService,
    OutboxWakeup,
    MembersRepository,
    RolesRepository,
    QuestionsRepository,
    LoopVersionsRepository,
    LoopVersionsService,
  ],
})
export class CoreModule {}
