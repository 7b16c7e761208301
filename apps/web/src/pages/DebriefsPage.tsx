import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Application } from '../api/types';
import { usePagedList } from '../components/PagedList';
import { Empty, Loading } from '../components/ProblemBanner';
import { humanize, REPORT_RECOMMENDATION_LABELS } from '../lib/labels';
import { usePageTitle } from '../lib/title';
import { ScrollRegion } from '../components/ScrollRegion';

/** Applications whose debrief the member may read (a hiring manager sees the roles they manage). */
export function DebriefsPage() {
  usePageTitle('Debriefs');
  const [status, setStatus] = useState('active');
  const list = usePagedList<Application>('/applications', {
    query: { status: status || undefined },
    noun: 'applications',
    label: 'Search by candidate or role',
    testId: 'debriefs',
    intervalMs: 15000,
  });
  const items = list.resource.data?.items;
  return (
    <section className="page">
      <h1>Debriefs</h1>
      <div className="toolbar">
        <label>
          Show{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="active">Awaiting a decision</option>
            <option value="hired">Hired</option>
            <option value="rejected">Rejected</option>
            <option value="">All</option>
          </select>
        </label>
      </div>
      {list.controls}
      {!items ? (
        list.resource.error ? null : (
          <Loading />
        )
      ) : items.length === 0 ? (
        <Empty>{list.search ? `No application matches “${list.search}”.` : 'No applications here.'}</Empty>
      ) : (
        <ScrollRegion label="Debriefs table">
          <table className="table" data-testid="debriefs-table">
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Role</th>
                <th scope="col">Feedback</th>
                <th scope="col">Report recommends</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td>{a.candidateName || 'Candidate'}</td>
                  <td>{a.roleTitle || 'Role'}</td>
                  <td data-testid="debrief-feedback">
                    <FeedbackProgress submitted={a.feedback.submitted} expected={a.feedback.expected} />
                  </td>
                  <td data-testid="debrief-recommendation">
                    {a.reportRecommendation ? (
                      <span className={`chip chip--${a.reportRecommendation}`}>{REPORT_RECOMMENDATION_LABELS[a.reportRecommendation]}</span>
                    ) : (
                      <span className="muted">No report yet</span>
                    )}
                  </td>
                  <td>
                    <span className={`status status--${a.status}`}>{humanize(a.status)}</span>
                  </td>
                  <td>
                    {/* The visible words start the accessible name (WCAG 2.5.3, label in name). */}
                    <Link to={`/applications/${a.id}/debrief`}>
                      Open debrief
                      <span className="sr-only">
                        {' '}
                        for {a.candidateName || 'Candidate'}, {a.roleTitle || 'Role'}
                      </span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

/** "2 of 3 scorecards" with a bar; "No interviews yet" when nothing is scheduled. */
function FeedbackProgress(props: { submitted: number; expected: number }) {
  const { submitted, expected } = props;
  if (expected === 0) return <span className="muted">No interviews yet</span>;
  return (
    <span className="feedback-progress">
      <progress value={Math.min(submitted, expected)} max={expected} aria-hidden="true" />
      <span>
        {submitted} of {expected} scorecard{expected === 1 ? '' : 's'}
      </span>
    </span>
  );
}
