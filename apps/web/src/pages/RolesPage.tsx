import { FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { get, listAll, post } from '../api/client';
import type { Member, RatingScale, Role, RoleSummary, RoleTemplate } from '../api/types';
import { useAuth } from '../auth';
import { Field } from '../components/Field';
import { Empty, Loading, ProblemBanner } from '../components/ProblemBanner';
import { useAction, useResource } from '../lib/hooks';
import { humanize } from '../lib/labels';
import { DEFAULT_SCALE } from '../lib/ratingScale';
import { RatingScalePicker } from './role-builder/RatingScalePicker';
import { usePagedList } from '../components/PagedList';

export function RolesPage() {
  const { hasRole, me } = useAuth();
  const canEdit = hasRole('admin', 'recruiter');
  const [status, setStatus] = useState('');
  const list = usePagedList<RoleSummary>('/roles', { query: { status: status || undefined }, noun: 'roles', label: 'Search roles by title, department, level or location', testId: 'roles' });
  const members = useResource(() => (canEdit ? listAll<Member>('/members', { role: 'hiring_manager' }) : Promise.resolve([] as Member[])), [canEdit]);
  // A hiring manager cannot list members, but knows their own name.
  const nameOf = (id: string | null) => (id && id === me?.membership.memberId ? me.user.name : members.data?.find((m) => m.id === id)?.name ?? '');
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
            list.resource.error ? null : <Loading />
          ) : data.items.length === 0 ? (
            <Empty>{list.search || status ? 'No role matches.' : 'No roles yet. Start from a template or a blank loop.'}</Empty>
          ) : (
            <div className="table-scroll">
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
                      <td>{nameOf(r.hiringManagerId) || <span className="muted">—</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        {canEdit ? (
          <div className="stack">
            <FromTemplateForm hiringManagers={members.data ?? []} />
            <BlankRoleForm />
          </div>
        ) : null}
      </div>
    </section>
  );
}

function FromTemplateForm(props: { hiringManagers: Member[] }) {
  const navigate = useNavigate();
  const templates = useResource(async () => {
    const res = await get<RoleTemplate[] | { items: RoleTemplate[] }>('/role-templates');
    return Array.isArray(res) ? res : res.items;
  }, []);
  const [templateKey, setTemplateKey] = useState('');
  const [title, setTitle] = useState('');
  const [hiringManagerId, setHiringManagerId] = useState('');
  const action = useAction(() =>
    post<Role>('/roles/from-template', { templateKey, ...(title.trim() ? { title: title.trim() } : {}), ...(hiringManagerId ? { hiringManagerId } : {}) }),
  );
  const chosen = templates.data?.find((t) => t.key === templateKey);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const role = await action.run();
    if (role) navigate(`/roles/${role.id}`);
  };
  const err = action.error;
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="Create a role from a template">
      <h2>Start from a template</h2>
      <ProblemBanner error={templates.error ?? err} claimed={['templateKey', 'title', 'hiringManagerId']} title="Could not create the role" />
      <Field label="Template" errors={err?.forField('templateKey')}>
        {(p) => (
          <select {...p} name="templateKey" value={templateKey} onChange={(e) => setTemplateKey(e.target.value)}>
            <option value="">Choose a template…</option>
            {(templates.data ?? []).map((t) => (
              <option key={t.key} value={t.key}>
                {t.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      {chosen ? (
        <div className="template-preview">
          {chosen.summary ? <p className="small">{chosen.summary}</p> : null}
          {chosen.dimensions?.length ? (
            <p className="small muted">
              {chosen.dimensions.length} dimensions: {chosen.dimensions.map((d) => `${d.name} ${d.weight}%`).join(', ')}
            </p>
          ) : null}
          {chosen.rounds?.length ? <p className="small muted">{chosen.rounds.length} rounds: {chosen.rounds.map((r) => r.name).join(' → ')}</p> : null}
        </div>
      ) : null}
      <Field label="Title (optional)" hint="Defaults to the template's title." errors={err?.forField('title')}>
        {(p) => <input {...p} name="title" value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label="Hiring manager (optional)" errors={err?.forField('hiringManagerId')}>
        {(p) => (
          <select {...p} name="hiringManagerId" value={hiringManagerId} onChange={(e) => setHiringManagerId(e.target.value)}>
            <option value="">Choose later</option>
            {props.hiringManagers.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="button button--primary" disabled={action.pending}>
        Create from template
      </button>
    </form>
  );
}

function BlankRoleForm() {
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [level, setLevel] = useState('');
  const [ratingScale, setRatingScale] = useState<RatingScale>(DEFAULT_SCALE);
  const action = useAction(() =>
    post<Role>('/roles', { title: title.trim(), ...(level.trim() ? { level: level.trim() } : {}), ...(ratingScale !== DEFAULT_SCALE ? { ratingScale } : {}) }),
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const role = await action.run();
    if (role) navigate(`/roles/${role.id}`);
  };
  const err = action.error;
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="Create a blank role">
      <h2>Blank role</h2>
      <ProblemBanner error={err} claimed={['title', 'level', 'ratingScale']} title="Could not create the role" />
      <Field label="Role title" errors={err?.forField('title')}>
        {(p) => <input {...p} name="title" value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label="Level (optional)" errors={err?.forField('level')}>
        {(p) => <input {...p} name="level" value={level} onChange={(e) => setLevel(e.target.value)} />}
      </Field>
      <RatingScalePicker value={ratingScale} onChange={setRatingScale} errors={err?.forField('ratingScale')} />
      <button type="submit" className="button">
        Create blank role
      </button>
    </form>
  );
}
