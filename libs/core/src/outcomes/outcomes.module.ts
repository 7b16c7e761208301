import { Module } from '@nestjs/common';
import { OutcomeImportsRepository } from './outcome-imports.repository';
import { OutcomeUploadsService } from './outcome-uploads.service';
import { OutcomesRepository } from './outcomes.repository';
import { OutcomesService } from './outcomes.service';

/** Outcomes of hired applications and the API's half of their CSV imports. Needs CoreModule (audit, outbox) and AppConfig. */
@Module({
  providers: [OutcomesRepository, OutcomesService, OutcomeImportsRepository, OutcomeUploadsService],
  exports: [OutcomesService, OutcomeUploadsService],
})
export class OutcomesModule {}
