import { FormEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useInvalidate } from '../../api/queries';
import { apiClient, unwrap } from '../../api/typed-client';
import type { components } from '../../api/schema';
import type { RatingScale } from '../../api/types';

/** A key of the templates the API offers (the select holds one of them, or nothing: then the API names the field). */
type TemplateKey = components['schemas']['CreateRoleFromTemplateRequestDto']['templateKey'];
import { Field } from '../../components/Field';
import { MemberPicker } from '../../components/SearchCombobox';
import { ProblemBanner } from '../../components/ProblemBanner';
import { useAction } from '../../lib/hooks';
import { DEFAULT_SCALE } from '../../lib/ratingScale';
import { useRoleTemplates } from './queries';
import { RatingScalePicker } from './RatingScalePicker';

/** A role from a ready-made loop: dimensions, rubrics, rounds and questions come with the template. */
export function FromTemplateForm() {
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const templates = useRoleTemplates();
  const [templateKey, setTemplateKey] = useState('');
  const [title, setTitle] = useState('');
  const [hiringManagerId, setHiringManagerId] = useState('');
  const action = useAction(async () =>
    unwrap(
      await apiClient.POST('/v1/roles/from-template', {
        body: {
          templateKey: templateKey as TemplateKey,
          ...(title.trim() ? { title: title.trim() } : {}),
          ...(hiringManagerId ? { hiringManagerId } : {}),
        },
      }),
    ),
  );
  const chosen = templates.data?.find((t) => t.key === templateKey);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const role = await action.run();
    if (!role) return;
    await invalidate(['list', '/roles']);
    navigate(`/roles/${role.id}`);
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
          {chosen.rounds?.length ? (
            <p className="small muted">
              {chosen.rounds.length} rounds: {chosen.rounds.map((r) => r.name).join(' → ')}
            </p>
          ) : null}
        </div>
      ) : null}
      <Field label="Title (optional)" hint="Defaults to the template's title." errors={err?.forField('title')}>
        {(p) => <input {...p} name="title" value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <HiringManagerSelect
        label="Hiring manager (optional)"
        value={hiringManagerId}
        onChange={setHiringManagerId}
        errors={err?.forField('hiringManagerId')}
      />
      <button type="submit" className="button button--primary" disabled={action.pending}>
        Create from template
      </button>
    </form>
  );
}

/** A role built by hand: title, level, hiring manager and scale now; dimensions, rounds and questions in the builder. */
export function BlankRoleForm() {
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [title, setTitle] = useState('');
  const [level, setLevel] = useState('');
  const [hiringManagerId, setHiringManagerId] = useState('');
  const [ratingScale, setRatingScale] = useState<RatingScale>(DEFAULT_SCALE);
  const action = useAction(async () =>
    unwrap(
      await apiClient.POST('/v1/roles', {
        body: {
          title: title.trim(),
          ...(level.trim() ? { level: level.trim() } : {}),
          ...(hiringManagerId ? { hiringManagerId } : {}),
          ...(ratingScale !== DEFAULT_SCALE ? { ratingScale } : {}),
        },
      }),
    ),
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const role = await action.run();
    if (!role) return;
    await invalidate(['list', '/roles']);
    navigate(`/roles/${role.id}`);
  };
  const err = action.error;
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="Create a blank role">
      <h2>Blank role</h2>
      <ProblemBanner error={err} claimed={['title', 'level', 'hiringManagerId', 'ratingScale']} title="Could not create the role" />
      <Field label="Role title" errors={err?.forField('title')}>
        {(p) => <input {...p} name="title" value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label="Level (optional)" errors={err?.forField('level')}>
        {(p) => <input {...p} name="level" value={level} onChange={(e) => setLevel(e.target.value)} />}
      </Field>
      <HiringManagerSelect
        label="Hiring manager"
        hint="Needed before the role can open: reads the debriefs and records the decision."
        value={hiringManagerId}
        onChange={setHiringManagerId}
        errors={err?.forField('hiringManagerId')}
      />
      <RatingScalePicker value={ratingScale} onChange={setRatingScale} errors={err?.forField('ratingScale')} />
      <button type="submit" className="button" disabled={action.pending}>
        Create blank role
      </button>
    </form>
  );
}

function HiringManagerSelect(props: { label: string; hint?: string; value: string; onChange: (id: string) => void; errors?: string[] }) {
  return (
    <Field label={props.label} hint={props.hint} errors={props.errors}>
      {(p) => (
        <MemberPicker
          control={p}
          memberRole="hiring_manager"
          name="hiringManagerId"
          value={props.value}
          onChange={props.onChange}
          clearLabel="Choose later"
        />
      )}
    </Field>
  );
}
