import { useState } from 'react';
import { useInvalidate } from '../../api/queries';
import { apiClient, unwrap } from '../../api/typed-client';
import type { Question, Role, Round } from '../../api/types';
import { usePagedList } from '../../components/PagedList';
import { Empty, Loading, ProblemBanner } from '../../components/ProblemBanner';
import { useAction } from '../../lib/hooks';
import { QUESTION_BANK_KEY, roleKey, useQuestion } from './queries';
import { QuestionBody, QuestionForm } from './QuestionForm';
import { moveItem } from './shared';
import './questions.css';

/**
 * A round's questions, in the order the interview kit shows them: written here (they go to the organization's
 * question bank, tagged with the round's focus dimensions), edited, reordered, removed, or picked from the bank.
 */
export function RoundQuestions(props: { roleId: string; round: Round; editable: boolean; onChange: (role: Role) => void }) {
  const { round } = props;
  const ids = round.questionIds ?? [];
  const invalidate = useInvalidate();
  const attach = useAction(async (questionIds: string[]) =>
    unwrap(
      await apiClient.PATCH('/v1/roles/{id}/rounds/{roundId}', { params: { path: { id: props.roleId, roundId: round.id } }, body: { questionIds } }),
    ),
  );
  const create = useAction(async (body: QuestionBody) =>
    unwrap(await apiClient.POST('/v1/questions', { body: { ...body, dimensionIds: round.focusDimensionIds } })),
  );
  const setQuestions = async (questionIds: string[]) => {
    const res = await attach.run(questionIds);
    if (res) props.onChange(res.role);
    return Boolean(res);
  };
  const onCreate = async (body: QuestionBody) => {
    const question = await create.run(body);
    if (!question) return false;
    void invalidate(QUESTION_BANK_KEY);
    return setQuestions([...ids, question.id]);
  };
  const move = (index: number, delta: number) => setQuestions(moveItem(ids, index, delta));
  const titleId = `round-${round.id}-questions`;
  return (
    <section className="round-questions" aria-labelledby={titleId} data-testid="round-questions">
      <h4 id={titleId}>Questions ({ids.length})</h4>
      {ids.length === 0 ? (
        <p className="muted small">No question yet: this round's interview kit has none. Write one below or pick one from the question bank.</p>
      ) : (
        <ol className="question-list">
          {ids.map((id, i) => (
            <QuestionItem
              key={id}
              roleId={props.roleId}
              questionId={id}
              position={i + 1}
              editable={props.editable}
              busy={attach.pending}
              onMove={(delta) => void move(i, delta)}
              canMoveUp={i > 0}
              canMoveDown={i < ids.length - 1}
              onRemove={() => void setQuestions(ids.filter((x) => x !== id))}
            />
          ))}
        </ol>
      )}
      <ProblemBanner error={attach.error} title="Could not change the round's questions" />
      {props.editable ? (
        <>
          <details className="add-form">
            <summary>Write a question</summary>
            <QuestionForm
              label={`Write a question for ${round.name}`}
              submitLabel="Add question"
              pending={create.pending || attach.pending}
              error={create.error}
              onSubmit={onCreate}
            />
          </details>
          <QuestionBankPicker roundName={round.name} chosen={ids} busy={attach.pending} onAdd={(id) => void setQuestions([...ids, id])} />
        </>
      ) : null}
    </section>
  );
}

