import type { ScaleLevel } from '../api/types';
import { levelsOf } from '../lib/ratingScale';

/** The rubric anchors of a dimension, one per level of the role's scale, as the rating choices (a radio group: arrow keys move, Space picks). */
export function RatingChoice(props: {
  name: string;
  /** The role's scale (default: 4 points). */
  levels?: ScaleLevel[];
  legend: string;
  rubric: Partial<Record<string, string>>;
  value: number | null;
  onChange: (rating: number) => void;
  disabled?: boolean;
  describedBy?: string;
  invalid?: boolean;
}) {
  return (
    <fieldset
      className={`rating-choice${props.invalid ? ' rating-choice--invalid' : ''}`}
      aria-describedby={props.describedBy}
      disabled={props.disabled}
    >
      <legend>{props.legend}</legend>
      <div className="rating-choice__options">
        {(props.levels ?? levelsOf(null)).map(({ value: level, label }) => {
          const id = `${props.name}-${level}`;
          return (
            <label
              key={level}
              htmlFor={id}
              className={`rating-option rating-option--${level}${props.value === level ? ' rating-option--checked' : ''}`}
            >
              <input type="radio" id={id} name={props.name} value={level} checked={props.value === level} onChange={() => props.onChange(level)} />
              <span className="rating-option__head">
                <span className="rating-option__level">{level}</span> {label}
              </span>
              <span className="rating-option__anchor">{props.rubric[String(level)] || 'No anchor written for this level.'}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
