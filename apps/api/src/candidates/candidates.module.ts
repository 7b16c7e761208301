import { Module } from '@nestjs/common';
import {
  ApplicationsRepository,
  CandidatesRepository,
  CandidatesService,
  DecisionsRepository,
  IdempotencyStore,
  OutcomesRepository,
  ScorecardsRepository,
} from '@hireloop/core';
import { SelfIdentificationStore } from '@hireloop/core/self-identification/self-identification.store';
import { EmailRequestsRepository } from '@hireloop/core/email/email-requests.repository';
import { CandidateErasureService } from '@hireloop/core/candidates/candidate-erasure.service';
import { CandidatesController } from './candidates.controller';

@Module({
  controllers: [CandidatesController],
  providers: [
    CandidatesService,
    CandidateErasureService,
    EmailRequestsRepository,
    CandidatesRepository,
    ApplicationsRepository,
    ScorecardsRepository,
    SelfIdentificationStore,
    OutcomesRepository,
    DecisionsRepository,
    IdempotencyStore,
  ],
})
export class CandidatesModule {}
