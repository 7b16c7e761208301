import { FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { listAll, post } from '../api/client';
import type { Application, Candidate, RoleSummary } from '../api/types';
import { Field } from '../components/Field';
import { Empty, Loading, ProblemBanner } from '../components/ProblemBanner';
import { useAction, useResource } from '../lib/hooks';
import { humanize } from '../lib/labels';
import { roleTitleOf } from '../lib/names';
import { linesToList } from './role-builder/shared';

/** Recruiters: candidates, their applications, and adding a candidate to an open role. */
export function CandidatesPage() {
  const candidates = useResource(() => listAll<Candidate>('/candidates'), []);
  const applications = useResource(() => listAll<Application>('/applications'), []);
  const roles = useResource(() => listAll<RoleSummary>('/roles'), []);
  const reload = () => {
    void candidates.reload();
    void applications.reload();
  };
  const roleTitle = (a: Application) => roles.data?.find((r) => r.id === a.roleId)?.title ?? roleTitleOf(a);
  return (
    <section className="page">
      <h1>Candidates</h1>
      <div className="columns">
        <div>
          <ProblemBanner error={candidates.error ?? applications.error} />
          {!candidates.data ? (
            candidates.error ? null : <Loading />
          ) : candidates.data.length === 0 ? (
            <Empty>No candidates yet.</Empty>
          ) : (
            <table className="table" data-testid="candidates-table">
              <thead>
                <tr>
                  <th scope="col">Candidate</th>
                  <th scope="col">Applications</th>
                </tr>
              </thead>
              <tbody>
                {candidates.data.map((c) => {
                  const apps = (applications.data ?? []).filter((a) => a.candidateId === c.id);
                  return (
                    <tr key={c.id}>
                      <td>
                        <strong>{c.name}</strong>
                        <br />
                        <span className="muted small">
                          {c.email}
                          {c.source ? ` · ${c.source}` : ''}
                        </span>
                      </td>
                      <td>
                        {apps.length === 0 ? <span className="muted">—</span> : null}
                        <ul className="plain">
                          {apps.map((a) => (
                            <li key={a.id}>
                              <Link to={`/applications/${a.id}`}>{roleTitle(a)}</Link> <span className={`status status--${a.status}`}>{humanize(a.status)}</span>
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
        <div className="stack">
          <NewCandidateForm onCreated={reload} />
          <ApplyForm candidates={candidates.data ?? []} roles={(roles.data ?? []).filter((r) => r.status === 'open')} onCreated={reload} />
        </div>
      </div>
    </section>
  );
}

function NewCandidateForm(props: { onCreated: (c: Candidate) => void }) {
  const empty = { name: '', email: '', source: '', links: '' };
  const [form, setForm] = useState(empty);
  const [created, setCreated] = useState<Candidate | null>(null);
  const action = useAction(() =>
    post<Candidate>('/candidates', {
      name: form.name,
      email: form.email,
      ...(form.source.trim() ? { source: form.source.trim() } : {}),
      ...(form.links.trim() ? { links: linesToList(form.links) } : {}),
    }),
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await action.run();
    if (res) {
      setForm(empty);
      setCreated(res);
      props.onCreated(res);
    }
  };
  const err = action.error;
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="Add a candidate">
      <h2>Add a candidate</h2>
      <ProblemBanner error={err} claimed={['name', 'email', 'source', 'links']} title="Could not add the candidate" />
      <Field label="Name" errors={err?.forField('name')}>
        {(p) => <input {...p} name="candidateName" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
      </Field>
      <Field label="Email" errors={err?.forField('email')}>
        {(p) => <input {...p} type="email" name="candidateEmail" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />}
      </Field>
      <Field label="Source (optional)" hint="Referral, LinkedIn, conference…" errors={err?.forField('source')}>
        {(p) => <input {...p} name="source" value={form.source} onChange={(e) => setForm({ ...form, source: e.target.value })} />}
      </Field>
      <Field label="Links (optional, one a line)" errors={err?.under('links')}>
        {(p) => <textarea {...p} rows={2} name="links" value={form.links} onChange={(e) => setForm({ ...form, links: e.target.value })} />}
      </Field>
      <button type="submit" className="button" disabled={action.pending}>
        Add candidate
      </button>
      {created ? (
        <p className="notice" role="status">
          {created.name} added.
        </p>
      ) : null}
    </form>
  );
}

function ApplyForm(props: { candidates: Candidate[]; roles: RoleSummary[]; onCreated: () => void }) {
  const navigate = useNavigate();
  const [candidateId, setCandidateId] = useState('');
  const [roleId, setRoleId] = useState('');
  const action = useAction(() => post<Application>('/applications', { candidateId, roleId }));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await action.run();
    if (res) {
      props.onCreated();
      navigate(`/applications/${res.id}`);
    }
  };
  const err = action.error;
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="Add a candidate to a role">
      <h2>Add to a role</h2>
      <ProblemBanner error={err} claimed={['candidateId', 'roleId']} title="Could not create the application" />
      <Field label="Candidate" errors={err?.forField('candidateId')}>
        {(p) => (
          <select {...p} name="candidateId" value={candidateId} onChange={(e) => setCandidateId(e.target.value)}>
            <option value="">Choose a candidate…</option>
            {props.candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.email})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Open role" errors={err?.forField('roleId')}>
        {(p) => (
          <select {...p} name="roleId" value={roleId} onChange={(e) => setRoleId(e.target.value)}>
            <option value="">Choose a role…</option>
            {props.roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="button button--primary" disabled={action.pending}>
        Create application
      </button>
    </form>
  );
}
