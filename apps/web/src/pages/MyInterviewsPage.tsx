import { Link } from 'react-router-dom';
import { useApiQuery } from '../api/queries';
import { apiClient, unwrap } from '../api/typed-client';
import type { MyInterview } from '../api/types';
import { usePagedList } from '../components/PagedList';
import { Empty, Loading, ProblemBanner } from '../components/ProblemBanner';
import { formatDateTime, humanize } from '../lib/labels';
import { candidateNameOf, roleTitleOf, roundNameOf } from '../lib/names';
import { usePageTitle } from '../lib/title';
import { interviewKeys } from './interview/interview-api';

/**
 * The interviewer's own interviews: what still needs feedback (with its due time), what is coming up (refreshed every
 * 30 s), and what is done: searched, counted and paged by the API.
 */
export function MyInterviewsPage() {
  usePageTitle('My interviews');
  const mine = useApiQuery(interviewKeys.mine, async (signal) => unwrap(await apiClient.GET('/v1/me/interviews', { signal })), {
    refetchInterval: 30000,
  });
  return (
    <section className="page">
      <h1>My interviews</h1>
      <ProblemBanner error={mine.error} />
      {!mine.data ? (
        mine.error ? null : (
          <Loading />
        )
      ) : (
        <>
          <div className="columns columns--even">
            <InterviewList
              title="Awaiting your feedback"
              testId="awaiting-feedback"
              items={mine.data.awaitingFeedback ?? []}
              empty="Nothing waiting for feedback. Thank you!"
              kind="awaiting"
            />
            <InterviewList title="Upcoming" testId="upcoming" items={mine.data.upcoming ?? []} empty="No upcoming interviews." kind="upcoming" />
          </div>
        </>
      )}
      <CompletedInterviews />
    </section>
  );
}

/** Interviews with the viewer's submitted scorecard, to amend it or read the panel; most recently submitted first. */
function CompletedInterviews() {
  const list = usePagedList<MyInterview>(interviewKeys.completed[1], {
    noun: 'completed interviews',
    label: 'Search completed interviews by candidate or role',
    testId: 'completed',
    pageSize: 10,
  });
  const data = list.resource.data;
  return (
    <section aria-labelledby="completed-title" data-testid="completed">
      <h2 id="completed-title">Completed {data?.total !== undefined ? <span className="count">{data.total}</span> : null}</h2>
      {list.controls}
      {!data ? (
        list.resource.error ? null : (
          <Loading />
        )
      ) : data.items.length === 0 ? (
        <Empty>{list.search ? 'No completed interview matches.' : 'No submitted scorecards yet.'}</Empty>
      ) : (
        <InterviewCards items={data.items} kind="completed" />
      )}
    </section>
  );
}

function InterviewList(props: { title: string; testId: string; items: MyInterview[]; empty: string; kind: 'awaiting' | 'upcoming' }) {
  const headingId = `${props.testId}-title`;
  return (
    <section aria-labelledby={headingId} data-testid={props.testId}>
      <h2 id={headingId}>
        {props.title} <span className="count">{props.items.length}</span>
      </h2>
      {props.items.length === 0 ? <Empty>{props.empty}</Empty> : null}
      <InterviewCards items={props.items} kind={props.kind} />
    </section>
  );
}

function InterviewCards(props: { items: MyInterview[]; kind: 'awaiting' | 'upcoming' | 'completed' }) {
  return (
    <ul className="cards">
      {props.items.map((i) => {
        const who = `${candidateNameOf(i)}, ${roundNameOf(i)}`;
        return (
          <li
            key={i.id}
            className={`card card--compact${props.kind === 'awaiting' && i.feedbackOverdue ? ' card--overdue' : ''}`}
            data-testid="my-interview"
          >
            <p>
              <strong>{candidateNameOf(i)}</strong> · {roleTitleOf(i)}
              {props.kind === 'awaiting' && i.feedbackOverdue ? (
                <span className="badge badge--overdue" data-testid="overdue">
                  Overdue
                </span>
              ) : null}
            </p>
            <p className="muted small">
              {roundNameOf(i)} · {formatDateTime(i.startsAt)} <TimeZone />
              {props.kind === 'awaiting' && i.scorecardStatus && i.scorecardStatus !== 'none' ? ` · scorecard ${humanize(i.scorecardStatus)}` : ''}
            </p>
            {props.kind === 'awaiting' && i.feedbackDueAt ? (
              <p className={`small${i.feedbackOverdue ? ' text--overdue' : ''}`} data-testid="feedback-due">
                {i.feedbackOverdue ? 'Was due' : 'Due'} {formatDateTime(i.feedbackDueAt)}
              </p>
            ) : null}
            {props.kind === 'completed' && i.scorecardSubmittedAt ? (
              <p className="small muted">Submitted {formatDateTime(i.scorecardSubmittedAt)}</p>
            ) : null}
            {props.kind === 'awaiting' ? (
              <Link className="button button--small" to={`/interviews/${i.id}`} aria-label={`Write feedback: ${who}`}>
                Write feedback
              </Link>
            ) : props.kind === 'upcoming' ? (
              <Link className="button button--small" to={`/interviews/${i.id}`} aria-label={`Prepare: ${who}`}>
                Prepare
              </Link>
            ) : (
              <Link className="button button--small" to={`/interviews/${i.id}`} aria-label={`Amend or read the panel: ${who}`}>
                Amend or read the panel
              </Link>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The viewer's time zone next to times, so a shared link read elsewhere is not misread. */
export function TimeZone() {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return <span className="muted small">({zone})</span>;
}
