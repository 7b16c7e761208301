import { FormEvent, useState } from 'react';
import { post } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import { apiClient } from '../../api/typed-client';
import type { Debrief, Decision } from '../../api/types';
import { Field, FieldError } from '../../components/Field';
import { ProblemBanner } from '../../components/ProblemBanner';
import { decisionBody, HiringDecision, isReportStale, overrideExplanation, overrideReasonRequired } from '../../lib/decision';
import { useAction } from '../../lib/hooks';
import { DECISION_LABELS, formatDateTime, REPORT_RECOMMENDATION_LABELS } from '../../lib/labels';

/**
 * The decision: recorded (with the report version it was made on), the form — offered only to whoever may decide —
 * or a note saying who decides.
 */
export function DecisionCard(props: {
  debrief: Debrief;
  canDecide: boolean;
  hiringManagerId?: string | null;
  onDecided: (d: Decision) => void;
  onRefresh: () => void;
}) {
  const d = props.debrief;
  if (d.decision) return <DecisionRecorded decision={d.decision} />;
  if (!props.canDecide) return <WhoDecides debrief={d} hiringManagerId={props.hiringManagerId} />;
  return <DecisionForm debrief={d} onDecided={props.onDecided} onRefresh={props.onRefresh} />;
}

/** For a reader who may not decide (e.g. a recruiter): who records the decision, by name. */
function WhoDecides(props: { debrief: Debrief; hiringManagerId?: string | null }) {
  const id = props.hiringManagerId;
  const known = id ? props.debrief.interviewerNames?.[id] : undefined;
  // A reader who may not list members simply gets no name.
  const member = useApiQuery(
    ['member', id],
    async (signal) => (await apiClient.GET('/v1/members/{id}', { params: { path: { id: id! } }, signal })).data ?? null,
    { enabled: Boolean(id && !known) },
  );
  const name = known ?? member.data?.name;
  return (
    <section className="card decision" aria-labelledby="decision-title" data-testid="decision-not-yours">
      <h2 id="decision-title">Decision</h2>
      <p className="muted">
        No decision yet.{' '}
        {name ? `${name}, the role's hiring manager,` : id === null ? 'Once the role has a hiring manager, they' : "The role's hiring manager"} (or an
        admin) records it here.
      </p>
    </section>
  );
}

export function DecisionRecorded(props: { decision: Decision }) {
  const x = props.decision;
  const version = x.reportVersion ?? x.report?.version ?? null;
  return (
    <section className={`card decision decision--${x.decision}`} aria-labelledby="decision-title" data-testid="decision-recorded">
      <h2 id="decision-title">Decision: {DECISION_LABELS[x.decision]}</h2>
      <p>{x.rationale}</p>
      {x.overrideReason ? <p className="small">Override reason: {x.overrideReason}</p> : null}
      <p className="small muted" data-testid="decision-report-version">
        Decided by {x.decidedBy?.name} {formatDateTime(x.decidedAt)}
        {version !== null ? ` on report version ${version}` : ' without a report'}
        {x.report ? ` (${REPORT_RECOMMENDATION_LABELS[x.report.recommendation]})` : ''}
        {x.followedRecommendation === true
          ? ' · followed the recommendation'
          : x.followedRecommendation === false
            ? ' · overrode the recommendation'
            : ''}
      </p>
      {x.staleAcknowledged ? (
        <p className="small notice notice--warn" data-testid="decision-stale">
          Decided while that report did not yet include every submitted scorecard. Reason given: “{x.staleReason}”
        </p>
      ) : null}
    </section>
  );
}

