import type { Member, RoleSummary } from '../../api/types';
import { usePagedList } from '../../components/PagedList';
import { LinkList } from '../../components/LinkList';
import { usePageTitle } from '../../lib/title';

/** Pick an interviewer or a role to see its calibration (both lists searched and paged by the API). */
export function CalibrationPage() {
  usePageTitle('Calibration');
  const interviewers = usePagedList<Member>('/members', {
    query: { role: 'interviewer' },
    noun: 'interviewers',
    label: 'Search interviewers',
    testId: 'calibration-interviewers',
  });
  const roles = usePagedList<RoleSummary>('/roles', { noun: 'roles', label: 'Search roles', testId: 'calibration-roles' });
  return (
    <section className="page">
      <h1>Calibration</h1>
      <p className="muted">How each interviewer rates compared with the organization, and how reliably a role's panel agrees on each dimension.</p>
      <div className="columns columns--even">
        <section className="card" aria-labelledby="cal-interviewers">
          <h2 id="cal-interviewers">Interviewers</h2>
          {interviewers.controls}
          <LinkList
            items={interviewers.resource.data?.items}
            failed={Boolean(interviewers.resource.error)}
            empty="No interviewers found."
            to={(m) => `/calibration/interviewers/${m.id}`}
            label={(m) => m.name}
          />
        </section>
        <section className="card" aria-labelledby="cal-roles">
          <h2 id="cal-roles">Roles</h2>
          {roles.controls}
          <LinkList
            items={roles.resource.data?.items}
            failed={Boolean(roles.resource.error)}
            empty="No roles found."
            to={(r) => `/calibration/roles/${r.id}`}
            label={(r) => r.title}
          />
        </section>
      </div>
    </section>
  );
}
