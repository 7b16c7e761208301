import { Module } from '@nestjs/common';
import { ApplicationsRepository, CandidatesRepository, CandidatesService, OutcomesRepository, ScorecardsRepository } from '@hireloop/core';
import { SelfIdentificationStore } from '@hireloop/core/self-identification/self-identification.store';
import { CandidateErasureService } from '@hireloop/core/candidates/candidate-erasure.service';
import { CandidatesController } from './candidates.controller';

@Module({
  controllers: [CandidatesController],
  providers: [
    CandidatesService,
    CandidateErasureService,
    CandidatesRepository,
    ApplicationsRepository,
    ScorecardsRepository,
    SelfIdentificationStore,
    OutcomesRepository,
  ],
})
export class CandidatesModule {}
