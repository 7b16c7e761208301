import { FormEvent, useState } from 'react';
import { useParams } from 'react-router-dom';
import { post } from '../api/client';
import { useApiQuery } from '../api/queries';
import { apiClient, unwrap } from '../api/typed-client';
import type { SelfIdentificationForm } from '../api/types';
import { Loading, ProblemBanner } from '../components/ProblemBanner';
import { useAction } from '../lib/hooks';
import { formatDateTime } from '../lib/labels';
import { usePageTitle } from '../lib/title';

/**
 * The candidate's voluntary self-identification page, reached by a one-time link (no account). Every question can
 * be declined; the answers go to the organization's compliance team only and never to the interviewers.
 */
export function SelfIdentificationPage() {
  const { token = '' } = useParams();
  usePageTitle('Voluntary self-identification');
  const form = useApiQuery<SelfIdentificationForm>(['self-identification', token], async (signal) =>
    unwrap(await apiClient.GET('/v1/self-identification/{token}', { params: { path: { token } }, signal })),
  );
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const submit = useAction(async () => {
    await post<void>(`/self-identification/${encodeURIComponent(token)}`, answers);
    return true;
  });
  const f = form.data;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await submit.run();
    if (ok) setDone(true);
  };

  return (
    <main className="auth-page">
      <section className="auth-card" data-testid="self-identification">
        <h1 className="brand brand--large">hireloop</h1>
        {done ? (
          <>
            <h2>Thank you</h2>
            <p>Your answers were saved. This link no longer works; you can close this page.</p>
          </>
        ) : !f ? (
          <>
            <ProblemBanner error={form.error} title="This link cannot be used" />
            {form.error ? null : <Loading />}
          </>
        ) : (
          <form onSubmit={onSubmit} aria-label="Voluntary self-identification">
            <h2>Voluntary self-identification</h2>
            <p>
              {f.organizationName} asks every applicant for the {f.roleTitle} role these questions to check that its hiring process treats every group
              fairly. Answering is voluntary: you may decline any question, and declining never affects your application. Your answers are kept apart
              from your application, are never shown to your interviewers or the hiring manager, and are used only in aggregate statistics.
            </p>
            <p className="small muted">This link works once and expires {formatDateTime(f.expiresAt)}.</p>
            <ProblemBanner error={submit.error} title="Could not save your answers" />
            {f.questions.map((q) => (
              <fieldset key={q.category} className="field">
                <legend>{q.label}</legend>
                {q.options.map((o) => (
                  <label key={o.value} className="choice">
                    <input
                      type="radio"
                      name={q.category}
                      value={o.value}
                      checked={answers[q.category] === o.value}
                      onChange={() => setAnswers({ ...answers, [q.category]: o.value })}
                      required
                    />{' '}
                    {o.label}
                  </label>
                ))}
              </fieldset>
            ))}
            <button type="submit" className="button button--primary" disabled={submit.pending || f.questions.some((q) => !answers[q.category])}>
              {submit.pending ? 'Saving…' : 'Submit'}
            </button>
          </form>
        )}
      </section>
    </main>
  );
}
