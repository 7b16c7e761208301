import { FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { post } from '../api/client';
import { applicationKey, debriefKey, useApplication, useRole } from '../api/hiring-queries';
import { useInvalidate } from '../api/queries';
import type { Interview, Role } from '../api/types';
import { useAuth } from '../auth';
import { Field, FieldError } from '../components/Field';
import { ComboOption, SearchCombobox, searchMembers } from '../components/SearchCombobox';
import { Empty, Loading, ProblemBanner } from '../components/ProblemBanner';
import { useAction } from '../lib/hooks';
import { formatDateTime, fromLocalInputValue, humanize, toLocalInputValue } from '../lib/labels';
import { usePageTitle } from '../lib/title';
import { ConflictWarning, InterviewActions } from './application/InterviewActions';
import { PipelineCard } from './application/PipelineCard';
import { TimeZone } from './MyInterviewsPage';
import { ScrollRegion } from '../components/ScrollRegion';

/** One candidate's application to one role: its interviews, scheduling the next one, and the way to the debrief. */
export function ApplicationPage() {
  const { applicationId = '' } = useParams();
  const { hasRole } = useAuth();
  const canSchedule = hasRole('admin', 'recruiter');
  const application = useApplication(applicationId);
  const role = useRole(application.data?.roleId);
  const invalidate = useInvalidate();
  const changed = () => void invalidate(applicationKey(applicationId), debriefKey(applicationId), ['list', '/applications']);
  usePageTitle(application.data ? `${application.data.candidateName} — ${application.data.roleTitle}` : 'Application');

  const app = application.data;
  if (!app) {
    return (
      <section className="page">
        <ProblemBanner error={application.error} />
        {application.error ? null : <Loading />}
      </section>
    );
  }
  const rounds = [...(role.data?.rounds ?? [])].sort((a, b) => a.position - b.position);
  const roundName = (i: Interview) => i.round.name ?? rounds.find((r) => r.id === i.round.id)?.name ?? 'Interview';
  const interviews = app.interviews;
  return (
    <section className="page">
      <p className="breadcrumbs">
        <Link to="/candidates">Candidates</Link> ›
      </p>
      <header className="page-header">
        <div>
          <h1 data-testid="application-title">
            {app.candidateName || 'Candidate'} — {role.data?.title ?? app.roleTitle}
          </h1>
          <p className="muted">
            <span className={`status status--${app.status}`}>{humanize(app.status)}</span>
            {app.stage ? ` · ${humanize(app.stage)}` : ''}
          </p>
        </div>
        <div className="actions">
          <Link className="button" to={`/applications/${app.id}/debrief`}>
            Open debrief
          </Link>
        </div>
      </header>
      <div className="columns">
        <div className="min-w-0">
          <h2>Interviews</h2>
          {interviews.length === 0 ? <Empty>No interviews scheduled yet.</Empty> : null}
          {interviews.length > 0 ? (
            <ScrollRegion label="Interviews table">
              <table className="table" data-testid="interviews-table">
                <thead>
                  <tr>
                    <th scope="col">Round</th>
                    <th scope="col">
                      When <TimeZone />
                    </th>
                    <th scope="col">Interviewers</th>
                    <th scope="col">Status</th>
                    {canSchedule && app.status === 'active' ? (
                      <th scope="col">
                        <span className="sr-only">Actions</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {interviews.map((i) => (
                    <tr key={i.id}>
                      <td>{roundName(i)}</td>
                      <td>{formatDateTime(i.startsAt)}</td>
                      <td>{i.interviewers.map((m) => m.name).join(', ') || 'Interviewer'}</td>
                      <td>{humanize(i.status ?? 'scheduled')}</td>
                      {canSchedule && app.status === 'active' ? (
                        <td>
                          <InterviewActions interview={i} label={`${roundName(i)}, ${formatDateTime(i.startsAt)}`} onChanged={changed} />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          ) : null}
        </div>
        {canSchedule && app.status === 'active' ? (
          <div className="stack">
            <ScheduleForm applicationId={app.id} role={role.data} onScheduled={changed} />
            <PipelineCard application={app} onChanged={changed} />
          </div>
        ) : null}
      </div>
    </section>
  );
}

function defaultStart(): Date {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  d.setMinutes(0, 0, 0);
  d.setHours(10);
  return d;
}

function ScheduleForm(props: { applicationId: string; role: Role | null | undefined; onScheduled: () => void }) {
  const rounds = [...(props.role?.rounds ?? [])].sort((a, b) => a.position - b.position);
  const [roundId, setRoundId] = useState('');
  const [chosen, setChosen] = useState<ComboOption[]>([]);
  const interviewerIds = chosen.map((m) => m.id);
  const [startsAt, setStartsAt] = useState(toLocalInputValue(defaultStart()));
  const [minutes, setMinutes] = useState('60');
  const [done, setDone] = useState<string | null>(null);
  const round = rounds.find((r) => r.id === roundId);
  // A round brings its usual length (still editable).
  const chooseRound = (id: string) => {
    setRoundId(id);
    const chosen = rounds.find((r) => r.id === id);
    if (chosen) setMinutes(String(chosen.durationMinutes));
  };
  const action = useAction((allowConflict: boolean) => {
    const start = fromLocalInputValue(startsAt);
    const end = start ? new Date(new Date(start).getTime() + (Number(minutes) || 60) * 60000).toISOString() : null;
    return post<Interview>(`/applications/${props.applicationId}/interviews`, {
      roundId,
      interviewerIds,
      startsAt: start,
      endsAt: end,
      ...(allowConflict ? { allowConflict: true } : {}),
    });
  });
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await submit(false);
  };
  const submit = async (allowConflict: boolean) => {
    setDone(null);
    const res = await action.run(allowConflict);
    if (res) {
      setDone(`${round?.name ?? 'Interview'} scheduled.`);
      setChosen([]);
      setRoundId('');
      props.onScheduled();
    }
  };
  const err = action.error;
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="Schedule an interview">
      <h2>Schedule an interview</h2>
      <ProblemBanner
        error={err?.code === 'interviewer_double_booked' ? null : err}
        claimed={['roundId', 'interviewerIds', 'startsAt', 'endsAt']}
        title="Could not schedule"
      />
      <Field label="Round" errors={err?.forField('roundId')}>
        {(p) => (
          <select {...p} name="roundId" value={roundId} onChange={(e) => chooseRound(e.target.value)}>
            <option value="">Choose a round…</option>
            {rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.position}. {r.name} ({r.durationMinutes} min)
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="checks" aria-describedby={err?.under('interviewerIds').length ? 'interviewers-error' : undefined}>
        <legend>Interviewers</legend>
        {chosen.length === 0 ? <p className="muted small">Nobody chosen yet.</p> : null}
        <ul className="chosen-list" aria-label="Chosen interviewers" data-testid="chosen-interviewers">
          {chosen.map((m) => (
            <li key={m.id}>
              {m.name}{' '}
              <button
                type="button"
                className="button button--small"
                aria-label={`Remove ${m.name}`}
                onClick={() => setChosen(chosen.filter((c) => c.id !== m.id))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
        <Field label="Add an interviewer" hint="Type part of a name or email.">
          {(p) => (
            <SearchCombobox
              control={p}
              queryKey={['members', 'interviewer']}
              search={searchMembers('interviewer')}
              selectedName=""
              clearAfterSelect
              onSelect={(m) => setChosen(chosen.some((c) => c.id === m.id) ? chosen : [...chosen, m])}
              testId="add-interviewer"
              placeholder="Type part of a name or email…"
            />
          )}
        </Field>
        <FieldError id="interviewers-error" messages={err?.under('interviewerIds')} />
      </fieldset>
      <div className="row">
        <Field label="Starts" hint={`Your time zone: ${Intl.DateTimeFormat().resolvedOptions().timeZone}`} errors={err?.forField('startsAt')}>
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              name="startsAt"
              min={toLocalInputValue(new Date())}
              value={startsAt}
              onChange={(e) => setStartsAt(e.target.value)}
            />
          )}
        </Field>
        <Field label="Minutes" errors={err?.forField('endsAt')}>
          {(p) => (
            <input {...p} inputMode="numeric" className="input-weight" name="minutes" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
          )}
        </Field>
      </div>
      <ConflictWarning error={err} pending={action.pending} verb="Schedule" onAnyway={() => void submit(true)} />
      <button type="submit" className="button button--primary" disabled={action.pending}>
        Schedule
      </button>
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
    </form>
  );
}
