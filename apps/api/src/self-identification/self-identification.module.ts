import { Module } from '@nestjs/common';
import { SelfIdentificationService } from '@hireloop/core';
import { SelfIdentificationRepository } from '@hireloop/core/self-identification/self-identification.repository';
import { SelfIdentificationStore } from '@hireloop/core/self-identification/self-identification.store';
import { SelfIdentificationController } from './self-identification.controller';

/** Voluntary self-identification (issue 16): one-time candidate links, answers readable by the compliance role only. */
@Module({
  controllers: [SelfIdentificationController],
  providers: [SelfIdentificationService, SelfIdentificationRepository, SelfIdentificationStore],
  exports: [SelfIdentificationStore],
})
export class SelfIdentificationModule {}
