import { FormEvent, useCallback, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, get, put } from '../api/client';
import type { InterviewKit, KitDimension, LevelAssessment, Recommendation, Scorecard } from '../api/types';
import { Field, FieldError } from '../components/Field';
import { Loading, ProblemBanner } from '../components/ProblemBanner';
import { RatingChoice } from '../components/RatingChoice';
import { ScorecardView } from '../components/ScorecardView';
import { levelsOf } from '../lib/ratingScale';
import { toViewScorecard } from '../lib/scorecardView';
import { PanelFeedback } from './interview/PanelFeedback';
import { SaveState, useAutosave, useResource } from '../lib/hooks';
import { formatDateTime, LEVEL_LABELS, RECOMMENDATION_LABELS } from '../lib/labels';
import { ApiError, remapIndexedErrors } from '../lib/problem';
import { draftPayload, formFingerprint, formFromScorecard, progress, ScorecardForm, signalKey, submitPayload, toggle } from '../lib/scorecard';

const RECOMMENDATIONS: Recommendation[] = ['strong_no', 'no', 'yes', 'strong_yes'];
const LEVELS: LevelAssessment[] = ['below', 'at', 'above'];

/** The interview kit beside the scorecard form. The panel's feedback shows only once this scorecard is submitted. */
export function InterviewPage() {
  const { interviewId = '' } = useParams();
  const kit = useResource((signal) => get<InterviewKit>(`/interviews/${interviewId}/kit`, undefined, signal), [interviewId]);
  if (!kit.data) {
    return (
      <section className="page">
        <ProblemBanner error={kit.error} />
        {kit.error ? null : <Loading />}
      </section>
    );
  }
  return <InterviewWorkspace kit={kit.data} onSubmitted={(sc) => kit.setData({ ...kit.data!, myScorecard: sc })} />;
}

function InterviewWorkspace(props: { kit: InterviewKit; onSubmitted: (scorecard: Scorecard) => void }) {
  const { kit } = props;
  const interview = kit.interview;
  const submitted = kit.myScorecard?.status === 'submitted';
  const applicationId = interview.applicationId;
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
            {kit.role.level ? ` (${kit.role.level})` : ''} · {formatDateTime(interview.startsAt)} · {kit.round.durationMinutes} min · loop version {kit.loopVersion.number}
          </p>
        </div>
      </header>
      <div className="kit-layout">
        <KitPanel kit={kit} />
        <div className="stack">
          <ScorecardFormPanel kit={kit} onSubmitted={props.onSubmitted} />
          <PanelFeedback applicationId={applicationId} roleId={kit.role.id} unlocked={submitted} dimensions={kit.focusDimensions} levels={levelsOf(kit)} />
        </div>
      </div>
    </section>
  );
}

