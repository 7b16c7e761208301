import { Module } from '@nestjs/common';
import { ApplicationsRepository, InterviewsRepository, ScorecardsRepository } from '@hireloop/core';
import { ScorecardsModule } from '../scorecards/scorecards.module';
import { InterviewKitService } from './interview-kit.service';
import { InterviewsController } from './interviews.controller';
import { InterviewsService } from './interviews.service';

@Module({
  imports: [ScorecardsModule],
  controllers: [InterviewsController],
  providers: [InterviewsService, InterviewKitService, ApplicationsRepository, InterviewsRepository, ScorecardsRepository],
})
export class InterviewsModule {}
