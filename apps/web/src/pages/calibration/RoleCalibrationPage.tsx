import { Link, useParams } from 'react-router-dom';
import { get } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import type { RoleCalibration } from '../../api/types';
import { ScoreHistogram } from '../../components/Charts';
import { Loading, ProblemBanner } from '../../components/ProblemBanner';
import { MIN_CANDIDATES, MIN_COUNT, NOT_ENOUGH_DATA, ratePercent, scoreDistributionView } from '../../lib/distribution';
import { formatDateTime } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { ReliabilityTable } from './ReliabilityTable';

export function RoleCalibrationPage() {
  const { roleId = '' } = useParams();
  const cal = useApiQuery<RoleCalibration>(
    ['calibration', 'role', roleId],
    (signal) => get<RoleCalibration>(`/roles/${roleId}/calibration`, undefined, signal),
    {
      refetchInterval: 30_000,
    },
  );
  const c = cal.data;
  usePageTitle(c ? `Reliability: ${c.title}` : 'Reliability');
  if (!c) {
    return (
      <section className="page">
        <h1>Reliability</h1>
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
        Krippendorff's alpha per dimension: how consistently different interviewers rate the same candidate. 0.8 and above is reliable; below 0.667
        the ratings say more about the interviewer than the candidate — sharpen that dimension's rubric anchors. A dimension is judged from{' '}
        {MIN_CANDIDATES} candidates rated by two interviewers or more; before that alpha swings on a single rating.
        {c.computedAt ? ` Computed ${formatDateTime(c.computedAt)}.` : ' Not computed yet (the nightly job computes it).'}
      </p>
      <section className="card" aria-labelledby="reliability-title">
        <h2 id="reliability-title">Reliability per dimension</h2>
        <ReliabilityTable dimensions={c.dimensions} />
      </section>
      <div className="columns columns--even">
        <section className="card" aria-labelledby="scores-title">
          <h2 id="scores-title">Weighted scores</h2>
          <ScoreHistogram buckets={dist.buckets} withheld={dist.withheld} />
          <p className="small muted">{dist.summary}</p>
        </section>
        <section className="card" aria-labelledby="follow-title">
          <h2 id="follow-title">Decisions that followed the report</h2>
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
