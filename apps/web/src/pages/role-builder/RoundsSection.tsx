import { FormEvent, useState } from 'react';
import type { components } from '../../api/schema';
import { apiClient, unwrap } from '../../api/typed-client';
import type { Role, Round, RoundKind } from '../../api/types';
import { ROUND_KINDS } from '../../api/types';
import { CoverageGrid } from '../../components/CoverageGrid';
import { Field, FieldError } from '../../components/Field';
import { ProblemBanner } from '../../components/ProblemBanner';
import { cellKey, toggleFocus } from '../../lib/coverage';
import { useAction } from '../../lib/hooks';
import { ROUND_KIND_LABELS } from '../../lib/labels';
import { ApiError } from '../../lib/problem';
import { RoundQuestions } from './RoundQuestions';
import { useDraft } from './shared';

type RoundUpdate = components['schemas']['UpdateRoundRequestDto'];

function updateRound(roleId: string, roundId: string, body: RoundUpdate) {
  return apiClient.PATCH('/v1/roles/{id}/rounds/{roundId}', { params: { path: { id: roleId, roundId } }, body }).then(unwrap);
}

/** Minutes as typed: a number when it is one, else the text itself, so that the API names the field's problem. */
const minutesOf = (text: string) => (Number.isFinite(Number(text)) && text.trim() !== '' ? Number(text) : text) as number;

export function RoundsSection(props: { role: Role; editable: boolean; onChange: (role: Role) => void; messagesFor: (field: string) => string[] }) {
  const { role } = props;
  const [pending, setPending] = useState<Set<string>>(new Set());
  const [gridError, setGridError] = useState<ApiError | null>(null);
  const rounds = [...role.rounds].sort((a, b) => a.position - b.position);
  const dimensions = [...role.dimensions].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));

  const onToggle = async (roundId: string, dimensionId: string) => {
    const round = role.rounds.find((r) => r.id === roundId);
    if (!round) return;
    const key = cellKey(dimensionId, roundId);
    setPending((p) => new Set(p).add(key));
    setGridError(null);
    try {
      const res = await updateRound(role.id, roundId, { focusDimensionIds: toggleFocus(round.focusDimensionIds, dimensionId) });
      props.onChange(res.role);
    } catch (e) {
      setGridError(e instanceof ApiError ? e : new ApiError({ status: 0, detail: String(e) }));
    } finally {
      setPending((p) => {
        const next = new Set(p);
        next.delete(key);
        return next;
      });
    }
  };

  const gridMessages = (field: string) => [...props.messagesFor(field), ...(gridError?.forField(field) ?? [])];

  return (
    <section className="card" aria-labelledby="rounds-title" data-field="rounds">
      <h2 id="rounds-title">Rounds and coverage</h2>
      <FieldError messages={props.messagesFor('rounds')} />
      <p className="muted small">
        Click a cell to make a round focus on a dimension. Each dimension should be assessed by at least one round — ideally two.
      </p>
      <div data-field-group="coverage">
        <CoverageGrid
          dimensions={dimensions}
          rounds={rounds}
          onToggle={onToggle}
          pending={pending}
          disabled={!props.editable}
          messagesFor={gridMessages}
        />
      </div>
      <ProblemBanner error={gridError} title="Could not change the round's focus" />
      <h3>Rounds</h3>
      <ol className="round-list">
        {rounds.map((r, i) => (
          <RoundEditor
            key={r.id}
            roleId={role.id}
            round={r}
            index={i}
            count={rounds.length}
            editable={props.editable}
            onChange={props.onChange}
            messagesFor={props.messagesFor}
          />
        ))}
      </ol>
      {props.editable ? <AddRoundForm roleId={role.id} onChange={props.onChange} /> : null}
    </section>
  );
}

