import { Module } from '@nestjs/common';
import { InterviewsModule as CoreInterviewsModule } from '@hireloop/core';
import { InterviewMovesController } from './interview-moves.controller';
import { InterviewsController } from './interviews.controller';

@Module({
  imports: [CoreInterviewsModule],
  controllers: [InterviewsController, InterviewMovesController],
})
export class InterviewsModule {}
