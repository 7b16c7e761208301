import { Module } from '@nestjs/common';
import { ReportsModule, ScorecardsRepository } from '@hireloop/core';
import { DebriefsController } from './debriefs.controller';
import { DebriefsRepository } from '@hireloop/core/debriefs/debriefs.repository';
import { DebriefsService } from './debriefs.service';
import { DecisionsService } from './decisions.service';

@Module({
  imports: [ReportsModule],
  controllers: [DebriefsController],
  providers: [DebriefsRepository, DebriefsService, DecisionsService, ScorecardsRepository],
})
export class DebriefsModule {}
