import { get } from '../../api/client';
import type { KitDimension, Role, ScaleLevel, ScorecardPage } from '../../api/types';
import { useAuth } from '../../auth';
import { Loading, ProblemBanner } from '../../components/ProblemBanner';
import { ScorecardView } from '../../components/ScorecardView';
import { useResource } from '../../lib/hooks';
import { toViewScorecard } from '../../lib/scorecardView';

/**
 * The rest of the panel's scorecards for this application. Blind until this interviewer has submitted: the API
 * answers 403 feedback_blind, and the page says so instead of showing anything. Ratings of dimensions outside this
 * round keep their names (from the API, or from the role when the reader may read it).
 */
export function PanelFeedback(props: { applicationId: string; roleId: string; unlocked: boolean; dimensions: KitDimension[]; levels: ScaleLevel[] }) {
  const { me, hasRole } = useAuth();
  const myId = me?.membership.memberId;
  const mayReadRole = hasRole('admin', 'recruiter', 'hiring_manager');
  const feedback = useResource(
    async (signal) => {
      if (!props.unlocked) return null;
      const [res, role] = await Promise.all([
        get<ScorecardPage>(`/applications/${props.applicationId}/scorecards`, undefined, signal),
        mayReadRole ? get<Role>(`/roles/${props.roleId}`, undefined, signal).catch(() => null) : Promise.resolve(null),
      ]);
      const names: Record<string, string> = Object.fromEntries([...(role?.dimensions ?? []), ...props.dimensions].map((d) => [d.id, d.name]));
      return res.items.filter((sc) => sc.status === 'submitted' && sc.interviewerId !== myId).map((sc) => toViewScorecard(sc, names));
    },
    [props.applicationId, props.unlocked],
    props.unlocked ? 15000 : null,
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
