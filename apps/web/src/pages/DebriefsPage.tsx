import { useState } from 'react';
import { Link } from 'react-router-dom';
import { listAll } from '../api/client';
import type { Application, RoleSummary } from '../api/types';
import { Empty, Loading, ProblemBanner } from '../components/ProblemBanner';
import { useResource } from '../lib/hooks';
import { humanize } from '../lib/labels';
import { candidateNameOf, roleTitleOf } from '../lib/names';

/** Applications whose debrief the member may read (a hiring manager sees the roles they manage). */
export function DebriefsPage() {
  const [status, setStatus] = useState('active');
  const applications = useResource(() => listAll<Application>('/applications', { status: status || undefined }), [status], 15000);
  const roles = useResource(() => listAll<RoleSummary>('/roles'), []);
  const titleOf = (a: Application) => roles.data?.find((r) => r.id === a.roleId)?.title ?? roleTitleOf(a);
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
      <ProblemBanner error={applications.error} />
      {!applications.data ? (
        applications.error ? null : <Loading />
      ) : applications.data.length === 0 ? (
        <Empty>No applications here.</Empty>
      ) : (
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
                  <Link to={`/applications/${a.id}/debrief`} aria-label={`Debrief for ${candidateNameOf(a)}, ${titleOf(a)}`}>
                    Open debrief
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
