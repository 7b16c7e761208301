import { Module } from '@nestjs/common';
import { ApplicationsRepository, ApplicationsService, CandidatesRepository, InterviewsRepository } from '@hireloop/core';
import { ApplicationsController } from './applications.controller';

@Module({
  controllers: [ApplicationsController],
  providers: [ApplicationsService, ApplicationsRepository, CandidatesRepository, InterviewsRepository],
})
export class ApplicationsModule {}
