import { FormEvent } from 'react';
import type { components } from '../../api/schema';
import { apiClient, unwrap } from '../../api/typed-client';
import type { Dimension, Role, Rubric, ScaleLevel } from '../../api/types';
import { Field, FieldError } from '../../components/Field';
import { ProblemBanner } from '../../components/ProblemBanner';
import { WeightSum } from '../../components/WeightSum';
import { useAction } from '../../lib/hooks';
import { remapIndexedErrors } from '../../lib/problem';
import { anchorKey, rubricForLevels } from '../../lib/ratingScale';
import { formatWeight, parseWeight } from '../../lib/weights';
import { AddDimensionForm } from './AddDimensionForm';
import { RequiredToggle, RubricFields } from './RubricFields';
import { linesToList, listToLines, useDraft } from './shared';

/** A rubric as sent: anchors for the scale's levels only (a 3-level scale has no '4'); the API names a missing one. */
export type RubricBody = components['schemas']['CreateDimensionRequestDto']['rubric'];

/** Saves several weights at once so an open role can be rebalanced without passing through an invalid sum. */
export async function saveWeights(roleId: string, weights: { dimensionId: string; weight: number }[]): Promise<Role> {
  return unwrap(await apiClient.PUT('/v1/roles/{id}/weights', { params: { path: { id: roleId } }, body: { weights } }));
}

/** `levels`: the scale being edited — the role's, or the one picked but not saved yet (so that its anchors can be written first). */
export function DimensionsSection(props: {
  role: Role;
  levels: ScaleLevel[];
  editable: boolean;
  onChange: (role: Role) => void;
  messagesFor: (field: string) => string[];
}) {
  const { role, levels } = props;
  return (
    <section className="card" aria-labelledby="dimensions-title" data-field="dimensions">
      <h2 id="dimensions-title">Scorecard dimensions</h2>
      <FieldError messages={props.messagesFor('dimensions')} />
      <WeightsForm role={role} editable={props.editable} onChange={props.onChange} messagesFor={props.messagesFor} />
      <h3>Rubric anchors and signals</h3>
      <p className="muted small">
        What each level of the role's scale ({levels.map((l) => l.label).join(', ')}) looks like on each dimension: interviewers pick one of these
        anchors as their rating.
      </p>
      {role.dimensions.map((d) => (
        <DimensionEditor key={d.id} roleId={role.id} dimension={d} levels={levels} editable={props.editable} onChange={props.onChange} />
      ))}
      {props.editable ? (
        <AddDimensionForm roleId={role.id} levels={levels} onChange={props.onChange} remaining={Math.max(0, 100 - role.weightSum)} />
      ) : null}
    </section>
  );
}

