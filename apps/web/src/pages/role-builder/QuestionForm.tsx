import { FormEvent, useState } from 'react';
import type { Question } from '../../api/types';
import { Field } from '../../components/Field';
import { ProblemBanner } from '../../components/ProblemBanner';
import type { ApiError } from '../../lib/problem';
import { linesToList, listToLines } from './shared';

/** What a question of the bank says: the prompt, what to listen for, follow-ups and the signs of a weak answer. */
export interface QuestionBody {
  prompt: string;
  pointsOfAssessment: string[];
  followUps: string[];
  pitfalls: string[];
}

interface Draft {
  prompt: string;
  points: string;
  followUps: string;
  pitfalls: string;
}

const draftOf = (q?: Question): Draft => ({
  prompt: q?.prompt ?? '',
  points: listToLines(q?.pointsOfAssessment),
  followUps: listToLines(q?.followUps),
  pitfalls: listToLines(q?.pitfalls),
});

/**
 * Writes or edits a question. Every problem the API finds is shown at once, next to its field (the lists' entries
 * are one a line; an entry's message is shown under its list).
 */
export function QuestionForm(props: {
  question?: Question;
  label: string;
  submitLabel: string;
  pending: boolean;
  error: ApiError | null;
  onSubmit: (body: QuestionBody) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.question));
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await props.onSubmit({
      prompt: draft.prompt,
      pointsOfAssessment: linesToList(draft.points),
      followUps: linesToList(draft.followUps),
      pitfalls: linesToList(draft.pitfalls),
    });
    if (done && !props.question) setDraft(draftOf());
  };
  const err = props.error;
  return (
    <form className="question-form" onSubmit={onSubmit} noValidate aria-label={props.label}>
      <ProblemBanner
        error={err}
        claimed={['prompt', 'pointsOfAssessment', 'followUps', 'pitfalls', 'questionIds']}
        title="Could not save the question"
      />
      <Field label="Question" errors={err?.under('prompt')}>
        {(p) => <textarea {...p} name="prompt" rows={2} value={draft.prompt} onChange={set('prompt')} />}
      </Field>
      <Field
        label="Points of assessment (one a line)"
        hint="What a good answer covers: the interviewer listens for these."
        errors={err?.under('pointsOfAssessment')}
      >
        {(p) => <textarea {...p} name="pointsOfAssessment" rows={3} value={draft.points} onChange={set('points')} />}
      </Field>
      <Field label="Follow-up questions (one a line)" errors={err?.under('followUps')}>
        {(p) => <textarea {...p} name="followUps" rows={2} value={draft.followUps} onChange={set('followUps')} />}
      </Field>
      <Field label="Signals of a weak answer (one a line)" hint="Common pitfalls the kit warns about." errors={err?.under('pitfalls')}>
        {(p) => <textarea {...p} name="pitfalls" rows={2} value={draft.pitfalls} onChange={set('pitfalls')} />}
      </Field>
      <div className="actions">
        <button type="submit" className="button" disabled={props.pending}>
          {props.pending ? 'Saving…' : props.submitLabel}
        </button>
        {props.onCancel ? (
          <button type="button" className="button button--ghost" onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
