import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Application } from '../api/types';
import { usePagedList } from '../components/PagedList';
import { Empty, Loading } from '../components/ProblemBanner';
import { humanize } from '../lib/labels';
import { candidateNameOf, roleTitleOf } from '../lib/names';

/** Applications whose debrief the member may read (a hiring manager sees the roles they manage). */
export function DebriefsPage() {
  const [status, setStatus] = useState('active');
  const list = usePagedList<Application>('/applications', {
    query: { status: status || undefined },
    noun: 'applications',
    label: 'Search by candidate or role',
    testId: 'debriefs',
    intervalMs: 15000,
  });
  const applications = { data: list.resource.data?.items, error: list.resource.error };
  const titleOf = (a: Application) => roleTitleOf(a);
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
      {!applications.data ? (
        applications.error ? null : <Loading />
      ) : applications.data.length === 0 ? (
        <Empty>{list.search ? `No application matches “${list.search}”.` : 'No applications here.'}</Empty>
      ) : (
        <div className="table-scroll">
        <table className="table" data-testid="debriefs-table">
          <thead>
            <tr>
              <th scope="col">Candidate</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {applications.data.map((a) => (
              <tr key={a.id}>
                <td>{candidateNameOf(a)}</td>
                <td>{titleOf(a)}</td>
                <td>
                  <span className={`status status--${a.status}`}>{humanize(a.status)}</span>
                </td>
                <td>
                  {/* The visible words start the accessible name (WCAG 2.5.3, label in name). */}
                  <Link to={`/applications/${a.id}/debrief`}>
                    Open debrief<span className="sr-only"> for {candidateNameOf(a)}, {titleOf(a)}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}
