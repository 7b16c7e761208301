import type { OutcomeImport } from './outcome-import';
import { importPending } from './outcome-import';
import { ScrollRegion } from '../../components/ScrollRegion';

/** An import's progress and result: rows read, accepted and rejected, and each rejected row with its reason. */
export function ImportResult(props: { upload: OutcomeImport }) {
  const u = props.upload;
  const pending = importPending(u.status);
  const what = u.dryRun ? 'Dry run' : 'Import';
  return (
    <section className="card" aria-labelledby={`import-${u.id}`} data-testid={u.dryRun ? 'dry-run-result' : 'import-result'}>
      <h2 id={`import-${u.id}`}>{u.dryRun ? 'Dry run: nothing written' : 'Import'}</h2>
      <p role="status" aria-live="polite" data-testid="import-summary">
        {pending
          ? `${what} under way: ${u.rowsRead} row${u.rowsRead === 1 ? '' : 's'} read…`
          : `${u.rowsRead} row${u.rowsRead === 1 ? '' : 's'} read: ${u.rowsAccepted} accepted, ${u.rowsRejected} rejected.` +
            (u.dryRun
              ? u.rowsRejected === 0
                ? ' Every row is fine: import it for real.'
                : ' Nothing is imported while any row is rejected: correct those rows and check the file again.'
              : u.status === 'completed'
                ? ` ${u.rowsWritten} outcome${u.rowsWritten === 1 ? '' : 's'} written, ${u.rowsUnchanged} unchanged.`
                : ' Nothing was written.')}
      </p>
      {u.errors.length > 0 ? (
        <ScrollRegion label="Rejected rows">
          <table className="table" data-testid="import-errors">
            <caption className="small muted">
              Rejected rows{u.errorsTotal > u.errors.length ? ` (the first ${u.errors.length} of ${u.errorsTotal} problems)` : ''}; row 1 is the first
              line after the header
            </caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Row
                </th>
                <th scope="col">Column</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {u.errors.map((e, i) => (
                <tr key={`${e.row}-${e.column ?? ''}-${i}`}>
                  <td className="num">{e.row}</td>
                  <td>{e.column ?? 'whole row'}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
    </section>
  );
}