function KitPanel(props: { kit: InterviewKit }) {
  const { kit } = props;
  return (
    <aside className="card kit" aria-labelledby="kit-title" data-testid="interview-kit">
      <h2 id="kit-title">Interview kit</h2>
      <h3>What this round assesses</h3>
      <ul className="plain">
        {kit.focusDimensions.map((d) => (
          <li key={d.id} className="kit__dimension">
            <strong>{d.name}</strong>
            {d.description ? <p className="small">{d.description}</p> : null}
            {d.signals?.strong?.length ? <p className="small">Strong signals: {d.signals.strong.join(' · ')}</p> : null}
            {d.signals?.weak?.length ? <p className="small muted">Weak signals: {d.signals.weak.join(' · ')}</p> : null}
          </li>
        ))}
      </ul>
      {kit.questions?.length ? (
        <>
          <h3>Questions</h3>
          <ol className="kit__questions">
            {kit.questions.map((q) => (
              <li key={q.id}>
                <p>{q.prompt}</p>
                {q.pointsOfAssessment?.length ? (
                  <details>
                    <summary>What to listen for</summary>
                    <ul>
                      {q.pointsOfAssessment.map((p) => (
                        <li key={p}>{p}</li>
                      ))}
                    </ul>
                  </details>
                ) : null}
                {q.followUps?.length ? (
                  <details>
                    <summary>Follow-ups</summary>
                    <ul>
                      {q.followUps.map((p) => (
                        <li key={p}>{p}</li>
                      ))}
                    </ul>
                  </details>
                ) : null}
                {q.pitfalls?.length ? (
                  <details>
                    <summary>Pitfalls</summary>
                    <ul>
                      {q.pitfalls.map((p) => (
                        <li key={p}>{p}</li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </aside>
  );
}

const SAVE_LABELS: Record<SaveState, string> = {
  idle: '',
  pending: 'Unsaved changes…',
  saving: 'Saving draft…',
  saved: 'Draft saved',
  error: 'Could not save the draft',
};

function ScorecardFormPanel(props: { kit: InterviewKit; onSubmitted: (scorecard: Scorecard) => void }) {
  const { kit } = props;
  const interviewId = kit.interview.id;
  const dimensions: KitDimension[] = kit.focusDimensions;
  const dimensionIds = useMemo(() => dimensions.map((d) => d.id), [dimensions]);
  const status = kit.myScorecard?.status ?? 'none';
  const [amending, setAmending] = useState(false);
  const editable = status !== 'submitted' || amending;
  const [form, setForm] = useState<ScorecardForm>(() => formFromScorecard(dimensionIds, kit.myScorecard));
  const [submitError, setSubmitError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [amendReason, setAmendReason] = useState('');
  const idempotency = useRef<{ fingerprint: string; key: string } | null>(null);
  const fingerprint = formFingerprint(form);

  const saveDraft = useCallback((f: ScorecardForm) => put<Scorecard>(`/interviews/${interviewId}/scorecard`, draftPayload(dimensionIds, f)), [interviewId, dimensionIds]);
  const autosave = useAutosave(form, fingerprint, saveDraft, { delayMs: 1200, enabled: status !== 'submitted' });

  // The API names rating errors by index (ratings.2.evidence); the form sends every focus dimension in kit order.
  const fieldErrors = useMemo(() => {
    const source = submitError ?? autosave.error;
    return source ? remapIndexedErrors(source.fieldErrors, 'ratings', dimensionIds) : {};
  }, [submitError, autosave.error, dimensionIds]);
  const errorsAt = (field: string) => fieldErrors[field] ?? [];
  const errorsUnder = (prefix: string) => Object.entries(fieldErrors).flatMap(([f, ms]) => (f === prefix || f.startsWith(`${prefix}.`) ? ms : []));
  const redFlagOptions = useMemo(() => [...new Set(dimensions.flatMap((d) => d.signals?.redFlags ?? []))], [dimensions]);

  const setAnswer = (dimensionId: string, patch: Partial<ScorecardForm['answers'][string]>) =>
    setForm((f) => ({ ...f, answers: { ...f.answers, [dimensionId]: { ...f.answers[dimensionId], ...patch } } }));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitError(null);
    setSubmitting(true);
    if (!idempotency.current || idempotency.current.fingerprint !== fingerprint) {
      idempotency.current = { fingerprint, key: crypto.randomUUID?.() ?? `${Date.now()}-${Math.random()}` };
    }
    try {
      const body = submitPayload(dimensionIds, form);
      const res = amending
        ? await api<Scorecard>(`/interviews/${interviewId}/scorecard/amend`, { method: 'POST', body: { ...body, reason: amendReason } })
        : await api<Scorecard>(`/interviews/${interviewId}/scorecard/submit`, { method: 'POST', body, headers: { 'Idempotency-Key': idempotency.current.key } });
      autosave.markSaved(fingerprint);
      setAmending(false);
      props.onSubmitted({ ...(res ?? {}), status: 'submitted' } as Scorecard);
    } catch (err) {
      setSubmitError(err instanceof ApiError ? err : new ApiError({ status: 0, detail: String(err) }));
    } finally {
      setSubmitting(false);
    }
  };

  const prog = progress(dimensionIds, form);
  const claimed = ['ratings', 'recommendation', 'signals', 'redFlags', 'levelAssessment', 'privateNote', 'reason'];

  if (status === 'submitted' && !amending) {
    return (
      <section className="card" aria-labelledby="scorecard-title" data-testid="scorecard-submitted">
        <h2 id="scorecard-title">Your scorecard</h2>
        <p className="notice notice--ok" role="status">
          Submitted{kit.myScorecard?.submittedAt ? ` ${formatDateTime(kit.myScorecard.submittedAt)}` : ''}. Thank you — the panel's feedback is below.
        </p>
        <ScorecardView
          scorecard={toViewScorecard(kit.myScorecard!, Object.fromEntries(dimensions.map((d) => [d.id, d.name])))}
          levels={levelsOf(kit)}
          dimensionNames={Object.fromEntries(dimensions.map((d) => [d.id, d.name]))}
          showInterviewer={false}
        />
        <button type="button" className="button button--ghost" onClick={() => setAmending(true)}>
          Amend my scorecard
        </button>
      </section>
    );
  }

  return (
    <form className="card scorecard-form" onSubmit={onSubmit} noValidate aria-labelledby="scorecard-title" data-testid="scorecard-form">
      <div className="scorecard-form__head">
        <h2 id="scorecard-title">{amending ? 'Amend your scorecard' : 'Your scorecard'}</h2>
        <span className={`autosave autosave--${autosave.state}`} role="status" aria-live="polite" data-testid="autosave-status" data-state={autosave.state}>
          {SAVE_LABELS[autosave.state]}
          {autosave.state === 'saved' && autosave.savedAt ? ` ${autosave.savedAt.toLocaleTimeString()}` : ''}
        </span>
      </div>
      <p className="muted small">
        Rate each focus dimension against its rubric and write what you saw and heard. Your feedback stays blind: you see the panel's only after you submit.
        {kit.minEvidenceLength ? ` Evidence needs at least ${kit.minEvidenceLength} characters.` : ''}
      </p>
      <ProblemBanner error={submitError} claimed={claimed} title={amending ? 'Could not amend' : 'Could not submit'} />
      {autosave.state === 'error' && autosave.error && !submitError ? <ProblemBanner error={autosave.error} claimed={claimed} title="Draft not saved" /> : null}
      <FieldError messages={errorsAt('ratings')} />

      {dimensions.map((d, index) => {
        const a = form.answers[d.id];
        const base = `ratings.${d.id}`;
        const ratingErrors = [...errorsAt(`${base}.rating`), ...errorsAt(`${base}.dimensionId`), ...errorsAt(base)];
        const evidenceErrors = errorsAt(`${base}.evidence`);
        const reasonErrors = errorsAt(`${base}.notAssessedReason`);
        const ratingErrorId = `rating-${d.id}-error`;
        const dimensionSignals = [
          ...(d.signals?.strong ?? []).map((text) => ({ dimensionId: d.id, kind: 'strong' as const, text })),
          ...(d.signals?.weak ?? []).map((text) => ({ dimensionId: d.id, kind: 'weak' as const, text })),
        ];
        return (
          <section key={d.id} className="scorecard-dimension" aria-labelledby={`dim-${d.id}-title`} data-testid="scorecard-dimension" data-dimension={d.name}>
            <h3 id={`dim-${d.id}-title`}>
              {index + 1}. {d.name}
            </h3>
            {!a.notAssessed ? (
              <>
                <RatingChoice
                  name={`rating-${d.id}`}
                  legend={`Rating for ${d.name}`}
                  rubric={d.rubric}
                  levels={levelsOf(kit)}
                  value={a.rating}
                  onChange={(rating) => setAnswer(d.id, { rating })}
                  disabled={!editable}
                  invalid={ratingErrors.length > 0}
                  describedBy={ratingErrors.length ? ratingErrorId : undefined}
                />
                <FieldError id={ratingErrorId} messages={ratingErrors} />
                <Field label={`Evidence for ${d.name}`} hint="What the candidate said or did — facts, not impressions." errors={evidenceErrors}>
                  {(p) => (
                    <textarea {...p} rows={4} name={`evidence-${d.id}`} value={a.evidence} disabled={!editable} onChange={(e) => setAnswer(d.id, { evidence: e.target.value })} />
                  )}
                </Field>
              </>
            ) : (
              <Field label={`Why was ${d.name} not assessed?`} errors={reasonErrors}>
                {(p) => (
                  <input {...p} name={`reason-${d.id}`} value={a.notAssessedReason} disabled={!editable} onChange={(e) => setAnswer(d.id, { notAssessedReason: e.target.value })} />
                )}
              </Field>
            )}
            <label className="check">
              <input
                type="checkbox"
                checked={a.notAssessed}
                disabled={!editable}
                onChange={(e) => setAnswer(d.id, e.target.checked ? { notAssessed: true, rating: null } : { notAssessed: false, notAssessedReason: '' })}
              />{' '}
              I could not assess {d.name}
            </label>
            {dimensionSignals.length > 0 ? (
              <fieldset className="checks checks--signals">
                <legend>Signals you saw</legend>
                {dimensionSignals.map((s) => {
                  const key = signalKey(s);
                  return (
                    <label key={key} className={`check check--${s.kind}`}>
                      <input type="checkbox" checked={form.signals.includes(key)} disabled={!editable} onChange={() => setForm((f) => ({ ...f, signals: toggle(f.signals, key) }))} />{' '}
                      <span className={`signal signal--${s.kind}`}>{s.kind === 'strong' ? '+' : '−'}</span> {s.text}
                    </label>
                  );
                })}
              </fieldset>
            ) : null}
          </section>
        );
      })}
      <FieldError messages={errorsUnder('signals')} />

      {redFlagOptions.length > 0 ? (
        <fieldset className="checks checks--red-flags">
          <legend>Red flags</legend>
          {redFlagOptions.map((flag) => (
            <label key={flag} className="check check--red-flag">
              <input type="checkbox" checked={form.redFlags.includes(flag)} disabled={!editable} onChange={() => setForm((f) => ({ ...f, redFlags: toggle(f.redFlags, flag) }))} /> ⚑ {flag}
            </label>
          ))}
          <FieldError messages={errorsUnder('redFlags')} />
        </fieldset>
      ) : null}

      <fieldset className="choice-row" aria-describedby={errorsAt('levelAssessment').length ? 'level-error' : undefined}>
        <legend>Level (optional)</legend>
        {LEVELS.map((l) => (
          <label key={l} className="pill">
            <input type="radio" name="levelAssessment" value={l} checked={form.levelAssessment === l} disabled={!editable} onChange={() => setForm((f) => ({ ...f, levelAssessment: l }))} />{' '}
            {LEVEL_LABELS[l]}
          </label>
        ))}
        <FieldError id="level-error" messages={errorsAt('levelAssessment')} />
      </fieldset>

      <fieldset className="choice-row choice-row--recommendation" aria-describedby={errorsAt('recommendation').length ? 'recommendation-error' : undefined}>
        <legend>Overall recommendation</legend>
        {RECOMMENDATIONS.map((r) => (
          <label key={r} className={`pill pill--${r}`}>
            <input type="radio" name="recommendation" value={r} checked={form.recommendation === r} disabled={!editable} onChange={() => setForm((f) => ({ ...f, recommendation: r }))} />{' '}
            {RECOMMENDATION_LABELS[r]}
          </label>
        ))}
        <FieldError id="recommendation-error" messages={errorsAt('recommendation')} />
      </fieldset>

      <Field label="Private note for the hiring manager (optional)" hint="Not shown to the other interviewers." errors={errorsAt('privateNote')}>
        {(p) => <textarea {...p} rows={2} name="privateNote" value={form.privateNote} disabled={!editable} onChange={(e) => setForm((f) => ({ ...f, privateNote: e.target.value }))} />}
      </Field>

      {amending ? (
        <Field label="Reason for the amendment" errors={errorsAt('reason')}>
          {(p) => <input {...p} name="amendReason" value={amendReason} onChange={(e) => setAmendReason(e.target.value)} />}
        </Field>
      ) : null}

      <div className="actions actions--sticky">
        <span className="muted small">
          {prog.answered} of {prog.total} dimensions done{form.recommendation ? '' : ' · no recommendation yet'}
        </span>
        {!amending ? (
          <button type="button" className="button button--ghost" onClick={() => void autosave.flush()} disabled={autosave.state === 'saving'}>
            Save draft
          </button>
        ) : (
          <button type="button" className="button button--ghost" onClick={() => setAmending(false)}>
            Cancel
          </button>
        )}
        <button type="submit" className="button button--primary" disabled={submitting} data-testid="submit-scorecard">
          {submitting ? 'Submitting…' : amending ? 'Submit amendment' : 'Submit scorecard'}
        </button>
      </div>
    </form>
  );
}
