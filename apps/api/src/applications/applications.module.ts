import { Module } from '@nestjs/common';
import { ApplicationsRepository, CandidatesRepository, InterviewsRepository } from '@hireloop/core';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';

@Module({
  controllers: [ApplicationsController],
  providers: [ApplicationsService, ApplicationsRepository, CandidatesRepository, InterviewsRepository],
})
export class ApplicationsModule {}
