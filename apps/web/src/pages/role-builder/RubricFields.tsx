import type { ScaleLevel } from '../../api/types';
import { Field, FieldError } from '../../components/Field';
import { anchorKey } from '../../lib/ratingScale';

/** One anchor per level of the role's rating scale — exactly its levels, labelled with the scale's own words. */
export function RubricFields(props: {
  levels: ScaleLevel[];
  rubric: Record<string, string>;
  onChange: (rubric: Record<string, string>) => void;
  errorsFor?: (path: string) => string[] | undefined;
  disabled?: boolean;
}) {
  return (
    <fieldset className="rubric" data-testid="rubric-fields" data-levels={props.levels.length}>
      <legend>Rubric anchors</legend>
      {props.levels.map((level) => (
        <Field key={level.value} label={`${level.value} — ${level.label}`} errors={props.errorsFor?.(`rubric.${anchorKey(level)}`)}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={props.rubric[anchorKey(level)] ?? ''}
              disabled={props.disabled}
              onChange={(e) => props.onChange({ ...props.rubric, [anchorKey(level)]: e.target.value })}
            />
          )}
        </Field>
      ))}
      <FieldError messages={props.errorsFor?.('rubric')} />
    </fieldset>
  );
}

/** The "required" switch of a dimension: required dimensions must be rated before the report can recommend hiring. */
export function RequiredToggle(props: { checked: boolean; onChange: (checked: boolean) => void; disabled?: boolean; errors?: string[] }) {
  return (
    <div className="field">
      <label className="check">
        <input type="checkbox" name="required" checked={props.checked} disabled={props.disabled} onChange={(e) => props.onChange(e.target.checked)} />{' '}
        Required — the report cannot recommend hiring until someone has rated it
      </label>
      <FieldError messages={props.errors} />
    </div>
  );
}
