import { Link, useParams } from 'react-router-dom';
import { useDebrief, useRole } from '../api/hiring-queries';
import { useInvalidate } from '../api/queries';
import type { Debrief } from '../api/types';
import { useAuth } from '../auth';
import { ScoreChart } from '../components/Charts';
import { Loading, ProblemBanner } from '../components/ProblemBanner';
import { ScorecardView } from '../components/ScorecardView';
import { formatFigure, formatFigures } from '../lib/figures';
import { formatDateTime } from '../lib/labels';
import { canNudge, canRecordDecision } from '../lib/permissions';
import { levelsOf } from '../lib/ratingScale';
import { usePageTitle } from '../lib/title';
import { AmendedMarker, AmendmentList } from './debrief/AmendmentList';
import { DecisionCard } from './debrief/DecisionForm';
import { DimensionsCard } from './debrief/DimensionsCard';
import { AwaitingFeedback, Callouts, InterviewerOffsets } from './debrief/Panels';
import { RecommendationCard } from './debrief/ReasonList';

/** How often the debrief refreshes: quickly while the worker computes a new report, slowly otherwise. */
export const POLL_COMPUTING_MS = 2000;
export const POLL_IDLE_MS = 5000;

/**
 * The hiring manager's debrief: the calibrated report as a picture, the recommendation with its reasons in words,
 * callouts for a split panel and red flags, every scorecard's evidence (with its amendments), and the decision.
 * Refreshes itself (no reload).
 */
export function DebriefPage() {
  const { applicationId = '' } = useParams();
  const { me } = useAuth();
  const debrief = useDebrief(applicationId, (latest) => (latest?.status === 'computing' ? POLL_COMPUTING_MS : POLL_IDLE_MS));
  const roleId = debrief.data?.application.role.id;
  // null when the member may not read the role (the API decides who may decide regardless).
  const role = useRole(roleId, { orNull: true });
  const invalidate = useInvalidate();
  usePageTitle(debrief.data ? `Debrief: ${debrief.data.application.candidate.name}` : 'Debrief');

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
  const levels = levelsOf(role.data ?? undefined);
  const bar = report?.policy?.bar ?? role.data?.hirePolicy?.bar ?? null;
  const dimensionNames = Object.fromEntries((report?.dimensions ?? []).map((dim) => [dim.dimensionId, dim.name]));
  // The role: undefined while loading (no form yet), null when it cannot be read (the API decides), else its hiring manager.
  const roleKnown = role.data !== undefined;
  const hiringManagerId = role.data === null ? undefined : role.data?.hiringManagerId;
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
            <RecommendationCard debrief={d} levels={levels} />
            <Callouts debrief={d} />
          </div>
          <section className="card" aria-labelledby="score-title">
            <h2 id="score-title">Weighted score against the bar</h2>
            <ScoreChart
              score={report.score}
              rawScore={report.rawScore}
              low={report.interval?.low}
              high={report.interval?.high}
              level={report.interval?.level}
              bar={bar}
              levels={levels.map((l) => l.value)}
            />
            <ScoreLine debrief={d} bar={bar} />
          </section>
          <DimensionsCard debrief={d} levels={levels} />
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

      <AwaitingFeedback debrief={d} canNudge={canNudge(me, hiringManagerId)} />

      <section aria-labelledby="scorecards-title" className="card">
        <h2 id="scorecards-title">Scorecards and evidence</h2>
        {d.scorecards.length === 0 ? <p className="muted">No submitted scorecards yet.</p> : null}
        {d.scorecards.map((sc) => (
          <ScorecardView
            key={sc.id}
            scorecard={sc}
            showInterviewer
            colourIndex={interviewerIndex(d, sc.interviewer.id)}
            dimensionNames={dimensionNames}
            levels={levels}
            marker={<AmendedMarker scorecard={sc} />}
          >
            <AmendmentList scorecard={sc} levels={levels} dimensionNames={dimensionNames} />
          </ScorecardView>
        ))}
      </section>

      {roleKnown || d.decision ? (
        <DecisionCard
          debrief={d}
          canDecide={canRecordDecision(me, hiringManagerId)}
          hiringManagerId={hiringManagerId}
          onRefresh={() => void debrief.reload()}
          onDecided={(decision) => {
            debrief.setData({ ...d, decision, application: { ...d.application, decidedAt: decision.decidedAt } });
            void invalidate(['list', '/applications'], ['application', d.application.id]);
          }}
        />
      ) : null}
    </section>
  );
}

function interviewerIndex(d: Debrief, interviewerId: string): number {
  const ids = [...new Set(d.scorecards.map((s) => s.interviewer.id))];
  return Math.max(0, ids.indexOf(interviewerId));
}

/** The score with two decimals (more where it would print equal to the bar), raw beside adjusted. */
function ScoreLine(props: { debrief: Debrief; bar: number | null }) {
  const report = props.debrief.report!;
  const [score, bar] =
    report.score !== null && props.bar !== null ? formatFigures(report.score, props.bar) : [formatFigure(report.score), formatFigure(props.bar)];
  return (
    <p className="small muted" data-testid="score-line">
      Weighted score {score} (raw, before the leniency correction: {formatFigure(report.rawScore)}){props.bar !== null ? ` · bar ${bar}` : ''} ·{' '}
      {Math.round((report.coverage ?? 0) * 100)}% of the loop's weight rated · {report.scorecardCount} scorecard
      {report.scorecardCount === 1 ? '' : 's'}
    </p>
  );
}

function ReportStatus(props: { debrief: Debrief }) {
  const { status, report } = props.debrief;
  if (status === 'computing') {
    return (
      <span className="chip chip--computing" data-testid="report-status">
        <span className="spinner" aria-hidden="true" /> Still computing — new feedback is being included
        {report ? ` (showing version ${report.version})` : ''}
      </span>
    );
  }
  if (status === 'no_feedback')
    return (
      <span className="chip" data-testid="report-status">
        No feedback submitted yet
      </span>
    );
  return (
    <span className="chip chip--current" data-testid="report-status">
      Report version {report?.version} · computed {formatDateTime(report?.computedAt)}
      {report?.algorithmVersion ? ` with calibration method ${report.algorithmVersion.replace(/^hireloop-calibration\//, '')}` : ''} · up to date
    </span>
  );
}
