import { FormEvent, useCallback, useMemo, useRef, useState } from 'react';
import { RECOMMENDATIONS, type InterviewKit, type LevelAssessment, type Scorecard } from '../../api/types';
import { Field, FieldError } from '../../components/Field';
import { ProblemBanner } from '../../components/ProblemBanner';
import { SaveState, useAutosave } from '../../lib/hooks';
import { LEVEL_LABELS, RECOMMENDATION_LABELS } from '../../lib/labels';
import { ApiError, remapIndexedErrors } from '../../lib/problem';
import { levelsOf } from '../../lib/ratingScale';
import {
  draftPayload,
  formFingerprint,
  formFromScorecard,
  progress,
  ScorecardForm as FormState,
  submitPayload,
  submitProblems,
  toggle,
} from '../../lib/scorecard';
import { DimensionAnswerFields } from './DimensionAnswerFields';
import { amendScorecard, saveDraft, submitScorecard } from './interview-api';

const LEVELS: LevelAssessment[] = ['below', 'at', 'above'];
const CLAIMED = ['ratings', 'recommendation', 'signals', 'redFlags', 'levelAssessment', 'privateNote', 'reason'];

const SAVE_LABELS: Record<SaveState, string> = {
  idle: '',
  pending: 'Unsaved changes…',
  saving: 'Saving draft…',
  saved: 'Draft saved',
  error: 'Could not save the draft',
};

/**
 * The scorecard form: autosaved as a draft while it is written, checked as a whole before it is sent (every problem
 * at once, each beside its field), then submitted — or, with a reason, amended after submission.
 */
