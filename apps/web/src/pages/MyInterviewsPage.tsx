import { Link } from 'react-router-dom';
import { get } from '../api/client';
import type { MyInterview, MyInterviews } from '../api/types';
import { Empty, Loading, ProblemBanner } from '../components/ProblemBanner';
import { useResource } from '../lib/hooks';
import { formatDateTime, humanize } from '../lib/labels';
import { candidateNameOf, roleTitleOf, roundNameOf } from '../lib/names';

/** The interviewer's own interviews: what is coming up and what still needs feedback. Refreshes every 30 s. */
export function MyInterviewsPage() {
  const mine = useResource((signal) => get<MyInterviews>('/me/interviews', undefined, signal), [], 30000);
  return (
    <section className="page">
      <h1>My interviews</h1>
      <ProblemBanner error={mine.error} />
      {!mine.data ? (
        mine.error ? null : <Loading />
      ) : (
        <div className="columns columns--even">
          <InterviewList title="Awaiting your feedback" testId="awaiting-feedback" items={mine.data.awaitingFeedback ?? []} empty="Nothing waiting for feedback. Thank you!" action="Write feedback" />
          <InterviewList title="Upcoming" testId="upcoming" items={mine.data.upcoming ?? []} empty="No upcoming interviews." action="Prepare" />
        </div>
      )}
    </section>
  );
}

function InterviewList(props: { title: string; testId: string; items: MyInterview[]; empty: string; action: string }) {
  const headingId = `${props.testId}-title`;
  return (
    <section aria-labelledby={headingId} data-testid={props.testId}>
      <h2 id={headingId}>
        {props.title} <span className="count">{props.items.length}</span>
      </h2>
      {props.items.length === 0 ? <Empty>{props.empty}</Empty> : null}
      <ul className="cards">
        {props.items.map((i) => (
          <li key={i.id} className="card card--compact">
            <p>
              <strong>{candidateNameOf(i)}</strong> · {roleTitleOf(i)}
            </p>
            <p className="muted small">
              {roundNameOf(i)} · {formatDateTime(i.startsAt)}
              {i.scorecardStatus && i.scorecardStatus !== 'none' ? ` · scorecard ${humanize(i.scorecardStatus)}` : ''}
            </p>
            <Link className="button button--small" to={`/interviews/${i.id}`} aria-label={`${props.action}: ${candidateNameOf(i)}, ${roundNameOf(i)}`}>
              {props.action}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
