import { Module } from '@nestjs/common';
import { ApplicationsRepository, InterviewsRepository, ScorecardsRepository } from '@hireloop/core';
import { ScorecardsModule } from '../scorecards/scorecards.module';
import { FeedbackNudgesService } from './feedback-nudges.service';
import { InterviewKitService } from './interview-kit.service';
import { InterviewMovesController } from './interview-moves.controller';
import { InterviewMovesService } from './interview-moves.service';
import { InterviewsController } from './interviews.controller';
import { InterviewsService } from './interviews.service';

@Module({
  imports: [ScorecardsModule],
  controllers: [InterviewsController, InterviewMovesController],
  providers: [
    InterviewsService,
    FeedbackNudgesService,
    InterviewMovesService,
    InterviewKitService,
    ApplicationsRepository,
    InterviewsRepository,
    ScorecardsRepository,
  ],
})
export class InterviewsModule {}
