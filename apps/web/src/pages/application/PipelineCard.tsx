import { FormEvent, useState } from 'react';
import { patch } from '../../api/client';
import type { Application } from '../../api/types';
import { Field } from '../../components/Field';
import { ProblemBanner } from '../../components/ProblemBanner';
import { useAction } from '../../lib/hooks';

/** Moves an active application along: its stage (free text), or out of the pipeline (rejected, withdrawn). */
export function PipelineCard(props: { application: Application; onChanged: () => void }) {
  const app = props.application;
  const [stage, setStage] = useState(app.stage ?? '');
  const [confirming, setConfirming] = useState<'rejected' | 'withdrawn' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction((body: { stage?: string; status?: string }) => patch<Application>(`/applications/${app.id}`, body));
  const saveStage = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (await action.run({ stage: stage.trim() })) {
      setDone('Stage saved.');
      props.onChanged();
    }
  };
  const close = async (status: 'rejected' | 'withdrawn') => {
    setDone(null);
    if (await action.run({ status })) {
      setConfirming(null);
      setDone(status === 'rejected' ? 'Application rejected.' : 'Application withdrawn.');
      props.onChanged();
    }
  };
  const err = action.error;
  return (
    <section className="card" aria-labelledby="pipeline-title" data-testid="pipeline">
      <h2 id="pipeline-title">Pipeline</h2>
      <ProblemBanner error={err} claimed={['stage', 'status']} title="Could not update the application" />
      <form onSubmit={saveStage} noValidate aria-label="Change the stage">
        <Field label="Stage" hint="Where the candidate is, e.g. phone screen, onsite, offer" errors={err?.forField('stage')}>
          {(p) => <input {...p} name="stage" value={stage} maxLength={50} onChange={(e) => setStage(e.target.value)} />}
        </Field>
        <button type="submit" className="button" disabled={action.pending || !stage.trim() || stage.trim() === (app.stage ?? '')}>
          Save stage
        </button>
      </form>
      {confirming ? (
        <div className="notice notice--warn" role="group" aria-label="Confirm">
          <p>
            {confirming === 'rejected' ? 'Reject' : 'Withdraw'} this application? It leaves the pipeline: no more interviews, and it cannot be
            reopened here.
          </p>
          <div className="actions">
            <button type="button" className="button button--primary" onClick={() => void close(confirming)} disabled={action.pending}>
              {confirming === 'rejected' ? 'Yes, reject' : 'Yes, withdraw'}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setConfirming(null)}>
              Keep it active
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="button" onClick={() => setConfirming('rejected')}>
            Reject…
          </button>
          <button type="button" className="button" onClick={() => setConfirming('withdrawn')}>
            Candidate withdrew…
          </button>
        </div>
      )}
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
    </section>
  );
}
