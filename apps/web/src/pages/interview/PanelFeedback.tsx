import { useApiQuery } from '../../api/queries';
import type { KitDimension, ScaleLevel } from '../../api/types';
import { useAuth } from '../../auth';
import { Loading, ProblemBanner } from '../../components/ProblemBanner';
import { ScorecardView } from '../../components/ScorecardView';
import { toViewScorecard } from '../../lib/scorecardView';
import { interviewKeys, loadPanelScorecards, loadRoleOrNull } from './interview-api';

/**
 * The rest of the panel's scorecards for this application. Blind until this interviewer has submitted: the API
 * answers 403 feedback_blind, and the page says so instead of showing anything. Ratings of dimensions outside this
 * round keep their names (from the API, or from the role when the reader may read it).
 */
export function PanelFeedback(props: { applicationId: string; roleId: string; unlocked: boolean; dimensions: KitDimension[]; levels: ScaleLevel[] }) {
  const { me, hasRole } = useAuth();
  const myId = me?.membership.memberId;
  const mayReadRole = hasRole('admin', 'recruiter', 'hiring_manager');
  const feedback = useApiQuery(
    interviewKeys.panel(props.applicationId),
    async (signal) => {
      const [page, role] = await Promise.all([
        loadPanelScorecards(props.applicationId, signal),
        mayReadRole ? loadRoleOrNull(props.roleId, signal) : Promise.resolve(null),
      ]);
      const names: Record<string, string> = Object.fromEntries([...(role?.dimensions ?? []), ...props.dimensions].map((d) => [d.id, d.name]));
      return page.items.filter((sc) => sc.status === 'submitted' && sc.interviewerId !== myId).map((sc) => toViewScorecard(sc, names));
    },
    { enabled: props.unlocked, refetchInterval: props.unlocked ? 15000 : false },
  );
  return (
    <section className="card" aria-labelledby="panel-title" data-testid="panel-feedback">
      <h2 id="panel-title">Panel feedback</h2>
      {!props.unlocked || feedback.error?.code === 'feedback_blind' ? (
        <p className="blind" data-testid="feedback-blind">
          The panel's feedback appears here after you submit your own scorecard, so that nobody is anchored by anyone else's opinion.
        </p>
      ) : feedback.error ? (
        <ProblemBanner error={feedback.error} />
      ) : !feedback.data ? (
        <Loading />
      ) : feedback.data.length === 0 ? (
        <p className="muted">No other feedback yet.</p>
      ) : (
        feedback.data.map((sc) => <ScorecardView key={sc.id} scorecard={sc} showInterviewer levels={props.levels} />)
      )}
    </section>
  );
}
