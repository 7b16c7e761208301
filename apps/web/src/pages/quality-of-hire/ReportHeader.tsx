import type { ValidityReport } from '../../api/quality-of-hire-types';
import { ProblemBanner } from '../../components/ProblemBanner';
import { formatDateTime } from '../../lib/labels';
import type { ApiError } from '../../lib/problem';
import { STATUS_WORDS } from '../../lib/validity';

/** Which report is shown (version, when, on how many hires), the computation under way, and "Compute now". */
export function ReportHeader(props: {
  report: ValidityReport | undefined;
  job: ValidityReport | null;
  computing: boolean;
  missing: boolean;
  computeError: ApiError | null;
  onCompute: () => void;
}) {
  const { report, job } = props;
  return (
    <section className="card qoh-header" aria-label="Report status">
      <div className="qoh-header__text" role="status" aria-live="polite" data-testid="qoh-status">
        {report ? (
          <p>
            Version {report.version} · {STATUS_WORDS[report.status]}
            {report.computedAt ? ` · computed ${formatDateTime(report.computedAt)}` : ''} · {report.hires} hire{report.hires === 1 ? '' : 's'} with
            outcomes, {report.assessed} assessed by the panel
          </p>
        ) : props.missing ? (
          <p>No report yet.</p>
        ) : null}
        {job && job.status !== 'done' ? (
          <p className="small">
            {job.status === 'failed' ? `Version ${job.version} failed to compute; try again.` : `Version ${job.version}: ${STATUS_WORDS[job.status]}`}
          </p>
        ) : null}
      </div>
      <button type="button" className="button button--primary" onClick={props.onCompute} disabled={props.computing}>
        {props.computing ? 'Computing…' : 'Compute now'}
      </button>
      <ProblemBanner error={props.computeError} />
    </section>
  );
}
