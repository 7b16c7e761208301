import { Link, useParams } from 'react-router-dom';
import { get } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import { LinkList } from '../../components/LinkList';
import { usePagedList } from '../../components/PagedList';
import type { Role, RoleSummary } from '../../api/types';
import { useAuth } from '../../auth';
import { Empty, Loading, ProblemBanner } from '../../components/ProblemBanner';
import { usePageTitle } from '../../lib/title';
import { useValidityReport } from './api';
import { ReportHeader } from './ReportHeader';
import { ReportView } from './ReportView';
import './quality-of-hire.css';

/** Quality of hire of one role: how well the interview loop's figures predicted how the hires did. */
export function RoleQualityOfHirePage() {
  const { roleId = '' } = useParams();
  const { hasRole } = useAuth();
  // People analytics may not read roles; the report is theirs all the same.
  const canReadRoles = hasRole('admin', 'recruiter', 'hiring_manager');
  const role = useApiQuery<Role>(['quality-of-hire', 'role', roleId], (signal) => get<Role>(`/roles/${roleId}`, undefined, signal), {
    enabled: canReadRoles,
  });
  const title = role.data?.title;
  usePageTitle(title ? `Quality of hire: ${title}` : 'Quality of hire of a role');
  return (
    <section className="page qoh-page" data-testid="role-quality-of-hire">
      <p className="breadcrumbs">
        <Link to="/quality-of-hire">Quality of hire</Link> ›
        {canReadRoles && title ? (
          <>
            {' '}
            <Link to={`/roles/${roleId}`}>{title}</Link>
          </>
        ) : null}
      </p>
      <h1>Quality of hire{title ? `: ${title}` : ' of this role'}</h1>
      <Report roleId={roleId} />
    </section>
  );
}

/** Organization-wide quality of hire, the roles' own pages, and the outcome import. */
export function QualityOfHirePage() {
  usePageTitle('Quality of hire');
  const { hasRole } = useAuth();
  const canReadRoles = hasRole('admin', 'recruiter', 'hiring_manager');
  const canImport = hasRole('admin', 'people_analytics');

  return (
    <section className="page qoh-page" data-testid="quality-of-hire">
      <h1>Quality of hire</h1>
      <p className="muted">
        How well the interview loops' figures predicted how the people hired did afterwards: ratings at review points and whether they stayed.
      </p>
      <div className="qoh-links">
        {canImport ? (
          <Link className="button" to="/quality-of-hire/import">
            Import outcomes from a CSV file
          </Link>
        ) : null}
      </div>
      {canReadRoles ? <RoleLinks /> : null}
      <h2>The whole organization</h2>
      <Report roleId={null} />
    </section>
  );
}

/** The roles, searched and paged by the API, each linking to its own quality-of-hire page. */
function RoleLinks() {
  const roles = usePagedList<RoleSummary>('/roles', { noun: 'roles', label: 'Search roles', testId: 'qoh-roles' });
  return (
    <section className="card" aria-labelledby="qoh-roles-heading">
      <h2 id="qoh-roles-heading">Per role</h2>
      {roles.controls}
      <LinkList
        items={roles.resource.data?.items}
        failed={Boolean(roles.resource.error)}
        empty="No roles found."
        to={(r) => `/roles/${r.id}/quality-of-hire`}
        label={(r) => r.title}
      />
    </section>
  );
}

function Report(props: { roleId: string | null }) {
  const v = useValidityReport(props.roleId);
  return (
    <>
      <ProblemBanner error={v.error} />
      {v.loading ? (
        <Loading />
      ) : (
        <ReportHeader
          report={v.report}
          job={v.job}
          computing={v.computing}
          missing={v.missing}
          computeError={v.computeError}
          onCompute={() => void v.compute()}
        />
      )}
      {v.report && v.report.status === 'done' ? <ReportView report={v.report} /> : null}
      {v.missing && !v.job ? <Empty>No report yet: press "Compute now" to compute the first one (it takes a few seconds).</Empty> : null}
    </>
  );
}
