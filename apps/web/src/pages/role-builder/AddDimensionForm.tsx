import { FormEvent, useState } from 'react';
import { apiClient, unwrap } from '../../api/typed-client';
import type { Role, ScaleLevel } from '../../api/types';
import { Field } from '../../components/Field';
import { ProblemBanner } from '../../components/ProblemBanner';
import { useAction } from '../../lib/hooks';
import { rubricForLevels } from '../../lib/ratingScale';
import { formatWeight, parseWeight } from '../../lib/weights';
import type { RubricBody } from './DimensionsSection';
import { RequiredToggle, RubricFields } from './RubricFields';

/** Adds a dimension: name, weight, description, the required flag and an anchor per level of the role's scale. */
export function AddDimensionForm(props: { roleId: string; levels: ScaleLevel[]; onChange: (role: Role) => void; remaining: number }) {
  const empty = { name: '', weight: '', description: '', required: true, rubric: {} as Record<string, string> };
  const [form, setForm] = useState(empty);
  const action = useAction(async () =>
    unwrap(
      await apiClient.POST('/v1/roles/{id}/dimensions', {
        params: { path: { id: props.roleId } },
        body: {
          name: form.name,
          // Left out when empty (or sent as typed): the API then names the weight's problem next to the field.
          weight: (parseWeight(form.weight) ?? (form.weight.trim() === '' ? undefined : Number(form.weight))) as number,
          description: form.description,
          rubric: rubricForLevels(props.levels, form.rubric) as RubricBody,
          ...(form.required ? {} : { required: false }),
        },
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
      <summary>Add a dimension</summary>
      <form onSubmit={onSubmit} noValidate aria-label="Add a dimension">
        <ProblemBanner error={err} claimed={['name', 'weight', 'description', 'rubric', 'required']} title="Could not add the dimension" />
        <div className="row">
          <Field label="Name" errors={err?.forField('name')}>
            {(p) => <input {...p} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
          </Field>
          <Field
            label="Weight (%)"
            hint={props.remaining > 0 ? `${formatWeight(props.remaining)}% left to assign` : undefined}
            errors={err?.forField('weight')}
          >
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                className="input-weight"
                value={form.weight}
                onChange={(e) => setForm({ ...form, weight: e.target.value })}
              />
            )}
          </Field>
        </div>
        <Field label="Description" errors={err?.forField('description')}>
          {(p) => <textarea {...p} rows={2} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />}
        </Field>
        <RequiredToggle checked={form.required} onChange={(required) => setForm({ ...form, required })} errors={err?.forField('required')} />
        <RubricFields
          levels={props.levels}
          rubric={form.rubric}
          onChange={(rubric) => setForm({ ...form, rubric })}
          errorsFor={(path) => err?.under(path)}
        />
        <button type="submit" className="button" disabled={action.pending}>
          Add dimension
        </button>
      </form>
    </details>
  );
}