export function ScorecardForm(props: {
  kit: InterviewKit;
  amending: boolean;
  onCancelAmend: () => void;
  onSubmitted: (scorecard: Scorecard) => void;
}) {
  const { kit, amending } = props;
  const interviewId = kit.interview.id;
  const dimensions = kit.focusDimensions;
  const dimensionIds = useMemo(() => dimensions.map((d) => d.id), [dimensions]);
  const submitted = kit.myScorecard?.status === 'submitted';
  const [form, setForm] = useState<FormState>(() => formFromScorecard(dimensionIds, kit.myScorecard));
  const [submitError, setSubmitError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [amendReason, setAmendReason] = useState('');
  const idempotency = useRef<{ fingerprint: string; key: string } | null>(null);
  const fingerprint = formFingerprint(form);

  const save = useCallback((f: FormState) => saveDraft(interviewId, draftPayload(dimensionIds, f)), [interviewId, dimensionIds]);
  const autosave = useAutosave(form, fingerprint, save, { delayMs: 1200, enabled: !submitted });

  // The API names rating errors by index (ratings.2.evidence); the form sends every focus dimension in kit order.
  const fieldErrors = useMemo(() => {
    const source = submitError ?? autosave.error;
    return source ? remapIndexedErrors(source.fieldErrors, 'ratings', dimensionIds) : {};
  }, [submitError, autosave.error, dimensionIds]);
  const errorsAt = (field: string) => fieldErrors[field] ?? [];
  const errorsUnder = (prefix: string) => Object.entries(fieldErrors).flatMap(([f, ms]) => (f === prefix || f.startsWith(`${prefix}.`) ? ms : []));
  const redFlagOptions = useMemo(() => [...new Set(dimensions.flatMap((d) => d.signals?.redFlags ?? []))], [dimensions]);
  const set = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = submitProblems(dimensions, form, { minEvidenceLength: kit.minEvidenceLength, amendReason: amending ? amendReason : undefined });
    const { recommendation, ...rest } = submitPayload(dimensionIds, form);
    if (Object.keys(problems).length > 0 || !recommendation) {
      setSubmitError(localProblem(problems));
      return;
    }
    setSubmitError(null);
    setSubmitting(true);
    if (!idempotency.current || idempotency.current.fingerprint !== fingerprint) {
      idempotency.current = { fingerprint, key: crypto.randomUUID?.() ?? `${Date.now()}-${Math.random()}` };
    }
    try {
      const body = { ...rest, recommendation };
      const scorecard = amending
        ? await amendScorecard(interviewId, body, amendReason.trim())
        : await submitScorecard(interviewId, body, idempotency.current.key);
      autosave.markSaved(fingerprint);
      props.onSubmitted(scorecard);
    } catch (err) {
      setSubmitError(err instanceof ApiError ? err : new ApiError({ status: 0, detail: String(err) }));
    } finally {
      setSubmitting(false);
    }
  };

  const prog = progress(dimensionIds, form);
  return (
    <form className="card scorecard-form" onSubmit={onSubmit} noValidate aria-labelledby="scorecard-title" data-testid="scorecard-form">
      <div className="scorecard-form__head">
        <h2 id="scorecard-title">{amending ? 'Amend your scorecard' : 'Your scorecard'}</h2>
        <span
          className={`autosave autosave--${autosave.state}`}
          role="status"
          aria-live="polite"
          data-testid="autosave-status"
          data-state={autosave.state}
        >
          {SAVE_LABELS[autosave.state]}
          {autosave.state === 'saved' && autosave.savedAt ? ` ${autosave.savedAt.toLocaleTimeString()}` : ''}
        </span>
      </div>
      <p className="muted small">
        Rate each focus dimension against its rubric and write what you saw and heard. Your feedback stays blind: you see the panel's only after you
        submit.
        {kit.minEvidenceLength ? ` Evidence needs at least ${kit.minEvidenceLength} characters.` : ''}
      </p>
      <ProblemBanner error={submitError} claimed={CLAIMED} title={amending ? 'Could not amend' : 'Could not submit'} />
      {autosave.state === 'error' && autosave.error && !submitError ? (
        <ProblemBanner error={autosave.error} claimed={CLAIMED} title="Draft not saved" />
      ) : null}
      <FieldError messages={errorsAt('ratings')} />

      {dimensions.map((d, index) => (
        <DimensionAnswerFields
          key={d.id}
          dimension={d}
          position={index + 1}
          levels={levelsOf(kit)}
          answer={form.answers[d.id]}
          onAnswer={(patch) => setForm((f) => ({ ...f, answers: { ...f.answers, [d.id]: { ...f.answers[d.id], ...patch } } }))}
          signals={form.signals}
          onSignals={(signals) => set({ signals })}
          errorsAt={errorsAt}
        />
      ))}
      <FieldError messages={errorsUnder('signals')} />

      {redFlagOptions.length > 0 ? (
        <fieldset className="checks checks--red-flags">
          <legend>Red flags</legend>
          {redFlagOptions.map((flag) => (
            <label key={flag} className="check check--red-flag">
              <input type="checkbox" checked={form.redFlags.includes(flag)} onChange={() => set({ redFlags: toggle(form.redFlags, flag) })} /> ⚑{' '}
              {flag}
            </label>
          ))}
          <FieldError messages={errorsUnder('redFlags')} />
        </fieldset>
      ) : null}

      <fieldset className="choice-row" aria-describedby={errorsAt('levelAssessment').length ? 'level-error' : undefined}>
        <legend>Level (optional)</legend>
        {LEVELS.map((l) => (
          <label key={l} className="pill">
            <input type="radio" name="levelAssessment" value={l} checked={form.levelAssessment === l} onChange={() => set({ levelAssessment: l })} />{' '}
            {LEVEL_LABELS[l]}
          </label>
        ))}
        <FieldError id="level-error" messages={errorsAt('levelAssessment')} />
      </fieldset>

      <fieldset
        className="choice-row choice-row--recommendation"
        aria-describedby={errorsAt('recommendation').length ? 'recommendation-error' : undefined}
      >
        <legend>Overall recommendation</legend>
        {RECOMMENDATIONS.map((r) => (
          <label key={r} className={`pill pill--${r}`}>
            <input
              type="radio"
              name="recommendation"
              value={r}
              checked={form.recommendation === r}
              aria-invalid={errorsAt('recommendation').length > 0 || undefined}
              onChange={() => set({ recommendation: r })}
            />{' '}
            {RECOMMENDATION_LABELS[r]}
          </label>
        ))}
        <FieldError id="recommendation-error" messages={errorsAt('recommendation')} />
      </fieldset>

      <Field label="Private note for the hiring manager (optional)" hint="Not shown to the other interviewers." errors={errorsAt('privateNote')}>
        {(p) => <textarea {...p} rows={2} name="privateNote" value={form.privateNote} onChange={(e) => set({ privateNote: e.target.value })} />}
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
          <button type="button" className="button button--ghost" onClick={props.onCancelAmend}>
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

/** The form's own findings in the shape of the API's validation problem, so they show the same way. */
function localProblem(problems: Record<string, string[]>): ApiError {
  const errors = Object.entries(problems).flatMap(([field, messages]) => messages.map((message) => ({ field, message })));
  return new ApiError({ status: 400, code: 'validation_failed', title: 'Not sent yet', detail: 'Some answers are missing.', errors });
}
