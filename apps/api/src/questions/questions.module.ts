import { Module } from '@nestjs/common';
import { QuestionsModule as CoreQuestionsModule } from '@hireloop/core';
import { QuestionsController } from './questions.controller';

/** The organization's question bank. */
@Module({ imports: [CoreQuestionsModule], controllers: [QuestionsController] })
export class QuestionsModule {}
