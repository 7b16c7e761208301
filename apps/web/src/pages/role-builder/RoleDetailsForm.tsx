import { FormEvent, useState } from 'react';
import { apiClient, unwrap } from '../../api/typed-client';
import type { HirePolicy, RatingScale, Role } from '../../api/types';
import { Field } from '../../components/Field';
import { MemberPicker } from '../../components/SearchCombobox';
import { ProblemBanner } from '../../components/ProblemBanner';
import { useAction } from '../../lib/hooks';
import { DEFAULT_SCALE, isRatingScale, levelsOf, thresholdHint } from '../../lib/ratingScale';
import { RatingScalePicker } from './RatingScalePicker';
import { useDraft } from './shared';

interface DetailsState {
  title: string;
  level: string;
  department: string;
  location: string;
  hiringManagerId: string;
  bar: string;
  floor: string;
  margin: string;
  minInterviewers: string;
  minCoverage: string;
  adjustForLeniency: boolean;
  everyDimensionMeets: boolean;
  ratingScale: RatingScale;
}

function fromRole(role: Role): DetailsState {
  const p = role.hirePolicy ?? {};
  return {
    title: role.title,
    level: role.level ?? '',
    department: role.department ?? '',
    location: role.location ?? '',
    hiringManagerId: role.hiringManagerId ?? '',
    bar: p.bar != null ? String(p.bar) : '',
    floor: p.floor != null ? String(p.floor) : '',
    margin: p.margin != null ? String(p.margin) : '',
    minInterviewers: p.minInterviewers != null ? String(p.minInterviewers) : '',
    minCoverage: p.minCoverage != null ? String(Math.round(p.minCoverage * 100)) : '',
    adjustForLeniency: p.adjustForLeniency ?? true,
    everyDimensionMeets: p.everyDimensionMeets ?? false,
    ratingScale: isRatingScale(role.ratingScale) ? role.ratingScale : DEFAULT_SCALE,
  };
}

const num = (s: string) => (s.trim() === '' ? undefined : Number(s.replace(',', '.')));

