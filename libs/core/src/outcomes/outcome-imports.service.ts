import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { OutcomeImportsRepository } from './outcome-imports.repository';

export interface OutcomeImportResult {
  importId: string;
  status: 'completed' | 'failed' | 'skipped';
  accepted?: number;
  rejected?: number;
  written?: number;
  unchanged?: number;
}

/**
 * The worker's half of an import: resolve and check the staged rows against the database, then apply them all in one
 * transaction — or none, when any row has an error. A dry run stops after the checks. Redelivery-safe: an import
 * that is no longer `queued`/`validating` is left as it is.
 */
@Injectable()
export class OutcomeImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly imports: OutcomeImportsRepository,
    private readonly audit: AuditService,
  ) {}

  async process(organizationId: string, importId: string): Promise<OutcomeImportResult> {
    return this.dataSource.transaction(async (manager) => {
      const upload = await this.imports.find(organizationId, importId, manager, true);
      if (!upload || (upload.status !== 'queued' && upload.status !== 'validating')) return { importId, status: 'skipped' };
      await this.imports.resolveAndCheck(manager, organizationId, importId);
      const rejected = await this.imports.rejectedRows(manager, organizationId, importId);
      const accepted = upload.rowsRead - rejected;
      if (rejected > 0) {
        await this.imports.dropStagedRows(manager, organizationId, importId);
        await this.imports.finish(manager, organizationId, importId, { status: 'failed', accepted, rejected, written: 0, unchanged: 0 });
        return { importId, status: 'failed', accepted, rejected, written: 0, unchanged: 0 };
      }
      const unchanged = await this.imports.unchangedRows(manager, organizationId, importId);
      const written = upload.dryRun ? 0 : await this.imports.apply(manager, organizationId, importId);
      await this.imports.dropStagedRows(manager, organizationId, importId);
      await this.imports.finish(manager, organizationId, importId, { status: 'completed', accepted, rejected: 0, written, unchanged });
      if (!upload.dryRun) {
        // Counts only: the values are personnel data and the outcomes themselves carry the import's id.
        await this.audit.record(
          manager,
          { organizationId, memberId: null },
          {
            action: 'outcome_import.applied',
            entityType: 'outcome_import',
            entityId: importId,
            after: { rowsRead: upload.rowsRead, written, unchanged, fileSha256: upload.fileSha256 },
          },
        );
      }
      return { importId, status: 'completed', accepted, rejected: 0, written, unchanged };
    });
  }
}
