import type { KitDimension, ScaleLevel } from '../../api/types';
import { Field, FieldError } from '../../components/Field';
import { RatingChoice } from '../../components/RatingChoice';
import { DimensionAnswer, signalKey, toggle } from '../../lib/scorecard';

/**
 * One focus dimension of the scorecard: the rating against its rubric and the evidence (or, when it could not be
 * assessed, why not) and the signals seen. `errorsAt` gives the messages for a field path, shown beside the field.
 */
export function DimensionAnswerFields(props: {
  dimension: KitDimension;
  position: number;
  levels: ScaleLevel[];
  answer: DimensionAnswer;
  onAnswer: (patch: Partial<DimensionAnswer>) => void;
  signals: string[];
  onSignals: (signals: string[]) => void;
  errorsAt: (field: string) => string[];
}) {
  const { dimension: d, answer: a, errorsAt } = props;
  const base = `ratings.${d.id}`;
  const ratingErrors = [...errorsAt(`${base}.rating`), ...errorsAt(`${base}.dimensionId`), ...errorsAt(base)];
  const ratingErrorId = `rating-${d.id}-error`;
  const dimensionSignals = [
    ...(d.signals?.strong ?? []).map((text) => ({ dimensionId: d.id, kind: 'strong' as const, text })),
    ...(d.signals?.weak ?? []).map((text) => ({ dimensionId: d.id, kind: 'weak' as const, text })),
  ];
  return (
    <section className="scorecard-dimension" aria-labelledby={`dim-${d.id}-title`} data-testid="scorecard-dimension" data-dimension={d.name}>
      <h3 id={`dim-${d.id}-title`}>
        {props.position}. {d.name}
      </h3>
      {!a.notAssessed ? (
        <>
          <RatingChoice
            name={`rating-${d.id}`}
            legend={`Rating for ${d.name}`}
            rubric={d.rubric}
            levels={props.levels}
            value={a.rating}
            onChange={(rating) => props.onAnswer({ rating })}

            invalid={ratingErrors.length > 0}
            describedBy={ratingErrors.length ? ratingErrorId : undefined}
          />
          <FieldError id={ratingErrorId} messages={ratingErrors} />
          <Field
            label={`Evidence for ${d.name}`}
            hint="What the candidate said or did — facts, not impressions."
            errors={errorsAt(`${base}.evidence`)}
          >
            {(p) => (
              <textarea {...p} rows={4} name={`evidence-${d.id}`} value={a.evidence} onChange={(e) => props.onAnswer({ evidence: e.target.value })} />
            )}
          </Field>
        </>
      ) : (
        <Field label={`Why was ${d.name} not assessed?`} errors={errorsAt(`${base}.notAssessedReason`)}>
          {(p) => (
            <input
              {...p}
              name={`reason-${d.id}`}
              value={a.notAssessedReason}
              onChange={(e) => props.onAnswer({ notAssessedReason: e.target.value })}
            />
          )}
        </Field>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={a.notAssessed}

          onChange={(e) => props.onAnswer(e.target.checked ? { notAssessed: true, rating: null } : { notAssessed: false, notAssessedReason: '' })}
        />{' '}
        I could not assess {d.name}
      </label>
      {dimensionSignals.length > 0 ? (
        <fieldset className="checks checks--signals">
          <legend>Signals you saw</legend>
          {dimensionSignals.map((s) => {
            const key = signalKey(s);
            return (
              <label key={key} className={`check check--${s.kind}`}>
                <input type="checkbox" checked={props.signals.includes(key)} onChange={() => props.onSignals(toggle(props.signals, key))} />{' '}
                <span className={`signal signal--${s.kind}`}>{s.kind === 'strong' ? '+' : '−'}</span> {s.text}
              </label>
            );
          })}
        </fieldset>
      ) : null}
    </section>
  );
}
