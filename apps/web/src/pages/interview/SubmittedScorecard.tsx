import type { InterviewKit, Scorecard } from '../../api/types';
import { ScorecardView } from '../../components/ScorecardView';
import { formatDateTime } from '../../lib/labels';
import { levelsOf } from '../../lib/ratingScale';
import { toViewScorecard } from '../../lib/scorecardView';

/** The interviewer's own submitted scorecard, read-only, with the way to amend it. */
export function SubmittedScorecard(props: { kit: InterviewKit; scorecard: Scorecard; onAmend: () => void }) {
  const { kit, scorecard } = props;
  const names = Object.fromEntries(kit.focusDimensions.map((d) => [d.id, d.name]));
  return (
    <section className="card" aria-labelledby="scorecard-title" data-testid="scorecard-submitted">
      <h2 id="scorecard-title">Your scorecard</h2>
      <p className="notice notice--ok" role="status">
        Submitted{scorecard.submittedAt ? ` ${formatDateTime(scorecard.submittedAt)}` : ''}. Thank you — the panel's feedback is below.
      </p>
      <ScorecardView scorecard={toViewScorecard(scorecard, names)} levels={levelsOf(kit)} dimensionNames={names} showInterviewer={false} />
      <button type="button" className="button button--ghost" onClick={props.onAmend}>
        Amend my scorecard
      </button>
    </section>
  );
}
