import { Module } from '@nestjs/common';
import { ScorecardsModule as CoreScorecardsModule } from '@hireloop/core';
import { ScorecardsController } from './scorecards.controller';

@Module({
  imports: [CoreScorecardsModule],
  controllers: [ScorecardsController],
  exports: [CoreScorecardsModule],
})
export class ScorecardsModule {}
