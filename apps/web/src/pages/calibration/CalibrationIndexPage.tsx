import { Link, useNavigate } from 'react-router-dom';
import { listAll } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import type { Member, RoleSummary } from '../../api/types';
import { Empty, Loading, ProblemBanner } from '../../components/ProblemBanner';
import { usePageTitle } from '../../lib/title';

/** Pick an interviewer or a role to see its calibration. */
export function CalibrationPage() {
  usePageTitle('Calibration');
  const navigate = useNavigate();
  const interviewers = useApiQuery<Member[]>(['calibration', 'interviewers'], () => listAll<Member>('/members', { role: 'interviewer' }));
  const roles = useApiQuery<RoleSummary[]>(['calibration', 'roles'], () => listAll<RoleSummary>('/roles'));
  return (
    <section className="page">
      <h1>Calibration</h1>
      <p className="muted">How each interviewer rates compared with the organization, and how reliably a role's panel agrees on each dimension.</p>
      <div className="columns columns--even">
        <section className="card" aria-labelledby="cal-interviewers">
          <h2 id="cal-interviewers">Interviewers</h2>
          <ProblemBanner error={interviewers.error} />
          {!interviewers.data ? interviewers.error ? null : <Loading /> : interviewers.data.length === 0 ? <Empty>No interviewers yet.</Empty> : null}
          <ul className="plain link-list">
            {(interviewers.data ?? []).map((m) => (
              <li key={m.id}>
                <Link to={`/calibration/interviewers/${m.id}`}>{m.name}</Link>
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="cal-roles">
          <h2 id="cal-roles">Roles</h2>
          <ProblemBanner error={roles.error} />
          <label className="field">
            <span>Role</span>
            <select defaultValue="" onChange={(e) => e.target.value && navigate(`/calibration/roles/${e.target.value}`)}>
              <option value="">Choose a role…</option>
              {(roles.data ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title}
                </option>
              ))}
            </select>
          </label>
        </section>
      </div>
    </section>
  );
}
