import type { AdverseImpactReport } from '../../api/types';
import { Empty } from '../../components/ProblemBanner';
import { groupLabel } from '../../lib/fairness';
import { formatNumber, formatSigned } from '../../lib/labels';

export function DimensionTable(props: { report: AdverseImpactReport }) {
  const rows = props.report.dimensions;
  if (rows.length === 0) return null;
  const labels = props.report.labels;
  return (
    <section className="card" aria-label="Differences by dimension">
      <h2>Differences by dimension</h2>
      <p className="small muted">
        Cohen's d of each group's mean rating against everyone else's (known), with a 90 % interval; ratings on the 4-point scale.
      </p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Dimension</th>
            <th scope="col">Group</th>
            <th scope="col">n / others</th>
            <th scope="col">d (90 % interval)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr
              key={`${d.dimension}:${d.category}:${d.group}`}
              className={d.low !== null && d.high !== null && (d.low > 0 || d.high < 0) ? 'row--flagged' : undefined}
            >
              <td>{d.dimension}</td>
              <td>
                {labels[d.category] ?? d.category}: {groupLabel(d.group, labels)}
              </td>
              <td>
                {d.n} / {d.nOthers}
              </td>
              <td>
                {d.suppressed ? (
                  <span className="badge badge--none">suppressed</span>
                ) : d.d === null ? (
                  '—'
                ) : (
                  `${formatSigned(d.d)} (${formatNumber(d.low)} to ${formatNumber(d.high)})`
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function InterviewerGapTable(props: { report: AdverseImpactReport }) {
  const rows = props.report.interviewers.filter((g) => !g.suppressed);
  const labels = props.report.labels;
  return (
    <section className="card" aria-label="Interviewer score gaps">
      <h2>Interviewer score gaps</h2>
      <p className="small muted">
        Mean rating an interviewer gave a group minus the mean they gave everyone else, with a 90 % interval; flagged only on 20 or more scorecards
        when the interval excludes zero.
      </p>
      {rows.length === 0 ? (
        <Empty>No interviewer has rated 5 or more people of two groups yet.</Empty>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Interviewer</th>
              <th scope="col">Group</th>
              <th scope="col">n / others</th>
              <th scope="col">Gap (90 % interval)</th>
              <th scope="col">Flag</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((g) => (
              <tr key={`${g.interviewerId}:${g.category}:${g.group}`} className={g.flagged ? 'row--flagged' : undefined}>
                <td>{props.report.interviewerNames[g.interviewerId] ?? 'Interviewer'}</td>
                <td>
                  {labels[g.category] ?? g.category}: {groupLabel(g.group, labels)}
                </td>
                <td>
                  {g.n} / {g.nOthers}
                </td>
                <td>{g.gap === null ? '—' : `${formatSigned(g.gap)} (${formatNumber(g.low)} to ${formatNumber(g.high)})`}</td>
                <td>{g.flagged ? <span className="badge badge--error">gap</span> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
