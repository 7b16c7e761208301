import { useState } from 'react';
import { useApiQuery } from '../api/queries';
import { apiClient, unwrap } from '../api/typed-client';
import type { AdverseImpactReport, ImpactAnalysis } from '../api/types';
import { Empty, Loading, ProblemBanner } from '../components/ProblemBanner';
import { categoriesLabel, impactRows, STAGE_LABELS } from '../lib/fairness';
import { formatDateTime } from '../lib/labels';
import { usePageTitle } from '../lib/title';
import { DimensionTable, InterviewerGapTable } from './fairness/FairnessTables';

/**
 * The adverse-impact audit for the compliance role: per stage and category (and the sex × race/ethnicity
 * intersection) the selection rates as a table and a bar chart, impact ratios against the highest-rate group, the
 * four-fifths flag and the tests; groups under 5 people are suppressed; per-dimension differences and interviewer gaps.
 */
export function FairnessPage() {
  usePageTitle('Fairness');
  const [roleId, setRoleId] = useState('');
  // Compliance may not call GET /v1/roles: the fairness API lists the roles (id, title, status) for this filter.
  const roles = useApiQuery(['fairness', 'roles'], async (signal) => unwrap(await apiClient.GET('/v1/fairness/roles', { signal })));
  const [table, setTable] = useState<'impact' | 'dimensions' | 'interviewers' | 'all'>('impact');
  const report = useApiQuery<AdverseImpactReport>(
    ['fairness', 'adverse-impact', roleId],
    async (signal) => unwrap(await apiClient.GET('/v1/fairness/adverse-impact', { params: { query: { roleId: roleId || undefined } }, signal })),
    { keepPrevious: true },
  );
  const r = report.data;
  const csvQuery = new URLSearchParams({ ...(roleId ? { roleId } : {}), ...(table !== 'impact' ? { table } : {}) }).toString();
  const csvHref = `/v1/fairness/adverse-impact.csv${csvQuery ? `?${csvQuery}` : ''}`;
  return (
    <section className="page" data-testid="fairness">
      <h1>Fairness</h1>
      <p className="muted">
        Adverse impact of the interview process by the candidates' voluntary self-identification. A group is flagged under the four-fifths rule when
        its selection rate is below 80 % of the highest group's; "adverse impact" needs that and Fisher's exact test below 0.05. Groups under 5 people
        are suppressed.
      </p>
      <div className="toolbar">
        <label>
          Role{' '}
          <select value={roleId} onChange={(e) => setRoleId(e.target.value)} aria-label="Role">
            <option value="">All roles</option>
            {(roles.data?.items ?? []).map((role) => (
              <option key={role.id} value={role.id}>
                {role.title}
                {role.status === 'open' ? '' : ` (${role.status})`}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          CSV{' '}
          <select value={table} onChange={(e) => setTable(e.target.value as typeof table)} aria-label="CSV table">
            <option value="impact">Impact table</option>
            <option value="dimensions">Cohen’s d per dimension</option>
            <option value="interviewers">Interviewer gaps</option>
            <option value="all">All three</option>
          </select>
        </label>{' '}
        <CsvLink href={csvHref} />
      </div>
      <ProblemBanner error={roles.error} />
      <ProblemBanner error={report.error} />
      {!r ? (
        report.error ? null : (
          <Loading />
        )
      ) : r.applications === 0 ? (
        <Empty>No applications yet.</Empty>
      ) : (
        <>
          <p className="small muted">
            {r.applications} application{r.applications === 1 ? '' : 's'} · computed {formatDateTime(r.generatedAt)}
            {r.withheldApplications > 0
              ? ` · ${r.withheldApplications} left out until you submit your own feedback on ${r.withheldApplications === 1 ? 'its panel' : 'their panels'}`
              : ''}
          </p>
          {r.stages.map((a) => (
            <ImpactTable key={`${a.stage}:${a.categories.join()}`} analysis={a} labels={r.labels} />
          ))}
          <DimensionTable report={r} />
          <InterviewerGapTable report={r} />
        </>
      )}
    </section>
  );
}

/** The CSV needs the bearer token: fetched and handed to the browser as a file. */
function CsvLink(props: { href: string }) {
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setError(null);
    try {
      // The session cookie goes along (same origin); a GET needs no CSRF token.
      const res = await fetch(props.href, { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = 'adverse-impact.csv';
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(String((e as Error).message));
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => void download()}>
        Export CSV
      </button>
      {error ? <span className="small error"> {error}</span> : null}
    </>
  );
}

function ImpactTable(props: { analysis: ImpactAnalysis; labels: Record<string, string> }) {
  const a = props.analysis;
  const rows = impactRows(a, props.labels);
  const title = `${STAGE_LABELS[a.stage]} · ${categoriesLabel(a.categories, props.labels)}`;
  return (
    <section className="card" aria-label={title} data-testid="impact-table">
      <h2>{title}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">People</th>
            <th scope="col">Selected</th>
            <th scope="col">Selection rate</th>
            <th scope="col">Impact ratio</th>
            <th scope="col">Fisher p</th>
            <th scope="col">z-test p</th>
            <th scope="col">Flags</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className={row.adverseImpact ? 'row--flagged' : undefined} data-suppressed={row.suppressed || undefined}>
              <th scope="row">
                {row.label}
                {row.reference ? <span className="badge badge--none">highest rate</span> : null}
              </th>
              <td>{row.total}</td>
              <td>{row.suppressed ? '—' : row.selected}</td>
              <td>
                {row.suppressed ? (
                  <span className="badge badge--none" title="Fewer than 5 people: withheld">
                    suppressed
                  </span>
                ) : (
                  <RateBar value={row.rateValue} text={row.rate} />
                )}
              </td>
              <td>{row.ratio}</td>
              <td>{row.fisher}</td>
              <td>{row.zTest}</td>
              <td>
                {row.fourFifths ? <span className="badge badge--warn">below 4/5</span> : null}
                {row.adverseImpact ? <span className="badge badge--error">adverse impact</span> : null}
              </td>
            </tr>
          ))}
          <tr className="muted">
            <th scope="row">Unknown or declined</th>
            <td>{a.unknown.total}</td>
            <td>{a.unknown.total < 5 ? '—' : a.unknown.selected}</td>
            <td colSpan={5} className="small">
              counted apart, never compared
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/** The selection rate as a bar (0–100 %) beside its figure. */
function RateBar(props: { value: number | null; text: string }) {
  const width = Math.round((props.value ?? 0) * 100);
  return (
    <span className="rate-bar" aria-label={props.text}>
      <svg width="100" height="10" role="img" aria-hidden="true">
        <rect x="0" y="0" width="100" height="10" fill="#eef0f4" />
        <rect x="0" y="0" width={width} height="10" fill="#3b6fd8" />
      </svg>{' '}
      {props.text}
    </span>
  );
}