function DecisionForm(props: { debrief: Debrief; onDecided: (decision: Decision) => void; onRefresh: () => void }) {
  const d = props.debrief;
  const recommendation = d.report?.recommendation ?? null;
  const [decision, setDecision] = useState<HiringDecision | null>(null);
  const [rationale, setRationale] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  /** Set when the API answered report_stale: the version that was not up to date. */
  const [staleOn, setStaleOn] = useState<number | null | undefined>(undefined);
  const [staleReason, setStaleReason] = useState('');
  const needsOverride = overrideReasonRequired(decision, recommendation);
  const action = useAction((acknowledge: boolean) =>
    post<Decision>(
      `/applications/${d.application.id}/decision`,
      decisionBody({ decision, rationale, overrideReason, staleReason: acknowledge ? staleReason : null }, recommendation),
    ),
  );
  const submit = async (acknowledge: boolean) => {
    const res = await action.run(acknowledge);
    if (res) props.onDecided(res);
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await submit(false);
  };
  const err = action.error;
  // Each report_stale answer remembers the version it was about (a later one replaces it): adjusted while rendering
  // the new answer, not in an effect after it.
  const [seenErr, setSeenErr] = useState(err);
  if (err !== seenErr) {
    setSeenErr(err);
    if (isReportStale(err)) {
      const version = err?.problem.reportVersion;
      setStaleOn(typeof version === 'number' ? version : (d.report?.version ?? null));
    }
  }
  const stale = isReportStale(err) || staleOn !== undefined;
  const caughtUp = staleOn !== undefined && d.status === 'current' && (d.report?.version ?? null) !== staleOn;
  const explanation = overrideExplanation(decision, recommendation);
  return (
    <form className="card decision-form" onSubmit={onSubmit} noValidate aria-labelledby="decide-title" data-testid="decision-form">
      <h2 id="decide-title">Decision</h2>
      {isReportStale(err) ? null : (
        <ProblemBanner
          error={err}
          claimed={['decision', 'rationale', 'overrideReason', 'staleReason', 'acknowledgeStale']}
          title="Could not record the decision"
        />
      )}
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
      <Field
        label="Rationale"
        hint="Why — read by the recruiter, the panel and auditors. At least 10 characters."
        errors={err?.forField('rationale')}
      >
        {(p) => <textarea {...p} rows={3} name="rationale" value={rationale} onChange={(e) => setRationale(e.target.value)} />}
      </Field>
      {needsOverride || err?.forField('overrideReason').length ? (
        <Field label="Override reason (required)" hint={explanation ?? undefined} errors={err?.forField('overrideReason')}>
          {(p) => (
            <textarea {...p} rows={2} name="overrideReason" value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} required />
          )}
        </Field>
      ) : null}
      {stale ? (
        <div className="callout callout--stale" role="alert" data-testid="report-stale">
          {caughtUp ? (
            <p>
              <strong>The report is up to date now</strong> (version {d.report?.version}). Read it again above, then record the decision.
            </p>
          ) : (
            <>
              <p>
                <strong>The report is not up to date.</strong> {staleOn != null ? `Version ${staleOn}` : 'The latest report'} does not yet include
                every submitted scorecard — new or amended feedback is still being computed — so a decision now would not rest on all of the panel's
                feedback.
              </p>
              <p>Either wait: this page refreshes by itself and the report usually catches up within seconds; then record the decision again.</p>
              <button type="button" className="button" onClick={props.onRefresh} data-testid="refresh-report">
                Refresh the report now
              </button>
              <p>Or decide on this version anyway and say why:</p>
              <Field
                label="Why decide before the report is up to date? (required)"
                errors={[...(err?.forField('staleReason') ?? []), ...(err?.forField('acknowledgeStale') ?? [])]}
              >
                {(p) => <textarea {...p} rows={2} name="staleReason" value={staleReason} onChange={(e) => setStaleReason(e.target.value)} />}
              </Field>
              <button
                type="button"
                className="button button--danger"
                disabled={action.pending || !decision}
                onClick={() => void submit(true)}
                data-testid="decide-on-stale"
              >
                Decide on {staleOn != null ? `version ${staleOn}` : 'this report'} anyway
              </button>
            </>
          )}
        </div>
      ) : null}
      <button type="submit" className="button button--primary" disabled={action.pending || !decision} data-testid="record-decision">
        {action.pending ? 'Recording…' : 'Record decision'}
      </button>
    </form>
  );
}
