import { useState } from 'react';
import { Link } from 'react-router-dom';
import { post } from '../../api/client';
import type { NudgeResult } from '../../api/daily-work-types';
import { useAction } from '../../lib/hooks';
import type { Debrief } from '../../api/types';
import { formatDateTime, formatSigned } from '../../lib/labels';
import { ScrollRegion } from '../../components/ScrollRegion';

/** Split panel, large disagreements and red flags, each with people's names. */
export function Callouts(props: { debrief: Debrief }) {
  const d = props.debrief;
  const split = d.report!.splitPanel;
  return (
    <div className="stack callouts">
      {split ? (
        <div className="callout callout--split" role="note" data-testid="split-panel">
          <strong>Split panel.</strong> Interviewers' recommendations point in opposite directions — discuss before deciding.
        </div>
      ) : null}
      {d.disagreements.length > 0 ? (
        <div className="callout callout--disagreement" role="note" data-testid="disagreements">
          <strong>Disagreement</strong> on {d.disagreements.length === 1 ? 'one dimension' : `${d.disagreements.length} dimensions`} (ratings 2+
          points apart):
          <ul>
            {d.disagreements.map((x) => (
              <li key={x.dimensionId}>
                {x.name}: {x.ratings.map((r) => `${r.interviewer.name} ${r.rating}`).join(', ')}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {d.redFlags.length > 0 ? (
        <div className="callout callout--red-flag" role="note" data-testid="red-flags">
          <strong>⚑ Red flags raised</strong>
          <ul>
            {d.redFlags.map((f, i) => (
              <li key={i}>
                {f.flag} — {f.interviewer.name}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {!split && d.disagreements.length === 0 && d.redFlags.length === 0 ? (
        <div className="callout callout--calm" role="note">
          No split panel, no large disagreement and no red flags.
        </div>
      ) : null}
    </div>
  );
}

export function InterviewerOffsets(props: { debrief: Debrief }) {
  const d = props.debrief;
  const report = d.report!;
  if (!report.interviewers?.length) return null;
  const nameOf = (id: string) => d.interviewerNames?.[id] ?? d.scorecards.find((s) => s.interviewer.id === id)?.interviewer.name ?? 'Interviewer';
  return (
    <section className="card" aria-labelledby="offsets-title">
      <h2 id="offsets-title">Leniency correction</h2>
      <p className="small muted">
        Each interviewer's historical tendency to rate higher (+) or lower (−) than co-panelists, subtracted from their ratings.
      </p>
      <ScrollRegion label="Panel ratings table">
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">Interviewer</th>
              <th scope="col" className="num">
                Offset
              </th>
              <th scope="col" className="num">
                Based on
              </th>
              <th scope="col">Calibration</th>
            </tr>
          </thead>
          <tbody>
            {report.interviewers.map((i) => (
              <tr key={i.interviewerId}>
                <td>{nameOf(i.interviewerId)}</td>
                <td className="num">{formatSigned(i.offsetApplied ?? i.offset)}</td>
                <td className="num">{i.n ?? 0} ratings</td>
                <td>
                  <Link to={`/calibration/interviewers/${i.interviewerId}`}>See calibration</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

export function AwaitingFeedback(props: { debrief: Debrief; canNudge: boolean }) {
  const list = props.debrief.awaitingFeedback;
  // The time the page opened: an interview that ends while it stays open shows as ended on the next visit.
  const [now] = useState(Date.now);
  if (!list.length) return null;
  return (
    <section className="card" aria-labelledby="awaiting-title" data-testid="debrief-awaiting">
      <h2 id="awaiting-title">Still waiting for feedback</h2>
      <ul className="plain stack--tight">
        {list.map((a) => {
          const ended = new Date(a.endsAt).getTime() <= now;
          return (
            <li key={`${a.interviewId}-${a.interviewer.id}`} className="waiting-row" data-testid="waiting-row">
              <span>
                {a.interviewer.name} · {a.round.name} ·{' '}
                {a.scorecardStatus === 'draft' ? 'draft started' : a.scorecardStatus === 'withdrawn' ? 'withdrawn' : 'not started'} (
                {ended ? 'ended' : 'ends'} {formatDateTime(a.endsAt)})
              </span>
              {props.canNudge && ended ? (
                <NudgeButton interviewId={a.interviewId} interviewerId={a.interviewer.id} name={a.interviewer.name} />
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Asks the interviewer for their scorecard (inbox + email); the API allows one nudge per interviewer every 12 hours and says so in words. */
function NudgeButton(props: { interviewId: string; interviewerId: string; name: string }) {
  const [done, setDone] = useState<NudgeResult | null>(null);
  const action = useAction(() => post<NudgeResult>(`/interviews/${props.interviewId}/nudges`, { interviewerId: props.interviewerId }));
  const onClick = async () => {
    const res = await action.run();
    if (res) setDone(res);
  };
  if (done) {
    return (
      <span className="small notice" role="status" data-testid="nudge-sent">
        Asked {done.interviewerName} for feedback.
      </span>
    );
  }
  return (
    <span className="nudge">
      <button
        type="button"
        className="button button--small"
        onClick={() => void onClick()}
        disabled={action.pending}
        aria-label={`Nudge ${props.name} for feedback`}
      >
        Nudge
      </button>
      {action.error ? (
        <span className="small field-error" role="alert" data-testid="nudge-error">
          {action.error.message}
        </span>
      ) : null}
    </span>
  );
}
