import { FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { post } from '../api/client';
import { useApiQuery, useInvalidate } from '../api/queries';
import { apiClient, unwrap } from '../api/typed-client';
import type { Application, Candidate } from '../api/types';
import { SearchBox, usePagedList } from '../components/PagedList';
import { Field } from '../components/Field';
import { ComboOption, SearchCombobox, searchOpenRoles } from '../components/SearchCombobox';
import { Empty, Loading, ProblemBanner } from '../components/ProblemBanner';
import { useAction } from '../lib/hooks';
import { humanize } from '../lib/labels';
import { usePageTitle } from '../lib/title';
import { linesToList } from './role-builder/shared';
import { ScrollRegion } from '../components/ScrollRegion';

/** Recruiters: candidates (searched and paged on the server), their applications, and adding a candidate to an open role. */
export function CandidatesPage() {
  usePageTitle('Candidates');
  const list = usePagedList<Candidate>('/candidates', { noun: 'candidates', label: 'Search candidates by name or email', testId: 'candidates' });
  const shownIds = (list.resource.data?.items ?? []).map((c) => c.id);
  // The applications of the candidates on this page only (one small request each), never "all applications".
  const applications = useApiQuery<Application[]>(
    ['list', '/applications', 'of-candidates', shownIds],
    async (signal) =>
      (
        await Promise.all(
          shownIds.map(
            async (candidateId) => unwrap(await apiClient.GET('/v1/applications', { params: { query: { candidateId, limit: 100 } }, signal })).items,
          ),
        )
      ).flat(),
    { enabled: shownIds.length > 0, keepPrevious: true },
  );
  const invalidate = useInvalidate();
  const reload = () => void invalidate(['list', '/candidates'], ['list', '/applications']);
  const data = list.resource.data;
  return (
    <section className="page">
      <h1>Candidates</h1>
      <div className="columns">
        <div className="min-w-0">
          {list.controls}
          <ProblemBanner error={applications.error} />
          {!data ? (
            list.resource.error ? null : (
              <Loading />
            )
          ) : data.items.length === 0 ? (
            <Empty>{list.search ? `No candidate matches “${list.search}”.` : 'No candidates yet.'}</Empty>
          ) : (
            <ScrollRegion label="Candidates table">
              <table className="table" data-testid="candidates-table">
                <thead>
                  <tr>
                    <th scope="col">Candidate</th>
                    <th scope="col">Applications</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((c) => {
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
                                <Link to={`/applications/${a.id}`}>{a.roleTitle || 'Role'}</Link>{' '}
                                <span className={`status status--${a.status}`}>{humanize(a.status)}</span>
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </div>
        <div className="stack">
          <NewCandidateForm onCreated={reload} />
          <ApplyForm onCreated={reload} />
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

function ApplyForm(props: { onCreated: () => void }) {
  const navigate = useNavigate();
  const [candidateId, setCandidateId] = useState('');
  const [role, setRole] = useState<ComboOption | null>(null);
  const roleId = role?.id ?? '';
  const [search, setSearch] = useState('');
  // Found on the server by name or email: any candidate of the organization, however many there are.
  const matches = useApiQuery(
    ['list', '/candidates', 'matches', search],
    async (signal) => unwrap(await apiClient.GET('/v1/candidates', { params: { query: { q: search, limit: 20, withTotal: true } }, signal })),
    { enabled: Boolean(search) },
  );
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
  const found = matches.data?.items ?? [];
  return (
    <div className="card" data-testid="apply-form">
      <h2>Add to a role</h2>
      <SearchBox
        label="Find the candidate by name or email"
        testId="apply-candidate"
        onSearch={(q) => {
          setSearch(q);
          setCandidateId('');
        }}
      />
      {matches.data ? (
        <p className="muted small" aria-live="polite" data-testid="apply-candidate-found">
          {matches.data.total === 0
            ? 'No candidate matches.'
            : `${matches.data.total ?? found.length} found${(matches.data.total ?? 0) > found.length ? `; the first ${found.length} are listed — search more precisely` : ''}.`}
        </p>
      ) : null}
      <form onSubmit={onSubmit} noValidate aria-label="Add a candidate to a role">
        <ProblemBanner error={err ?? matches.error} claimed={['candidateId', 'roleId']} title="Could not create the application" />
        <Field label="Candidate" errors={err?.forField('candidateId')}>
          {(p) => (
            <select {...p} name="candidateId" value={candidateId} onChange={(e) => setCandidateId(e.target.value)} disabled={!search}>
              <option value="">{search ? 'Choose a candidate…' : 'Search for the candidate first'}</option>
              {found.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.email})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Open role" hint="Type part of the title, department, level or location." errors={err?.forField('roleId')}>
          {(p) => (
            <SearchCombobox
              control={p}
              name="roleId"
              queryKey={['roles', 'open']}
              search={searchOpenRoles}
              selectedName={role?.name ?? ''}
              onSelect={setRole}
              testId="apply-role"
            />
          )}
        </Field>
        <button type="submit" className="button button--primary" disabled={action.pending}>
          Create application
        </button>
      </form>
    </div>
  );
}
