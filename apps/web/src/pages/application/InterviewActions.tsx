import { FormEvent, useState } from 'react';
import { patch, post } from '../../api/client';
import type { Interview } from '../../api/types';
import { Field } from '../../components/Field';
import { ProblemBanner } from '../../components/ProblemBanner';
import { bookingConflicts, conflictLines } from '../../lib/conflicts';
import { useAction } from '../../lib/hooks';
import { formatDateTime, fromLocalInputValue, toLocalInputValue } from '../../lib/labels';

const timeOnly = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/** The warning for a double booking: who is busy when, and a way to go ahead anyway. */
export function ConflictWarning(props: { error: Parameters<typeof bookingConflicts>[0]; onAnyway: () => void; pending: boolean; verb: string }) {
  const conflicts = bookingConflicts(props.error);
  if (!conflicts) return null;
  return (
    <div className="notice notice--warn" role="alert" data-testid="conflict-warning">
      <p>
        <strong>Double booking.</strong> {props.error?.message}
      </p>
      <ul>
        {conflictLines(conflicts, formatDateTime, timeOnly).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <button type="button" className="button" onClick={props.onAnyway} disabled={props.pending}>
        {props.verb} anyway
      </button>
    </div>
  );
}

/** Cancel or reschedule one scheduled interview (recruiters and admins; not once feedback exists: the API says why). */
export function InterviewActions(props: { interview: Interview; label: string; onChanged: () => void }) {
  const i = props.interview;
  const [open, setOpen] = useState(false);
  const [startsAt, setStartsAt] = useState(toLocalInputValue(new Date(i.startsAt)));
  const minutesNow = Math.round((new Date(i.endsAt).getTime() - new Date(i.startsAt).getTime()) / 60000);
  const [minutes, setMinutes] = useState(String(minutesNow));
  const cancel = useAction(() => post<Interview>(`/interviews/${i.id}/cancel`));
  const move = useAction((allowConflict: boolean) => {
    const start = fromLocalInputValue(startsAt);
    const end = start ? new Date(new Date(start).getTime() + (Number(minutes) || 60) * 60000).toISOString() : null;
    return patch<Interview>(`/interviews/${i.id}`, { startsAt: start, endsAt: end, ...(allowConflict ? { allowConflict: true } : {}) });
  });
  if (i.status === 'cancelled') return null;
  const onMove = async (e: FormEvent) => {
    e.preventDefault();
    if (await move.run(false)) {
      setOpen(false);
      props.onChanged();
    }
  };
  const conflict = bookingConflicts(move.error);
  return (
    <div className="interview-actions">
      <div className="actions">
        <button type="button" className="button button--small" onClick={() => setOpen(!open)} aria-expanded={open}>
          Reschedule<span className="sr-only"> {props.label}</span>
        </button>
        <button
          type="button"
          className="button button--small button--ghost"
          disabled={cancel.pending}
          onClick={async () => {
            if (await cancel.run()) props.onChanged();
          }}
        >
          {/* The visible words start the accessible name (WCAG 2.5.3, label in name). */}
          Cancel interview<span className="sr-only"> {props.label}</span>
        </button>
      </div>
      <ProblemBanner error={cancel.error} title="Could not cancel" />
      {open ? (
        <form onSubmit={onMove} noValidate aria-label={`Reschedule ${props.label}`}>
          <ProblemBanner error={conflict ? null : move.error} claimed={['startsAt', 'endsAt']} title="Could not reschedule" />
          <div className="row">
            <Field label={`New start (${Intl.DateTimeFormat().resolvedOptions().timeZone})`} errors={move.error?.forField('startsAt')}>
              {(p) => (
                <input
                  {...p}
                  type="datetime-local"
                  min={toLocalInputValue(new Date())}
                  value={startsAt}
                  onChange={(e) => setStartsAt(e.target.value)}
                />
              )}
            </Field>
            <Field label="Minutes" errors={move.error?.forField('endsAt')}>
              {(p) => <input {...p} inputMode="numeric" className="input-weight" value={minutes} onChange={(e) => setMinutes(e.target.value)} />}
            </Field>
          </div>
          <ConflictWarning
            error={move.error}
            pending={move.pending}
            verb="Move"
            onAnyway={async () => {
              if (await move.run(true)) {
                setOpen(false);
                props.onChanged();
              }
            }}
          />
          <button type="submit" className="button button--primary" disabled={move.pending}>
            Move
          </button>
        </form>
      ) : null}
    </div>
  );
}
