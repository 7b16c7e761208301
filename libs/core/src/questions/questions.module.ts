import { Module } from '@nestjs/common';
import { QuestionsService } from './questions.service';

/** The organization's question bank. Needs CoreModule (questions and roles repositories, loop versions, audit). */
@Module({ providers: [QuestionsService], exports: [QuestionsService] })
export class QuestionsModule {}
