import { once } from 'node:events';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CsvError, parse } from 'csv-parse';
import { DataSource } from 'typeorm';
import { AppConfig } from '@hireloop/config';
import { JobName, QueueName } from '@hireloop/queue';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../common/auth-context';
import { OutboxService } from '../outbox/outbox.service';
import { CsvHeader, CsvOutcomeRow, CsvRowError, readHeader, readRecord } from './outcome-csv';
import { OutcomeImportsRepository } from './outcome-imports.repository';
import { OutcomeImportView, outcomeImportView } from './outcome-views';
import { OutcomesRepository } from './outcomes.repository';

/** Rows staged per statement. */
const BATCH = 5000;
/** Row errors shown with an import (all are counted). */
const ERRORS_SHOWN = 1000;

function tooLarge(limit: number): AppError {
  return AppError.tooLarge(`The file is larger than ${limit} bytes (OUTCOME_IMPORT_MAX_BYTES); split it.`);
}

/**
 * The API's half of an outcome import: stream the CSV in (bounded memory: one batch of rows at a time), check
 * encoding, header and each row's fields, stage the rows, and queue the worker job — all in one transaction, so a
 * file refused half-way (bad encoding, malformed CSV, too large) leaves nothing behind. Row-level problems do not
 * stop the upload: they are recorded and reported with the import, which then applies nothing.
 */
@Injectable()
export class OutcomeUploadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly imports: OutcomeImportsRepository,
    private readonly outcomes: OutcomesRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async upload(auth: AuthContext, body: unknown, contentLength: number | undefined, dryRun: boolean): Promise<OutcomeImportView> {
    if (!isReadable(body)) {
      throw AppError.unsupportedMediaType('Send the file as the request body with Content-Type: text/csv.');
    }
    const limit = this.config.OUTCOME_IMPORT_MAX_BYTES;
    if (contentLength !== undefined && contentLength > limit) {
      body.resume();
      throw tooLarge(limit);
    }
    const scale = await this.outcomes.scale(auth.organizationId);
    try {
      const importId = await this.dataSource.transaction(async (manager) => {
        const importId = await this.imports.create(manager, auth.organizationId, auth.memberId, dryRun);
        const rows: CsvOutcomeRow[] = [];
        const errors: CsvRowError[] = [];
        const flush = async () => {
          await this.imports.stageRows(manager, auth.organizationId, importId, rows.splice(0));
          await this.imports.recordErrors(manager, auth.organizationId, importId, errors.splice(0));
        };
        const hash = createHash('sha256');
        let header: CsvHeader | null = null;
        let rowsRead = 0;
        const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, max_record_size: 64 * 1024 });
        const feeding = feed(body, parser, hash, limit);
        // Its failure also ends the loop below (the parser is destroyed with the error); awaited after the loop.
        feeding.catch(() => undefined);
        for await (const record of parser as AsyncIterable<string[]>) {
          if (header === null) {
            const read = readHeader(record);
            if ('errors' in read) throw AppError.invalidFields(read.errors, 'The header of the file is not usable.');
            header = read.header;
            continue;
          }
          rowsRead += 1;
          const read = readRecord(header, record, rowsRead, scale);
          if ('errors' in read) errors.push(...read.errors);
          else rows.push(read.row);
          if (rows.length + errors.length >= BATCH) await flush();
        }
        await feeding;
        if (header === null) throw AppError.invalid('file', 'The file is empty: it needs the header line and at least one row.', 'empty_file');
        await flush();
        await this.imports.finishUpload(manager, auth.organizationId, importId, hash.digest('hex'), rowsRead);
        await this.outbox.enqueue(manager, {
          organizationId: auth.organizationId,
          queue: QueueName.QualityOfHire,
          jobName: JobName.ProcessOutcomeImport,
          payload: { organizationId: auth.organizationId, importId },
          dedupeKey: `outcome-import:${importId}`,
        });
        await this.audit.record(manager, auth, {
          action: 'outcome_import.uploaded',
          entityType: 'outcome_import',
          entityId: importId,
          after: { dryRun, rowsRead },
        });
        return importId;
      });
      return this.get(auth, importId);
    } catch (error) {
      body.resume();
      if (error instanceof CsvError) {
        throw AppError.invalid('file', `The file is not valid CSV: ${error.message}`, 'malformed_csv');
      }
      throw error;
    }
  }

  async get(auth: AuthContext, importId: string): Promise<OutcomeImportView> {
    const upload = await this.imports.find(auth.organizationId, importId);
    if (!upload) throw AppError.notFound('Outcome import', importId);
    const errors = await this.imports.errors(auth.organizationId, importId, ERRORS_SHOWN);
    return outcomeImportView(upload, errors.items, errors.total);
  }
}

function isReadable(body: unknown): body is Readable {
  return (
    body !== null && typeof body === 'object' && typeof (body as Readable).pipe === 'function' && typeof (body as Readable).resume === 'function'
  );
}

/** Copies the request into the parser: counts bytes against the limit, hashes them, and insists on UTF-8. */
async function feed(body: Readable, parser: ReturnType<typeof parse>, hash: ReturnType<typeof createHash>, limit: number): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > limit) throw tooLarge(limit);
      hash.update(chunk);
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw AppError.invalid(
          'file',
          `The file is not UTF-8 text (an invalid byte sequence within the first ${bytes} bytes); export it as UTF-8.`,
          'invalid_encoding',
        );
      }
      if (!parser.write(text)) await once(parser, 'drain');
    }
    try {
      const rest = decoder.decode();
      if (rest) parser.write(rest);
    } catch {
      throw AppError.invalid('file', 'The file is not UTF-8 text (it ends inside a character); export it as UTF-8.', 'invalid_encoding');
    }
    parser.end();
  } catch (error) {
    parser.destroy(error as Error);
    throw error;
  }
}
