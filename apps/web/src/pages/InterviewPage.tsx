import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useApiQuery, useInvalidate } from '../api/queries';
import type { InterviewKit, Scorecard } from '../api/types';
import { Loading, ProblemBanner } from '../components/ProblemBanner';
import { formatDateTime } from '../lib/labels';
import { levelsOf } from '../lib/ratingScale';
import { usePageTitle } from '../lib/title';
import { interviewKeys, loadKit } from './interview/interview-api';
import { KitPanel } from './interview/KitPanel';
import { PanelFeedback } from './interview/PanelFeedback';
import { ScorecardForm } from './interview/ScorecardForm';
import { SubmittedScorecard } from './interview/SubmittedScorecard';

/** The interview kit beside the scorecard form. The panel's feedback shows only once this scorecard is submitted. */
export function InterviewPage() {
  const { interviewId = '' } = useParams();
  const kit = useApiQuery(interviewKeys.kit(interviewId), (signal) => loadKit(interviewId, signal));
  const invalidate = useInvalidate();
  const queryClient = useQueryClient();
  usePageTitle(kit.data ? `Interview: ${kit.data.candidate.name}, ${kit.data.round.name}` : 'Interview');
  if (!kit.data) {
    return (
      <section className="page">
        <ProblemBanner error={kit.error} />
        {kit.error ? null : <Loading />}
      </section>
    );
  }
  const onSubmitted = (scorecard: Scorecard) => {
    kit.setData({ ...kit.data!, myScorecard: scorecard });
    // The lists that show this interview (awaiting → completed) and its reminders are stale now. My interviews' cached
    // lists are dropped, not just marked stale: shown again while refetching, they would still say "awaiting".
    queryClient.removeQueries({ queryKey: interviewKeys.mine });
    void invalidate(interviewKeys.completed, interviewKeys.notifications, interviewKeys.panel(kit.data!.interview.applicationId));
  };
  return <InterviewWorkspace key={interviewId} kit={kit.data} onSubmitted={onSubmitted} />;
}

function InterviewWorkspace(props: { kit: InterviewKit; onSubmitted: (scorecard: Scorecard) => void }) {
  const { kit } = props;
  const interview = kit.interview;
  const [amending, setAmending] = useState(false);
  const submitted = kit.myScorecard?.status === 'submitted';
  return (
    <section className="page interview-page">
      <p className="breadcrumbs">
        <Link to="/interviews">My interviews</Link> ›
      </p>
      <header className="page-header">
        <div>
          <h1>
            {kit.candidate.name} · {kit.round.name}
          </h1>
          <p className="muted">
            {kit.role.title}
            {kit.role.level ? ` (${kit.role.level})` : ''} · {formatDateTime(interview.startsAt)} · {kit.round.durationMinutes} min · loop version{' '}
            {kit.loopVersion.number}
          </p>
        </div>
      </header>
      <div className="kit-layout">
        <KitPanel kit={kit} />
        <div className="stack">
          {submitted && !amending ? (
            <SubmittedScorecard kit={kit} scorecard={kit.myScorecard!} onAmend={() => setAmending(true)} />
          ) : (
            <ScorecardForm
              kit={kit}
              amending={amending}
              onCancelAmend={() => setAmending(false)}
              onSubmitted={(scorecard) => {
                setAmending(false);
                props.onSubmitted(scorecard);
              }}
            />
          )}
          <PanelFeedback
            applicationId={interview.applicationId}
            roleId={kit.role.id}
            unlocked={submitted}
            dimensions={kit.focusDimensions}
            levels={levelsOf(kit)}
          />
        </div>
      </div>
    </section>
  );
}