function WeightsForm(props: { role: Role; editable: boolean; onChange: (role: Role) => void; messagesFor: (field: string) => string[] }) {
  const { role } = props;
  const savedKey = role.dimensions.map((d) => `${d.id}=${d.weight}`).join(',');
  const initial = (): Record<string, string> => Object.fromEntries(role.dimensions.map((d) => [d.id, formatWeight(d.weight)]));
  const [weights, setWeights] = useDraft(savedKey, initial);
  const changed = role.dimensions.filter((d) => weights[d.id] !== undefined && weights[d.id] !== formatWeight(d.weight));
  const order = changed.map((d) => d.id);
  const action = useAction(() =>
    saveWeights(
      role.id,
      changed.map((d) => ({ dimensionId: d.id, weight: parseWeight(weights[d.id] ?? '') ?? Number(weights[d.id]) })),
    ),
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (changed.length === 0) return;
    const res = await action.run();
    if (res) props.onChange(res);
  };
  const fieldErrors = action.error ? remapIndexedErrors(action.error.fieldErrors, 'weights', order) : {};
  const rowErrors = (id: string) => [...(fieldErrors[`weights.${id}.weight`] ?? []), ...(fieldErrors[`weights.${id}.dimensionId`] ?? [])];
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Dimension weights">
      <table className="table weights-table" data-testid="weights-table">
        <thead>
          <tr>
            <th scope="col">Dimension</th>
            <th scope="col" className="num">
              Weight (%)
            </th>
          </tr>
        </thead>
        <tbody>
          {role.dimensions.map((d) => {
            const errs = rowErrors(d.id);
            const inputId = `weight-${d.id}`;
            return (
              <tr key={d.id}>
                <th scope="row">
                  <label htmlFor={inputId}>{d.name}</label>
                  <FieldError id={`${inputId}-error`} messages={errs} />
                </th>
                <td className="num">
                  <input
                    id={inputId}
                    className="input-weight"
                    inputMode="decimal"
                    value={weights[d.id] ?? ''}
                    disabled={!props.editable}
                    aria-invalid={errs.length > 0 || undefined}
                    aria-describedby={errs.length ? `${inputId}-error` : undefined}
                    onChange={(e) => setWeights({ ...weights, [d.id]: e.target.value })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div data-field="weightSum" tabIndex={-1}>
        <WeightSum weights={role.dimensions.map((d) => weights[d.id] ?? d.weight)} />
        <FieldError messages={[...props.messagesFor('weightSum'), ...(action.error?.forField('weightSum') ?? [])]} />
      </div>
      <ProblemBanner error={action.error} claimed={['weights', 'weightSum']} title="Could not save the weights" />
      {props.editable && role.dimensions.length > 0 ? (
        <div className="actions">
          <button type="submit" className="button" disabled={changed.length === 0 || action.pending} data-testid="save-weights">
            {action.pending ? 'Saving…' : changed.length ? `Save ${changed.length} weight${changed.length > 1 ? 's' : ''}` : 'Weights saved'}
          </button>
          {changed.length ? (
            <button type="button" className="button button--ghost" onClick={() => setWeights(initial())}>
              Undo
            </button>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

interface DimensionDraft {
  name: string;
  description: string;
  rubric: Record<string, string>;
  required: boolean;
  strong: string;
  weak: string;
  redFlags: string;
}

function draftOf(d: Dimension, levels: ScaleLevel[]): DimensionDraft {
  return {
    name: d.name,
    description: d.description ?? '',
    rubric: Object.fromEntries(levels.map((l) => [anchorKey(l), (d.rubric as Rubric | undefined)?.[anchorKey(l)] ?? ''])),
    required: d.required ?? true,
    strong: listToLines(d.signals?.strong),
    weak: listToLines(d.signals?.weak),
    redFlags: listToLines(d.signals?.redFlags),
  };
}

function DimensionEditor(props: { roleId: string; dimension: Dimension; levels: ScaleLevel[]; editable: boolean; onChange: (role: Role) => void }) {
  const { dimension: d, levels } = props;
  // Reset only when this dimension (or the scale) changed on the server, not on every change of the role.
  const [draft, setDraft] = useDraft<DimensionDraft>(JSON.stringify([d, levels]), () => draftOf(d, levels));
  const path = { id: props.roleId, dimensionId: d.id };
  const save = useAction(async () =>
    unwrap(
      await apiClient.PATCH('/v1/roles/{id}/dimensions/{dimensionId}', {
        params: { path },
        body: {
          name: draft.name,
          description: draft.description,
          rubric: rubricForLevels(levels, draft.rubric, d.rubric) as RubricBody,
          signals: { strong: linesToList(draft.strong), weak: linesToList(draft.weak), redFlags: linesToList(draft.redFlags) },
          ...(d.required !== undefined || !draft.required ? { required: draft.required } : {}),
        },
      }),
    ),
  );
  const remove = useAction(async () => unwrap(await apiClient.DELETE('/v1/roles/{id}/dimensions/{dimensionId}', { params: { path } })));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await save.run();
    if (res) props.onChange(res.role);
  };
  const onDelete = async () => {
    if (!window.confirm(`Delete the dimension "${d.name}"?`)) return;
    const res = await remove.run();
    if (res) props.onChange(res);
  };
  const err = save.error;
  const disabled = !props.editable;
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(d, levels));
  const required = d.required ?? true;
  return (
    <details className="dimension-editor" data-testid="dimension-editor">
      <summary>
        <span className="dimension-editor__name">{d.name}</span> <span className="muted">{formatWeight(d.weight)}%</span>{' '}
        <span className={`badge ${required ? 'badge--required' : 'badge--optional'}`} data-testid="dimension-required">
          {required ? 'required' : 'optional'}
        </span>
        {d.description ? <span className="muted small"> — {d.description}</span> : null}
      </summary>
      <form onSubmit={onSubmit} noValidate aria-label={`Edit ${d.name}`}>
        <ProblemBanner
          error={err ?? remove.error}
          claimed={['name', 'description', 'rubric', 'signals', 'required']}
          title="Could not save the dimension"
        />
        <Field label="Name" errors={err?.forField('name')}>
          {(p) => <input {...p} value={draft.name} disabled={disabled} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
        </Field>
        <Field label="Description" errors={err?.forField('description')}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={draft.description}
              disabled={disabled}
              onChange={(e) => setDraft({ ...draft, description: e.target.value })}
            />
          )}
        </Field>
        <RequiredToggle
          checked={draft.required}
          disabled={disabled}
          onChange={(required) => setDraft({ ...draft, required })}
          errors={err?.forField('required')}
        />
        <RubricFields
          levels={levels}
          rubric={draft.rubric}
          disabled={disabled}
          onChange={(rubric) => setDraft({ ...draft, rubric })}
          errorsFor={(path) => err?.under(path)}
        />
        <div className="row">
          <Field label="Strong signals (one a line)" errors={err?.under('signals.strong')}>
            {(p) => (
              <textarea {...p} rows={3} value={draft.strong} disabled={disabled} onChange={(e) => setDraft({ ...draft, strong: e.target.value })} />
            )}
          </Field>
          <Field label="Weak signals (one a line)" errors={err?.under('signals.weak')}>
            {(p) => (
              <textarea {...p} rows={3} value={draft.weak} disabled={disabled} onChange={(e) => setDraft({ ...draft, weak: e.target.value })} />
            )}
          </Field>
          <Field label="Red flags (one a line)" errors={err?.under('signals.redFlags')}>
            {(p) => (
              <textarea
                {...p}
                rows={3}
                value={draft.redFlags}
                disabled={disabled}
                onChange={(e) => setDraft({ ...draft, redFlags: e.target.value })}
              />
            )}
          </Field>
        </div>
        {props.editable ? (
          <div className="actions">
            <button type="submit" className="button" disabled={!dirty || save.pending}>
              {save.pending ? 'Saving…' : 'Save dimension'}
            </button>
            <button type="button" className="button button--danger" onClick={onDelete} disabled={remove.pending}>
              Delete
            </button>
          </div>
        ) : null}
      </form>
    </details>
  );
}
