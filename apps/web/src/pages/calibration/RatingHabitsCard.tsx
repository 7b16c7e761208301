import { Link } from 'react-router-dom';
import type { Anchoring, HabitFigure, RatingHabits } from '../../api/types';
import { habitWords } from '../../lib/fairness';
import { formatDateTime, formatNumber } from '../../lib/labels';

/**
 * Rating habits that make a panel less independent (issue 16): halo and straight-lining against the organization,
 * and amendments made after reading the panel's feedback (anchoring) with the rating change.
 */
export function RatingHabitsCard(props: { name: string; habits?: RatingHabits; anchoring?: Anchoring }) {
  const { habits, anchoring } = props;
  return (
    <section className="card" aria-labelledby="habits-title" data-testid="rating-habits">
      <h2 id="habits-title">Independence of ratings</h2>
      {habits ? (
        <>
          <p className="small muted">
            On {habits.scorecards} scorecard{habits.scorecards === 1 ? '' : 's'} with two or more ratings; flagged from {habits.minScorecardsToFlag}{' '}
            scorecards on, when above the organization's 95th percentile.
          </p>
          <dl className="figures">
            <Figure
              title="Halo"
              help="Mean correlation between dimensions across the scorecards: near 1 when one overall impression is copied onto every dimension."
              figure={habits.halo}
              text={formatNumber(habits.halo.value)}
              words={habitWords(habits.halo, habits.scorecards, habits.minScorecardsToFlag)}
              testId="halo"
            />
            <Figure
              title="Straight-lining"
              help="Share of scorecards with every rating equal."
              figure={habits.straightLining}
              text={habits.straightLining.value === null ? '—' : `${Math.round(habits.straightLining.value * 100)} %`}
              words={habitWords(habits.straightLining, habits.scorecards, habits.minScorecardsToFlag)}
              testId="straight-lining"
            />
          </dl>
        </>
      ) : null}
      {anchoring ? (
        <>
          <h3>Amendments after reading the panel</h3>
          <p className="small">
            {anchoring.afterViewingPanel} of {anchoring.amendments} amendment{anchoring.amendments === 1 ? '' : 's'} made after {props.name} had read
            the panel's feedback (a change made after seeing co-panelists' ratings is not independent evidence).
          </p>
          {anchoring.items.length > 0 ? (
            <ul className="plain" data-testid="anchoring">
              {anchoring.items.map((a) => (
                <li key={`${a.scorecardId}:${a.revision}`} className="amendment amendment--after-panel">
                  <Link to={`/applications/${a.applicationId}/debrief`}>{formatDateTime(a.amendedAt)}</Link>:{' '}
                  {a.changes.length === 0
                    ? 'no rating changed'
                    : a.changes.map((c) => `${c.dimensionName} ${c.before ?? 'not assessed'} → ${c.after ?? 'not assessed'}`).join('; ')}
                  {a.recommendationBefore !== a.recommendationAfter
                    ? ` · recommendation ${a.recommendationBefore ?? '—'} → ${a.recommendationAfter ?? '—'}`
                    : ''}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function Figure(props: { title: string; help: string; figure: HabitFigure; text: string; words: string; testId: string }) {
  return (
    <div data-testid={props.testId}>
      <dt title={props.help}>
        {props.title}
        {props.figure.flagged ? <span className="badge badge--warn">flagged</span> : null}
      </dt>
      <dd>
        <span className="big-number">{props.text}</span>
        <span className="small"> {props.words}</span>
      </dd>
    </div>
  );
}
