import { Module } from '@nestjs/common';
import { SelfIdentificationStore } from '@hireloop/core/self-identification/self-identification.store';
import { FairnessController } from './fairness.controller';
import { FairnessRepository } from '@hireloop/core/fairness/fairness.repository';
import { FairnessService } from '@hireloop/core/fairness/fairness.service';
import { ScorecardsRepository } from '@hireloop/core/scorecards/scorecards.repository';

/** The adverse-impact audit (issue 16) for the compliance role. */
@Module({ controllers: [FairnessController], providers: [FairnessService, FairnessRepository, SelfIdentificationStore, ScorecardsRepository] })
export class FairnessModule {}
