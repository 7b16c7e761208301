import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { RoleSummary } from '../api/types';
import { useAuth } from '../auth';
import { usePagedList } from '../components/PagedList';
import { Empty, Loading } from '../components/ProblemBanner';
import { humanize } from '../lib/labels';
import { usePageTitle } from '../lib/title';
import { BlankRoleForm, FromTemplateForm } from './role-builder/NewRoleForms';
import { ScrollRegion } from '../components/ScrollRegion';

/** The roles, searched and paged on the server, and the two ways to start one (a template or a blank loop). */
export function RolesPage() {
  usePageTitle('Roles');
  const { hasRole } = useAuth();
  const canEdit = hasRole('admin', 'recruiter');
  const [status, setStatus] = useState('');
  const list = usePagedList<RoleSummary>('/roles', {
    query: { status: status || undefined },
    noun: 'roles',
    label: 'Search roles by title, department, level or location',
    testId: 'roles',
  });
  const data = list.resource.data;
  return (
    <section className="page">
      <h1>Roles</h1>
      <div className="columns">
        <div className="min-w-0">
          <div className="toolbar">
            <label>
              Show{' '}
              <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="roles-status">
                <option value="">All roles</option>
                <option value="open">Open</option>
                <option value="draft">Draft</option>
                <option value="closed">Closed</option>
              </select>
            </label>
          </div>
          {list.controls}
          {!data ? (
            list.resource.error ? null : (
              <Loading />
            )
          ) : data.items.length === 0 ? (
            <Empty>{list.search || status ? 'No role matches.' : 'No roles yet. Start from a template or a blank loop.'}</Empty>
          ) : (
            <ScrollRegion label="Roles table">
              <table className="table" data-testid="roles-table">
                <thead>
                  <tr>
                    <th scope="col">Role</th>
                    <th scope="col">Status</th>
                    <th scope="col">Hiring manager</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <Link to={`/roles/${r.id}`}>{r.title}</Link>
                        {r.level ? <span className="muted"> · {r.level}</span> : null}
                      </td>
                      <td>
                        <span className={`status status--${r.status}`}>{humanize(r.status)}</span>
                      </td>
                      <td>{r.hiringManagerName || <span className="muted">—</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </div>
        {canEdit ? (
          <div className="stack">
            <FromTemplateForm />
            <BlankRoleForm />
          </div>
        ) : null}
      </div>
    </section>
  );
}
