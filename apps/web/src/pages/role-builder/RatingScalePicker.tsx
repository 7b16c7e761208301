import type { Dimension, RatingScale, ScaleLevel } from '../../api/types';
import { FieldError } from '../../components/Field';
import { describeScale, dimensionsMissingAnchors, SCALE_LEVELS, SCALE_NAMES } from '../../lib/ratingScale';

/**
 * The role's rating scale: 4 points, 5 points or 3 levels, each shown with its level labels. Interviewers rate on
 * it, rubric anchors are written for its levels, and the hire policy's bar and floor are stated on it.
 */
export function RatingScalePicker(props: {
  value: RatingScale;
  onChange: (scale: RatingScale) => void;
  /** The saved scale's levels as the API states them (they win over the app's copy for that scale). */
  saved?: { scale: RatingScale; levels: ScaleLevel[] };
  /** The role's dimensions: before a switch, each needs an anchor for every level of the new scale. */
  dimensions?: Dimension[];
  disabled?: boolean;
  errors?: string[];
}) {
  const scales = Object.keys(SCALE_LEVELS) as RatingScale[];
  const switching = props.saved !== undefined && props.saved.scale !== props.value;
  const missing = switching ? dimensionsMissingAnchors(props.dimensions ?? [], SCALE_LEVELS[props.value]) : [];
  return (
    <fieldset className="scale-picker" data-field="ratingScale" data-testid="scale-picker" aria-describedby="scale-picker-hint">
      <legend>Rating scale</legend>
      <p className="field-hint" id="scale-picker-hint">
        Interviewers rate every dimension on this scale; each dimension needs a rubric anchor per level.
      </p>
      {scales.map((scale) => (
        <label key={scale} className={`scale-option${props.value === scale ? ' scale-option--checked' : ''}`}>
          <input
            type="radio"
            name="ratingScale"
            value={scale}
            checked={props.value === scale}
            disabled={props.disabled}
            onChange={() => props.onChange(scale)}
          />{' '}
          <strong>{SCALE_NAMES[scale]}</strong>
          <span className="scale-option__levels small muted">
            {describeScale(props.saved?.scale === scale && props.saved.levels.length ? props.saved.levels : SCALE_LEVELS[scale])}
          </span>
        </label>
      ))}
      {switching ? (
        <p className="notice small" role="status" data-testid="scale-switch-note">
          Saving switches the role to {SCALE_NAMES[props.value]}; the bar and floor go back to that scale's defaults. A role's scale can change only
          until its first scorecard.
          {missing.length > 0
            ? ` First write the anchors still missing (the dimension editors below now show the new levels): ${missing
                .map((m) => `${m.name} — level ${m.levels.map((l) => l.value).join(', ')}`)
                .join('; ')}.`
            : ''}
        </p>
      ) : null}
      <FieldError messages={props.errors} />
    </fieldset>
  );
}
