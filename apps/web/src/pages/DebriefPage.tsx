import { FormEvent, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { get, post } from '../api/client';
import type { Debrief, Decision, Role } from '../api/types';
import { DimensionChart, DimensionRow, Legend, ScoreChart } from '../components/Charts';
import { Field, FieldError } from '../components/Field';
import { Loading, ProblemBanner } from '../components/ProblemBanner';
import { ScorecardView } from '../components/ScorecardView';
import { HiringDecision, overrideExplanation, overrideReasonRequired } from '../lib/decision';
import { useAction, useResource } from '../lib/hooks';
import { DECISION_LABELS, formatDateTime, formatNumber, formatSigned, REPORT_RECOMMENDATION_LABELS } from '../lib/labels';

/** How often the debrief refreshes: quickly while the worker computes a new report, slowly otherwise. */
export const POLL_COMPUTING_MS = 2000;
export const POLL_IDLE_MS = 5000;

/**
 * The hiring manager's debrief: the calibrated report as a picture, the recommendation with its reasons, callouts
 * for a split panel and red flags, every scorecard's evidence, and the decision. Refreshes itself (no reload).
 */
export function DebriefPage() {
  const { applicationId = '' } = useParams();
  const [computing, setComputing] = useState(false);
  const debrief = useResource(
    async (signal) => {
      const d = await get<Debrief>(`/applications/${applicationId}/debrief`, undefined, signal);
      setComputing(d.status === 'computing');
      return d;
    },
    [applicationId],
    computing ? POLL_COMPUTING_MS : POLL_IDLE_MS,
  );
  const roleId = debrief.data?.application.role.id;
  const role = useResource((signal) => (roleId ? get<Role>(`/roles/${roleId}`, undefined, signal).catch(() => undefined) : Promise.resolve(undefined)), [roleId]);

  const d = debrief.data;
  if (!d) {
    return (
      <section className="page">
        <ProblemBanner error={debrief.error} />
        {debrief.error ? null : <Loading />}
      </section>
    );
  }
  const report = d.report;
  const bar = report?.policy?.bar ?? role.data?.hirePolicy?.bar ?? null;
  return (
    <section className="page debrief" data-testid="debrief" data-status={d.status}>
      <p className="breadcrumbs">
        <Link to="/debriefs">Debriefs</Link> › <Link to={`/applications/${d.application.id}`}>Application</Link> ›
      </p>
      <header className="page-header">
        <div>
          <h1>
            Debrief: {d.application.candidate.name} — {d.application.role.title}
          </h1>
          <p className="muted" aria-live="polite">
            <ReportStatus debrief={d} />
          </p>
        </div>
      </header>
      {debrief.error ? <ProblemBanner error={debrief.error} title="Could not refresh" /> : null}

      {report ? (
        <>
          <div className="debrief-top">
            <Recommendation debrief={d} />
            <Callouts debrief={d} />
          </div>
          <section className="card" aria-labelledby="score-title">
            <h2 id="score-title">Weighted score against the bar</h2>
            <ScoreChart score={report.score} rawScore={report.rawScore} low={report.interval?.low} high={report.interval?.high} level={report.interval?.level} bar={bar} />
            <p className="small muted">
              Weighted score {formatNumber(report.score)} (raw, before the leniency correction: {formatNumber(report.rawScore)}) · {Math.round((report.coverage ?? 0) * 100)}% of the
              loop's weight rated · {report.scorecardCount} scorecard{report.scorecardCount === 1 ? '' : 's'}
            </p>
          </section>
          <DimensionsCard debrief={d} />
          <InterviewerOffsets debrief={d} />
        </>
      ) : d.status === 'no_feedback' ? (
        <section className="card" data-testid="no-feedback">
          <h2>No feedback yet</h2>
          <p>The report appears here as soon as the first scorecard is submitted.</p>
        </section>
      ) : (
        <section className="card computing" data-testid="computing">
          <h2>
            <span className="spinner" aria-hidden="true" /> Computing the report…
          </h2>
          <p>The worker is calibrating the panel's scorecards. This page updates by itself.</p>
        </section>
      )}

      <AwaitingFeedback debrief={d} />

      <section aria-labelledby="scorecards-title" className="card">
        <h2 id="scorecards-title">Scorecards and evidence</h2>
        {d.scorecards.length === 0 ? <p className="muted">No submitted scorecards yet.</p> : null}
        {d.scorecards.map((sc) => (
          <ScorecardView key={sc.id} scorecard={sc} showInterviewer colourIndex={interviewerIndex(d, sc.interviewer.id)} />
        ))}
      </section>

      <DecisionCard debrief={d} onDecided={(decision) => debrief.setData({ ...d, decision, application: { ...d.application, decidedAt: decision.decidedAt } })} />
    </section>
  );
}

function interviewerIndex(d: Debrief, interviewerId: string): number {
  const ids = [...new Set(d.scorecards.map((s) => s.interviewer.id))];
  return Math.max(0, ids.indexOf(interviewerId));
}

function ReportStatus(props: { debrief: Debrief }) {
  const { status, report } = props.debrief;
  if (status === 'computing') {
    return (
      <span className="chip chip--computing" data-testid="report-status">
        <span className="spinner" aria-hidden="true" /> Still computing — new feedback is being included{report ? ` (showing version ${report.version})` : ''}
      </span>
    );
  }
  if (status === 'no_feedback') return <span className="chip" data-testid="report-status">No feedback submitted yet</span>;
  return (
    <span className="chip chip--current" data-testid="report-status">
      Report version {report?.version} · computed {formatDateTime(report?.computedAt)} · up to date
    </span>
  );
}

function Recommendation(props: { debrief: Debrief }) {
  const report = props.debrief.report!;
  return (
    <section className={`card recommendation recommendation--${report.recommendation}`} aria-labelledby="recommendation-title" data-testid="recommendation">
      <h2 id="recommendation-title">
        Recommendation: <span data-testid="recommendation-value">{REPORT_RECOMMENDATION_LABELS[report.recommendation] ?? report.recommendation}</span>
      </h2>
      <ul className="reasons">
        {report.reasons.map((r, i) => (
          <li key={i} className={`reason reason--${r.code}`}>
            {r.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Callouts(props: { debrief: Debrief }) {
  const d = props.debrief;
  const report = d.report!;
  const split = report.splitPanel;
  return (
    <div className="stack callouts">
      {split ? (
        <div className="callout callout--split" role="note" data-testid="split-panel">
          <strong>Split panel.</strong> Interviewers' recommendations point in opposite directions — discuss before deciding.
        </div>
      ) : null}
      {d.disagreements.length > 0 ? (
        <div className="callout callout--disagreement" role="note" data-testid="disagreements">
          <strong>Disagreement</strong> on {d.disagreements.length === 1 ? 'one dimension' : `${d.disagreements.length} dimensions`} (ratings 2+ points apart):
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

function DimensionsCard(props: { debrief: Debrief }) {
  const d = props.debrief;
  const report = d.report!;
  const interviewers = useMemo(() => {
    const seen = new Map<string, string>();
    for (const sc of d.scorecards) if (!seen.has(sc.interviewer.id)) seen.set(sc.interviewer.id, sc.interviewer.name);
    return [...seen.entries()].map(([id, name], i) => ({ id, name, colourIndex: i }));
  }, [d.scorecards]);
  const rows: DimensionRow[] = report.dimensions.map((dim) => ({
    id: dim.dimensionId,
    name: dim.name,
    weight: dim.weight,
    dots: d.scorecards.flatMap((sc) =>
      sc.ratings
        .filter((r) => r.dimensionId === dim.dimensionId && !r.notAssessed && r.rating !== null)
        .map((r) => ({ value: r.rating as number, colourIndex: interviewers.find((i) => i.id === sc.interviewer.id)?.colourIndex ?? 0, label: sc.interviewer.name })),
    ),
    adjustedMean: dim.adjustedMean,
    rawMean: dim.rawMean,
    min: dim.min,
    max: dim.max,
    flagged: Boolean(dim.disagreement),
  }));
  return (
    <section className="card" aria-labelledby="dimensions-chart-title">
      <h2 id="dimensions-chart-title">Ratings per dimension</h2>
      <Legend items={interviewers.map((i) => ({ label: i.name, colourIndex: i.colourIndex }))} />
      <DimensionChart rows={rows} />
      <table className="table table--compact">
        <caption className="sr-only">Per-dimension figures</caption>
        <thead>
          <tr>
            <th scope="col">Dimension</th>
            <th scope="col" className="num">Weight</th>
            <th scope="col" className="num">Raters</th>
            <th scope="col" className="num">Raw mean</th>
            <th scope="col" className="num">Adjusted mean</th>
            <th scope="col" className="num">Range</th>
          </tr>
        </thead>
        <tbody>
          {report.dimensions.map((dim) => (
            <tr key={dim.dimensionId} className={dim.disagreement ? 'row--flagged' : undefined}>
              <th scope="row">
                {dim.name}
                {dim.disagreement ? <span className="badge badge--warn">disagreement</span> : null}
              </th>
              <td className="num">{formatNumber(dim.weight, 1)}%</td>
              <td className="num">{dim.raters}</td>
              <td className="num">{formatNumber(dim.rawMean)}</td>
              <td className="num">{formatNumber(dim.adjustedMean)}</td>
              <td className="num">{dim.min !== null && dim.max !== null ? `${dim.min}–${dim.max}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function InterviewerOffsets(props: { debrief: Debrief }) {
  const d = props.debrief;
  const report = d.report!;
  if (!report.interviewers?.length) return null;
  const nameOf = (id: string) => d.scorecards.find((s) => s.interviewer.id === id)?.interviewer.name ?? 'Interviewer';
  return (
    <section className="card" aria-labelledby="offsets-title">
      <h2 id="offsets-title">Leniency correction</h2>
      <p className="small muted">Each interviewer's historical tendency to rate higher (+) or lower (−) than co-panelists, subtracted from their ratings.</p>
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">Interviewer</th>
            <th scope="col" className="num">Offset</th>
            <th scope="col" className="num">Based on</th>
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
    </section>
  );
}

function AwaitingFeedback(props: { debrief: Debrief }) {
  const list = props.debrief.awaitingFeedback;
  if (!list.length) return null;
  return (
    <section className="card" aria-labelledby="awaiting-title" data-testid="debrief-awaiting">
      <h2 id="awaiting-title">Still waiting for feedback</h2>
      <ul>
        {list.map((a) => (
          <li key={`${a.interviewId}-${a.interviewer.id}`}>
            {a.interviewer.name} · {a.round.name} · {a.scorecardStatus === 'draft' ? 'draft started' : a.scorecardStatus === 'withdrawn' ? 'withdrawn' : 'not started'} (ended{' '}
            {formatDateTime(a.endsAt)})
          </li>
        ))}
      </ul>
    </section>
  );
}

function DecisionCard(props: { debrief: Debrief; onDecided: (decision: Decision) => void }) {
  const d = props.debrief;
  const recommendation = d.report?.recommendation ?? null;
  const [decision, setDecision] = useState<HiringDecision | null>(null);
  const [rationale, setRationale] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const needsOverride = overrideReasonRequired(decision, recommendation);
  const action = useAction(() =>
    post<Decision>(`/applications/${d.application.id}/decision`, {
      decision,
      rationale,
      ...(needsOverride || overrideReason.trim() ? { overrideReason } : {}),
    }),
  );
  if (d.decision) {
    const x = d.decision;
    return (
      <section className={`card decision decision--${x.decision}`} aria-labelledby="decision-title" data-testid="decision-recorded">
        <h2 id="decision-title">Decision: {DECISION_LABELS[x.decision]}</h2>
        <p>{x.rationale}</p>
        {x.overrideReason ? <p className="small">Override reason: {x.overrideReason}</p> : null}
        <p className="small muted">
          Decided by {x.decidedBy?.name} {formatDateTime(x.decidedAt)}
          {x.report ? ` against report version ${x.report.version} (${REPORT_RECOMMENDATION_LABELS[x.report.recommendation]})` : ' without a report'}
          {x.followedRecommendation === true ? ' · followed the recommendation' : x.followedRecommendation === false ? ' · overrode the recommendation' : ''}
        </p>
      </section>
    );
  }
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await action.run();
    if (res) props.onDecided(res);
  };
  const err = action.error;
  const explanation = overrideExplanation(decision, recommendation);
  return (
    <form className="card decision-form" onSubmit={onSubmit} noValidate aria-labelledby="decide-title" data-testid="decision-form">
      <h2 id="decide-title">Decision</h2>
      <ProblemBanner error={err} claimed={['decision', 'rationale', 'overrideReason']} title="Could not record the decision" />
      <fieldset className="choice-row" aria-describedby={err?.forField('decision').length ? 'decision-error' : undefined}>
        <legend>Hire this candidate?</legend>
        {(['hire', 'no_hire'] as const).map((x) => (
          <label key={x} className={`pill pill--${x}`}>
            <input type="radio" name="decision" value={x} checked={decision === x} onChange={() => setDecision(x)} /> {DECISION_LABELS[x]}
            {recommendation === x ? <span className="muted small"> (recommended)</span> : null}
          </label>
        ))}
        <FieldError id="decision-error" messages={err?.forField('decision')} />
      </fieldset>
      <Field label="Rationale" hint="Why — read by the recruiter, the panel and auditors. At least 10 characters." errors={err?.forField('rationale')}>
        {(p) => <textarea {...p} rows={3} name="rationale" value={rationale} onChange={(e) => setRationale(e.target.value)} />}
      </Field>
      {needsOverride || err?.forField('overrideReason').length ? (
        <Field label="Override reason (required)" hint={explanation ?? undefined} errors={err?.forField('overrideReason')}>
          {(p) => <textarea {...p} rows={2} name="overrideReason" value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} required />}
        </Field>
      ) : null}
      <button type="submit" className="button button--primary" disabled={action.pending || !decision} data-testid="record-decision">
        {action.pending ? 'Recording…' : 'Record decision'}
      </button>
    </form>
  );
}