function RoundEditor(props: {
  roleId: string;
  round: Round;
  index: number;
  count: number;
  editable: boolean;
  onChange: (role: Role) => void;
  messagesFor: (field: string) => string[];
}) {
  const { round } = props;
  // Reset only when this round's own fields changed on the server, not on every change of the role.
  const [form, setForm] = useDraft(JSON.stringify([round.name, round.kind, round.durationMinutes]), () => ({
    name: round.name,
    kind: round.kind,
    durationMinutes: String(round.durationMinutes),
  }));
  // The questions load when the round is opened (a template's loop has many).
  const [open, setOpen] = useState(false);
  const save = useAction((body: RoundUpdate) => updateRound(props.roleId, round.id, body));
  const remove = useAction(async () =>
    unwrap(await apiClient.DELETE('/v1/roles/{id}/rounds/{roundId}', { params: { path: { id: props.roleId, roundId: round.id } } })),
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await save.run({ name: form.name, kind: form.kind, durationMinutes: minutesOf(form.durationMinutes) });
    if (res) props.onChange(res.role);
  };
  const move = async (delta: number) => {
    const res = await save.run({ position: round.position + delta });
    if (res) props.onChange(res.role);
  };
  const onDelete = async () => {
    if (!window.confirm(`Delete the round "${round.name}"?`)) return;
    const res = await remove.run();
    if (res) props.onChange(res);
  };
  const err = save.error;
  const focusErrors = props.messagesFor(`rounds.${round.id}.focusDimensionIds`);
  return (
    <li className="round" data-field={`rounds.${round.id}`}>
      <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>
          <span className="round__name">{round.name}</span>{' '}
          <span className="muted small">
            {ROUND_KIND_LABELS[round.kind] ?? round.kind} · {round.durationMinutes} min · {round.focusDimensionIds.length} focus dimension
            {round.focusDimensionIds.length === 1 ? '' : 's'} · {round.questionIds?.length ?? 0} question{round.questionIds?.length === 1 ? '' : 's'}
          </span>
        </summary>
        <form onSubmit={onSubmit} noValidate aria-label={`Edit round ${round.name}`}>
          <ProblemBanner
            error={err ?? remove.error}
            claimed={['name', 'kind', 'durationMinutes', 'position', 'focusDimensionIds']}
            title="Could not save the round"
          />
          <div className="row">
            <Field label="Name" errors={err?.forField('name')}>
              {(p) => <input {...p} value={form.name} disabled={!props.editable} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
            </Field>
            <Field label="Kind" errors={err?.forField('kind')}>
              {(p) => (
                <select {...p} value={form.kind} disabled={!props.editable} onChange={(e) => setForm({ ...form, kind: e.target.value as RoundKind })}>
                  {ROUND_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {ROUND_KIND_LABELS[k]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Minutes" errors={err?.forField('durationMinutes')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  className="input-weight"
                  value={form.durationMinutes}
                  disabled={!props.editable}
                  onChange={(e) => setForm({ ...form, durationMinutes: e.target.value })}
                />
              )}
            </Field>
          </div>
          {props.editable ? (
            <div className="actions">
              <button type="submit" className="button" disabled={save.pending}>
                Save round
              </button>
              <button
                type="button"
                className="button button--ghost"
                onClick={() => move(-1)}
                disabled={props.index === 0 || save.pending}
                aria-label={`Move ${round.name} earlier`}
              >
                ↑ Earlier
              </button>
              <button
                type="button"
                className="button button--ghost"
                onClick={() => move(1)}
                disabled={props.index === props.count - 1 || save.pending}
                aria-label={`Move ${round.name} later`}
              >
                ↓ Later
              </button>
              <button type="button" className="button button--danger" onClick={onDelete} disabled={remove.pending}>
                Delete
              </button>
            </div>
          ) : null}
        </form>
        {open ? <RoundQuestions roleId={props.roleId} round={round} editable={props.editable} onChange={props.onChange} /> : null}
      </details>
      <FieldError messages={focusErrors} />
    </li>
  );
}

function AddRoundForm(props: { roleId: string; onChange: (role: Role) => void }) {
  const empty = { name: '', kind: 'technical' as RoundKind, durationMinutes: '60' };
  const [form, setForm] = useState(empty);
  const action = useAction(async () =>
    unwrap(
      await apiClient.POST('/v1/roles/{id}/rounds', {
        params: { path: { id: props.roleId } },
        body: { name: form.name, kind: form.kind, durationMinutes: minutesOf(form.durationMinutes) },
      }),
    ),
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await action.run();
    if (res) {
      setForm(empty);
      props.onChange(res.role);
    }
  };
  const err = action.error;
  return (
    <details className="add-form">
      <summary>Add a round</summary>
      <form onSubmit={onSubmit} noValidate aria-label="Add a round">
        <ProblemBanner error={err} claimed={['name', 'kind', 'durationMinutes']} title="Could not add the round" />
        <div className="row">
          <Field label="Name" errors={err?.forField('name')}>
            {(p) => <input {...p} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
          </Field>
          <Field label="Kind" errors={err?.forField('kind')}>
            {(p) => (
              <select {...p} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as RoundKind })}>
                {ROUND_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {ROUND_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Minutes" errors={err?.forField('durationMinutes')}>
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                className="input-weight"
                value={form.durationMinutes}
                onChange={(e) => setForm({ ...form, durationMinutes: e.target.value })}
              />
            )}
          </Field>
        </div>
        <button type="submit" className="button" disabled={action.pending}>
          Add round
        </button>
      </form>
    </details>
  );
}
