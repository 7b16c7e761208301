import { ApiProperty } from '@nestjs/swagger';
import type { OutcomeImportView } from '@hireloop/core';

export class OutcomeImportErrorDto {
  @ApiProperty({ description: 'Data row number: 1 is the first line after the header' }) row: number;
  @ApiProperty({ type: String, nullable: true, description: 'The column at fault; null for the whole row' }) column: string | null;
  @ApiProperty() reason: string;
}

export class OutcomeImportResponseDto implements OutcomeImportView {
  @ApiProperty() id: string;
  @ApiProperty({
    enum: ['queued', 'validating', 'applying', 'completed', 'failed'],
    description: 'failed: some row was rejected and nothing was written',
  })
  status: string;
  @ApiProperty() dryRun: boolean;
  @ApiProperty() rowsRead: number;
  @ApiProperty({ description: 'Rows without any error (known once the import is completed or failed)' }) rowsAccepted: number;
  @ApiProperty() rowsRejected: number;
  @ApiProperty({ description: 'Outcomes inserted or changed (0 for a dry run or a failed import)' }) rowsWritten: number;
  @ApiProperty({ description: 'Rows identical to what is already stored (a re-import of the same file: all of them)' }) rowsUnchanged: number;
  @ApiProperty({ type: [OutcomeImportErrorDto], description: 'Row errors, in row order (the first 1,000)' }) errors: OutcomeImportErrorDto[];
  @ApiProperty() errorsTotal: number;
  @ApiProperty() fileSha256: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}
