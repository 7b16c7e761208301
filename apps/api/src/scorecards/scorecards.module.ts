import { Module } from '@nestjs/common';
import { ApplicationsRepository, CandidatesRepository, InterviewsRepository, ScorecardsRepository } from '@hireloop/core';
import { IdempotencyStore } from '../common/idempotency';
import { ScorecardReadsService } from './scorecard-reads.service';
import { ScorecardViews } from './scorecard-views';
import { ScorecardWritesService } from './scorecard-writes.service';
import { ScorecardsController } from './scorecards.controller';

@Module({
  controllers: [ScorecardsController],
  providers: [
    ScorecardWritesService,
    ScorecardReadsService,
    ScorecardViews,
    IdempotencyStore,
    ApplicationsRepository,
    CandidatesRepository,
    InterviewsRepository,
    ScorecardsRepository,
  ],
  exports: [ScorecardViews],
})
export class ScorecardsModule {}