/** Title, level, hiring manager and the hire policy (bar, floor, margin…). */
export function RoleDetailsForm(props: {
  role: Role;
  editable: boolean;
  onSaved: (role: Role) => void;
  /** The scale picked (saved or not), so that the dimensions can show its anchor fields. */
  onScaleChange?: (scale: RatingScale) => void;
  messagesFor: (field: string) => string[];
}) {
  const { role } = props;
  const [dirty, setDirty] = useState(false);
  // The saved role shows again after every change of it on the server, unless this form has unsaved edits.
  const [form, setForm] = useDraft<DetailsState>(JSON.stringify(fromRole(role)), () => fromRole(role), dirty);
  const action = useAction(async () => {
    const savedScale = isRatingScale(role.ratingScale) ? role.ratingScale : DEFAULT_SCALE;
    const switching = form.ratingScale !== savedScale;
    // On a switch of scale the API resets bar, floor and margin to the new scale's defaults: send them only if edited.
    const scaled = (key: 'bar' | 'floor' | 'margin', value: number | undefined) =>
      switching && value === role.hirePolicy?.[key] ? undefined : value;
    const hirePolicy: HirePolicy = {
      bar: scaled('bar', num(form.bar)),
      floor: scaled('floor', num(form.floor)),
      margin: scaled('margin', num(form.margin)),
      minInterviewers: num(form.minInterviewers),
      minCoverage: form.minCoverage.trim() === '' ? undefined : Number(form.minCoverage) / 100,
      adjustForLeniency: form.adjustForLeniency,
      // Sent once the API knows the option (or when switched on), so that an older API is not sent a field it refuses.
      ...(role.hirePolicy?.everyDimensionMeets !== undefined || form.everyDimensionMeets ? { everyDimensionMeets: form.everyDimensionMeets } : {}),
    };
    const body = {
      title: form.title,
      level: form.level.trim() || null,
      department: form.department.trim() || null,
      location: form.location.trim() || null,
      hiringManagerId: form.hiringManagerId || null,
      hirePolicy,
      ...(role.ratingScale !== undefined || form.ratingScale !== savedScale ? { ratingScale: form.ratingScale } : {}),
    };
    return unwrap(await apiClient.PATCH('/v1/roles/{id}', { params: { path: { id: role.id } }, body }));
  });
  const set = <K extends keyof DetailsState>(k: K, v: DetailsState[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setDirty(true);
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await action.run();
    if (res) {
      setDirty(false);
      props.onSaved(res);
    }
  };
  const err = action.error;
  const errs = (field: string) => [...(err?.under(field) ?? []), ...props.messagesFor(field)];
  const disabled = !props.editable;
  const levels = levelsOf({ ratingScale: form.ratingScale, scaleLevels: form.ratingScale === role.ratingScale ? role.scaleLevels : undefined });
  const range = thresholdHint(levels);
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="details-title">
      <h2 id="details-title">Role</h2>
      <ProblemBanner
        error={err}
        claimed={['title', 'level', 'department', 'location', 'hiringManagerId', 'hirePolicy', 'ratingScale']}
        title="Could not save the role"
      />
      <Field label="Title" errors={errs('title')}>
        {(p) => <input {...p} name="title" value={form.title} disabled={disabled} onChange={(e) => set('title', e.target.value)} />}
      </Field>
      <div className="row">
        <Field label="Level" errors={errs('level')}>
          {(p) => <input {...p} name="level" value={form.level} disabled={disabled} onChange={(e) => set('level', e.target.value)} />}
        </Field>
        <Field label="Department" errors={errs('department')}>
          {(p) => <input {...p} name="department" value={form.department} disabled={disabled} onChange={(e) => set('department', e.target.value)} />}
        </Field>
      </div>
      <Field label="Location" errors={errs('location')}>
        {(p) => <input {...p} name="location" value={form.location} disabled={disabled} onChange={(e) => set('location', e.target.value)} />}
      </Field>
      <div data-field="hiringManagerId">
        <Field label="Hiring manager" hint="Reads the debriefs and records the decision." errors={errs('hiringManagerId')}>
          {(p) => (
            <MemberPicker
              control={p}
              memberRole="hiring_manager"
              name="hiringManagerId"
              value={form.hiringManagerId}
              disabled={disabled}
              onChange={(id) => set('hiringManagerId', id)}
              clearLabel="No hiring manager yet"
            />
          )}
        </Field>
      </div>
      <RatingScalePicker
        value={form.ratingScale}
        onChange={(scale) => {
          set('ratingScale', scale);
          props.onScaleChange?.(scale);
        }}
        dimensions={role.dimensions}
        saved={isRatingScale(role.ratingScale) ? { scale: role.ratingScale, levels: role.scaleLevels ?? [] } : undefined}
        disabled={disabled}
        errors={errs('ratingScale')}
      />
      <details className="subtle" open={Boolean(err?.under('hirePolicy').length)}>
        <summary>Hire policy</summary>
        <div className="row">
          <Field label={`Bar (${range})`} hint="Weighted score a hire must reach, on the role's scale." errors={errs('hirePolicy.bar')}>
            {(p) => <input {...p} inputMode="decimal" name="bar" value={form.bar} disabled={disabled} onChange={(e) => set('bar', e.target.value)} />}
          </Field>
          <Field label={`Floor (${range})`} hint="No dimension may average below it." errors={errs('hirePolicy.floor')}>
            {(p) => (
              <input {...p} inputMode="decimal" name="floor" value={form.floor} disabled={disabled} onChange={(e) => set('floor', e.target.value)} />
            )}
          </Field>
        </div>
        <div className="row">
          <Field label="Inconclusive margin" errors={errs('hirePolicy.margin')}>
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                name="margin"
                value={form.margin}
                disabled={disabled}
                onChange={(e) => set('margin', e.target.value)}
              />
            )}
          </Field>
          <Field label="Minimum interviewers" errors={errs('hirePolicy.minInterviewers')}>
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                name="minInterviewers"
                value={form.minInterviewers}
                disabled={disabled}
                onChange={(e) => set('minInterviewers', e.target.value)}
              />
            )}
          </Field>
          <Field label="Minimum coverage (%)" errors={errs('hirePolicy.minCoverage')}>
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                name="minCoverage"
                value={form.minCoverage}
                disabled={disabled}
                onChange={(e) => set('minCoverage', e.target.value)}
              />
            )}
          </Field>
        </div>
        <label className="check">
          <input type="checkbox" checked={form.adjustForLeniency} disabled={disabled} onChange={(e) => set('adjustForLeniency', e.target.checked)} />{' '}
          Correct for interviewer leniency
        </label>
        <label className="check">
          <input
            type="checkbox"
            name="everyDimensionMeets"
            checked={form.everyDimensionMeets}
            disabled={disabled}
            onChange={(e) => set('everyDimensionMeets', e.target.checked)}
          />{' '}
          Every required dimension must meet the bar
        </label>
        <p className="field-hint">
          Then a strength cannot make up for a weakness: hire only when every required dimension averages at least the scale's “meets” level.
        </p>
      </details>
      {props.editable ? (
        <button type="submit" className="button" disabled={action.pending || !dirty} data-testid="save-role">
          {action.pending ? 'Saving…' : dirty ? 'Save role' : 'Saved'}
        </button>
      ) : null}
    </form>
  );
}
