import { Link, useNavigate, useParams } from 'react-router-dom';
import { get, listAll } from '../api/client';
import type { InterviewerCalibration, Member, RoleCalibration, RoleSummary } from '../api/types';
import { DistributionChart, ReliabilityBar, ScoreHistogram } from '../components/Charts';
import { Empty, Loading, ProblemBanner } from '../components/ProblemBanner';
import { judgedReliability, leniencyWords, meanRating, MIN_COUNT, NOT_ENOUGH_DATA, ratePercent, ratingLevelsOf, reliabilityWords, scoreDistributionView, sharesOf } from '../lib/distribution';
import { useResource } from '../lib/hooks';
import { formatDateTime, formatNumber, formatSigned } from '../lib/labels';
import { RatingHabitsCard } from './calibration/RatingHabitsCard';

/** Pick an interviewer or a role to see its calibration. */
export function CalibrationPage() {
  const navigate = useNavigate();
  const interviewers = useResource(() => listAll<Member>('/members', { role: 'interviewer' }), []);
  const roles = useResource(() => listAll<RoleSummary>('/roles'), []);
  return (
    <section className="page">
      <h1>Calibration</h1>
      <p className="muted">How each interviewer rates compared with the organization, and how reliably a role's panel agrees on each dimension.</p>
      <div className="columns columns--even">
        <section className="card" aria-labelledby="cal-interviewers">
          <h2 id="cal-interviewers">Interviewers</h2>
          <ProblemBanner error={interviewers.error} />
          {!interviewers.data ? <Loading /> : interviewers.data.length === 0 ? <Empty>No interviewers yet.</Empty> : null}
          <ul className="plain link-list">
            {(interviewers.data ?? []).map((m) => (
              <li key={m.id}>
                <Link to={`/calibration/interviewers/${m.id}`}>{m.name}</Link>
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="cal-roles">
          <h2 id="cal-roles">Roles</h2>
          <ProblemBanner error={roles.error} />
          <label className="field">
            <span>Role</span>
            <select defaultValue="" onChange={(e) => e.target.value && navigate(`/calibration/roles/${e.target.value}`)}>
              <option value="">Choose a role…</option>
              {(roles.data ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title}
                </option>
              ))}
            </select>
          </label>
        </section>
      </div>
    </section>
  );
}

export function InterviewerCalibrationPage() {
  const { memberId = '' } = useParams();
  const cal = useResource((signal) => get<InterviewerCalibration>(`/interviewers/${memberId}/calibration`, undefined, signal), [memberId], 30000);
  const c = cal.data;
  if (!c) {
    return (
      <section className="page">
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
            {formatSigned(c.offset)}
          </p>
          <p>{leniencyWords(c.offset, c.n)}</p>
          <p className="small muted">
            Based on {c.n} co-rated rating{c.n === 1 ? '' : 's'}
            {c.computedAt ? ` · computed ${formatDateTime(c.computedAt)}` : ' · not computed yet (the nightly job computes it)'}. Debriefs subtract this offset from{' '}
            {name}'s ratings.
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
              <span className="legend__swatch legend__swatch--mine" aria-hidden="true" /> {name} ({c.ratingCount} rating{c.ratingCount === 1 ? '' : 's'}
              {mine ? `, mean ${formatNumber(meanRating(mine))}` : ` · ${NOT_ENOUGH_DATA.toLowerCase()}`})
            </li>
            <li>
              <span className="legend__swatch legend__swatch--org" aria-hidden="true" /> Organization ({c.organizationRatingCount} rating{c.organizationRatingCount === 1 ? '' : 's'}
              {org ? `, mean ${formatNumber(meanRating(org))}` : ` · ${NOT_ENOUGH_DATA.toLowerCase()}`})
            </li>
          </ul>
          {!mine || !org ? <p className="small muted">Shares are shown from {MIN_COUNT} ratings on, so that no one's single rating can be read off the chart.</p> : null}
        </section>
      </div>
      {c.ratingHabits || c.anchoring ? <RatingHabitsCard name={name} habits={c.ratingHabits} anchoring={c.anchoring} /> : null}
    </section>
  );
}

export function RoleCalibrationPage() {
  const { roleId = '' } = useParams();
  const cal = useResource((signal) => get<RoleCalibration>(`/roles/${roleId}/calibration`, undefined, signal), [roleId], 30000);
  const c = cal.data;
  if (!c) {
    return (
      <section className="page">
        <ProblemBanner error={cal.error} />
        {cal.error ? null : <Loading />}
      </section>
    );
  }
  const dist = scoreDistributionView(c.scoreDistribution);
  const followPercent = ratePercent(c.decisions.followRate, c.decisions.followedRecommendation + c.decisions.overrides);
  return (
    <section className="page" data-testid="role-calibration">
      <p className="breadcrumbs">
        <Link to="/calibration">Calibration</Link> › <Link to={`/roles/${c.roleId}`}>{c.title}</Link>
      </p>
      <h1>Reliability: {c.title}</h1>
      <p className="muted">
        Krippendorff's alpha per dimension: how consistently different interviewers rate the same candidate. 0.8 and above is reliable; below 0.667 the
        ratings say more about the interviewer than the candidate — sharpen that dimension's rubric anchors.
        {c.computedAt ? ` Computed ${formatDateTime(c.computedAt)}.` : ' Not computed yet (the nightly job computes it).'}
      </p>
      <section className="card">
        <h2>Reliability per dimension</h2>
        {c.dimensions.length === 0 ? <Empty>No dimensions.</Empty> : null}
        <table className="table" data-testid="reliability-table">
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col">Reliability</th>
              <th scope="col" className="num">Alpha</th>
              <th scope="col" className="num">Candidates</th>
              <th scope="col" className="num">Ratings</th>
            </tr>
          </thead>
          <tbody>
            {c.dimensions.map((d) => {
              const words = reliabilityWords(d.alpha, d);
              const alpha = judgedReliability(d.alpha, d);
              const label = d.name ?? 'Dimension';
              return (
                <tr key={d.dimensionId}>
                  <th scope="row">{label}</th>
                  <td>
                    <ReliabilityBar value={alpha} label={label} />{' '}
                    <span className={`badge badge--${words.tone === 'good' ? 'ok' : words.tone === 'ok' ? 'warn' : words.tone === 'poor' ? 'error' : 'none'}`}>{words.label}</span>
                  </td>
                  <td className="num">{formatNumber(alpha)}</td>
                  <td className="num">{d.nUnits}</td>
                  <td className="num">{d.nRatings}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <div className="columns columns--even">
        <section className="card">
          <h2>Weighted scores</h2>
          <ScoreHistogram buckets={dist.buckets} withheld={dist.withheld} />
          <p className="small muted">{dist.summary}</p>
        </section>
        <section className="card">
          <h2>Decisions that followed the report</h2>
          <p className="big-number">{followPercent === null ? '—' : `${followPercent}%`}</p>
          <p className="small">
            {followPercent === null
              ? `${NOT_ENOUGH_DATA}: the rate is shown from ${MIN_COUNT} decisions on a hire or no-hire report (${c.decisions.followedRecommendation} followed, ${c.decisions.overrides} overrode, ${c.decisions.total} decisions in all).`
              : `of decisions followed the report (${c.decisions.followedRecommendation} followed, ${c.decisions.overrides} overrode, ${c.decisions.total} decisions in all).`}
          </p>
        </section>
      </div>
    </section>
  );
}
