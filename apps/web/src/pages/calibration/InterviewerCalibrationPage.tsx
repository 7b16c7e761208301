import { Link, useParams } from 'react-router-dom';
import { get } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import type { InterviewerCalibration } from '../../api/types';
import { DistributionChart } from '../../components/Charts';
import { Loading, ProblemBanner } from '../../components/ProblemBanner';
import { leniencyWords, meanRating, MIN_COUNT, NOT_ENOUGH_DATA, ratePercent, ratingLevelsOf, sharesOf } from '../../lib/distribution';
import { formatDateTime, formatNumber, formatSigned } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { OutcomeValidityCard } from './OutcomeValidityCard';
import { RatingHabitsCard } from './RatingHabitsCard';

export function InterviewerCalibrationPage() {
  const { memberId = '' } = useParams();
  const cal = useApiQuery<InterviewerCalibration>(
    ['calibration', 'interviewer', memberId],
    (signal) => get<InterviewerCalibration>(`/interviewers/${memberId}/calibration`, undefined, signal),
    {
      refetchInterval: 30_000,
    },
  );
  const c = cal.data;
  usePageTitle(c ? `Calibration: ${c.name || 'Interviewer'}` : 'Calibration');
  if (!c) {
    return (
      <section className="page">
        <h1>Calibration</h1>
        <ProblemBanner error={cal.error} />
        {cal.error ? null : <Loading />}
      </section>
    );
  }
  const name = c.name || 'Interviewer';
  const levels = ratingLevelsOf(c.ratingDistribution, c.organizationDistribution);
  const mine = sharesOf(c.ratingDistribution, c.ratingDistributionSuppressed, levels);
  const org = sharesOf(c.organizationDistribution, c.organizationDistributionSuppressed, levels);
  const matchPercent = c.recommendations ? ratePercent(c.recommendations.matchRate, c.recommendations.total) : null;
  return (
    <section className="page" data-testid="interviewer-calibration">
      <p className="breadcrumbs">
        <Link to="/calibration">Calibration</Link> ›
      </p>
      <h1>Calibration: {name}</h1>
      <div className="columns columns--even">
        <section className="card" aria-labelledby="leniency-title">
          <h2 id="leniency-title">Leniency offset</h2>
          <p className="big-number" data-testid="leniency-offset">
            {c.n < MIN_COUNT ? '—' : formatSigned(c.offset)}
          </p>
          <p>{leniencyWords(c.offset, c.n)}</p>
          <p className="small muted">
            Based on {c.n} co-rated rating{c.n === 1 ? '' : 's'}
            {c.computedAt ? ` · computed ${formatDateTime(c.computedAt)}` : ' · not computed yet (the nightly job computes it)'}. Debriefs subtract
            this offset from {name}'s ratings.
          </p>
          {c.recommendations ? (
            <p className="small">
              Recommendations that matched the final decision:{' '}
              {c.recommendations.total === 0
                ? 'no decided applications yet'
                : matchPercent === null
                  ? `${NOT_ENOUGH_DATA.toLowerCase()} (${c.recommendations.matchedDecision} of ${c.recommendations.total})`
                  : `${matchPercent}% (${c.recommendations.matchedDecision} of ${c.recommendations.total})`}
            </p>
          ) : null}
        </section>
        <section className="card" aria-labelledby="dist-title">
          <h2 id="dist-title">Rating distribution</h2>
          <DistributionChart mine={mine} theirs={org} levels={levels} mineLabel={name} theirsLabel="organization" />
          <ul className="legend">
            <li>
              <span className="legend__swatch legend__swatch--mine" aria-hidden="true" /> {name} ({c.ratingCount} rating
              {c.ratingCount === 1 ? '' : 's'}
              {mine ? `, mean ${formatNumber(meanRating(mine))}` : ` · ${NOT_ENOUGH_DATA.toLowerCase()}`})
            </li>
            <li>
              <span className="legend__swatch legend__swatch--org" aria-hidden="true" /> Organization ({c.organizationRatingCount} rating
              {c.organizationRatingCount === 1 ? '' : 's'}
              {org ? `, mean ${formatNumber(meanRating(org))}` : ` · ${NOT_ENOUGH_DATA.toLowerCase()}`})
            </li>
          </ul>
          {!mine || !org ? (
            <p className="small muted">Shares are shown from {MIN_COUNT} ratings on, so that no one's single rating can be read off the chart.</p>
          ) : null}
        </section>
      </div>
      {c.outcomeValidity ? <OutcomeValidityCard validity={c.outcomeValidity} /> : null}
      {c.ratingHabits || c.anchoring ? <RatingHabitsCard name={name} habits={c.ratingHabits} anchoring={c.anchoring} /> : null}
    </section>
  );
}
