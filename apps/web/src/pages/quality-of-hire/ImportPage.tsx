import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useApiQuery, useInvalidate } from '../../api/queries';
import { ProblemBanner } from '../../components/ProblemBanner';
import type { ApiError } from '../../lib/problem';
import { usePageTitle } from '../../lib/title';
import { ImportResult } from './ImportResult';
import { getOutcomeImport, importPending, uploadOutcomes, type OutcomeImport } from './outcome-import';
import './quality-of-hire.css';

const POLL_MS = 1000;
const COLUMNS = 'application_id, candidate_email, role, kind, review_point, rating, days, departure_type, date';

/** Import outcomes from an HR system's CSV: a dry run first (every row checked, nothing written), then for real. */
export function OutcomeImportPage() {
  usePageTitle('Import outcomes');
  const invalidate = useInvalidate();
  const [file, setFile] = useState<File | null>(null);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const client = useQueryClient();
  const cached = uploadId ? client.getQueryData<OutcomeImport>(['outcome-imports', uploadId]) : undefined;
  const polling = uploadId !== null && (!cached || importPending(cached.status));
  const upload = useApiQuery<OutcomeImport>(['outcome-imports', uploadId], (signal) => getOutcomeImport(uploadId as string, signal), {
    enabled: uploadId !== null,
    refetchInterval: polling ? POLL_MS : false,
  });
  const current = uploadId ? upload.data : undefined;
  // New outcomes: the validity reports shown so far are out of date.
  const written = current && !current.dryRun && current.status === 'completed';
  useEffect(() => {
    if (written) void invalidate(['quality-of-hire']);
  }, [written, invalidate]);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await uploadOutcomes(file, dryRun);
      setUploadId(answer.id);
      client.setQueryData(['outcome-imports', answer.id], answer);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const dryRunPassed = current?.dryRun === true && current.status === 'completed';
  return (
    <section className="page qoh-page" data-testid="outcome-import">
      <p className="breadcrumbs">
        <Link to="/quality-of-hire">Quality of hire</Link> ›
      </p>
      <h1>Import outcomes</h1>
      <p className="muted">
        A CSV file from the HR system, one outcome a row. Check it first: the dry run reads every row and reports each problem with its row and
        column, and writes nothing. A file is imported all or nothing.
      </p>
      <form
        className="card"
        aria-label="Outcome file"
        onSubmit={(e) => {
          e.preventDefault();
          void send(true);
        }}
      >
        <label className="field">
          <span>CSV file</span>
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setUploadId(null);
              setError(null);
            }}
          />
        </label>
        <p className="field-hint">Header: {COLUMNS}. Identify each hire by application_id, or by candidate_email and role.</p>
        <ProblemBanner error={error} />
        <div className="actions qoh-links">
          <button type="submit" className="button button--primary" disabled={!file || busy || polling}>
            Check the file (dry run)
          </button>
          <button type="button" className="button" disabled={!file || busy || polling || !dryRunPassed} onClick={() => void send(false)}>
            Import for real
          </button>
        </div>
        {!dryRunPassed && file ? <p className="small muted">Import for real is available once a dry run of this file found no problem.</p> : null}
      </form>
      <ProblemBanner error={uploadId ? upload.error : null} />
      {current ? <ImportResult upload={current} /> : null}
    </section>
  );
}
