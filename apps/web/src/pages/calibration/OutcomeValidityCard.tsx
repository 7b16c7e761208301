import type { InterviewerOutcomeValidity } from '../../api/quality-of-hire-types';
import { formatR, outcomeValidityWords } from '../../lib/validity';

/** Fewest hires an interviewer's correlation with outcomes rests on when the API does not say (its default). */
const DEFAULT_MIN_N = 30;

/** How well this interviewer's (leniency-adjusted) ratings went with the hires' outcomes, shrunk toward the organization's. */
export function OutcomeValidityCard(props: { validity: InterviewerOutcomeValidity }) {
  const v = props.validity;
  const estimated = v.status === 'estimated' && v.shrunk !== null;
  return (
    <section className="card" aria-labelledby="outcome-validity-title" data-testid="outcome-validity">
      <h2 id="outcome-validity-title">Ratings and outcomes after hire</h2>
      {estimated ? <p className="big-number">{formatR(v.shrunk)}</p> : null}
      <p>{outcomeValidityWords(v, DEFAULT_MIN_N)}</p>
      <p className="small muted">
        Few hires make a raw correlation swing widely; the figure is pulled toward the organization's in proportion, so that a handful of hires cannot
        mark an interviewer out.
      </p>
    </section>
  );
}
