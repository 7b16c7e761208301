import { Module } from '@nestjs/common';
import { QuestionsController } from './questions.controller';
import { QuestionsService } from './questions.service';

/** The organization's question bank. */
@Module({ controllers: [QuestionsController], providers: [QuestionsService] })
export class QuestionsModule {}