function QuestionItem(props: {
  roleId: string;
  questionId: string;
  position: number;
  editable: boolean;
  busy: boolean;
  canMoveUp: boolean;
  canMoveDown: boolean;
  onMove: (delta: number) => void;
  onRemove: () => void;
}) {
  const question = useQuestion(props.questionId);
  const [editing, setEditing] = useState(false);
  const invalidate = useInvalidate();
  const save = useAction(async (body: QuestionBody) =>
    unwrap(await apiClient.PATCH('/v1/questions/{id}', { params: { path: { id: props.questionId } }, body })),
  );
  const onSave = async (body: QuestionBody) => {
    const saved = await save.run(body);
    if (!saved) return false;
    question.setData(saved);
    setEditing(false);
    // An edit reaches every loop using the question (a new loop version where scorecards exist).
    await invalidate(roleKey(props.roleId), QUESTION_BANK_KEY);
    return true;
  };
  const q = question.data;
  const n = props.position;
  if (!q) return <li className="question-item">{question.error ? <ProblemBanner error={question.error} /> : <Loading />}</li>;
  return (
    <li className="question-item" data-testid="round-question">
      {editing ? (
        <QuestionForm
          question={q}
          label={`Edit question ${n}`}
          submitLabel="Save question"
          pending={save.pending}
          error={save.error}
          onSubmit={onSave}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <QuestionText question={q} />
          {props.editable ? (
            <div className="actions">
              <button type="button" className="button button--small" onClick={() => setEditing(true)} aria-label={`Edit question ${n}`}>
                Edit
              </button>
              <button
                type="button"
                className="button button--small button--ghost"
                disabled={!props.canMoveUp || props.busy}
                onClick={() => props.onMove(-1)}
                aria-label={`Move question ${n} earlier`}
              >
                ↑
              </button>
              <button
                type="button"
                className="button button--small button--ghost"
                disabled={!props.canMoveDown || props.busy}
                onClick={() => props.onMove(1)}
                aria-label={`Move question ${n} later`}
              >
                ↓
              </button>
              <button
                type="button"
                className="button button--small button--ghost"
                disabled={props.busy}
                onClick={props.onRemove}
                aria-label={`Remove question ${n} from the round`}
              >
                Remove
              </button>
            </div>
          ) : null}
        </>
      )}
    </li>
  );
}

/** The question as the interviewer's kit will show it. */
function QuestionText(props: { question: Question }) {
  const q = props.question;
  const list = (title: string, items: string[]) =>
    items.length ? (
      <div className="question-item__list">
        <span className="small muted">{title}</span>
        <ul className="small">
          {items.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ul>
      </div>
    ) : null;
  return (
    <>
      <p className="question-item__prompt" data-testid="question-prompt">
        {q.prompt}
      </p>
      {list('Points of assessment', q.pointsOfAssessment)}
      {list('Follow-ups', q.followUps)}
      {list('Signals of a weak answer', q.pitfalls)}
    </>
  );
}

/** The organization's question bank, searched and paged on the server (newest first, with counts), to add to the round. */
function QuestionBankPicker(props: { roundName: string; chosen: string[]; busy: boolean; onAdd: (questionId: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="add-form" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Pick from the question bank</summary>
      {open ? <QuestionBankList {...props} /> : null}
    </details>
  );
}

function QuestionBankList(props: { roundName: string; chosen: string[]; busy: boolean; onAdd: (questionId: string) => void }) {
  const list = usePagedList<Question>('/questions', {
    noun: 'questions',
    label: `Search the question bank for ${props.roundName}`,
    testId: 'question-bank',
    pageSize: 8,
  });
  const invalidate = useInvalidate();
  const remove = useAction(async (id: string) => {
    unwrap(await apiClient.DELETE('/v1/questions/{id}', { params: { path: { id } } }));
    await invalidate(QUESTION_BANK_KEY);
  });
  const data = list.resource.data;
  return (
    <div className="question-bank">
      {list.controls}
      <ProblemBanner error={remove.error} title="Could not delete the question" />
      {!data ? (
        list.resource.error ? null : (
          <Loading />
        )
      ) : data.items.length === 0 ? (
        <Empty>{list.search ? 'No question matches.' : 'The question bank is empty.'}</Empty>
      ) : (
        <ul className="question-bank__list">
          {data.items.map((q) => {
            const inRound = props.chosen.includes(q.id);
            return (
              <li key={q.id} className="question-bank__item">
                <span className="question-bank__prompt">{q.prompt}</span>
                <span className="actions">
                  <button type="button" className="button button--small" disabled={inRound || props.busy} onClick={() => props.onAdd(q.id)}>
                    {inRound ? 'In this round' : 'Add'}
                    <span className="sr-only"> “{q.prompt}”</span>
                  </button>
                  <button
                    type="button"
                    className="button button--small button--ghost"
                    disabled={inRound || remove.pending}
                    onClick={() => window.confirm(`Delete “${q.prompt}” from the question bank?`) && void remove.run(q.id)}
                  >
                    Delete from the bank<span className="sr-only"> “{q.prompt}”</span>
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
