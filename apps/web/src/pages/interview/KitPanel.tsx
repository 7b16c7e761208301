import type { InterviewKit } from '../../api/types';

/** The interview kit: what the round assesses (with its signals) and the questions with their guidance. */
export function KitPanel(props: { kit: InterviewKit }) {
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
                <Guidance summary="What to listen for" items={q.pointsOfAssessment} />
                <Guidance summary="Follow-ups" items={q.followUps} />
                <Guidance summary="Pitfalls" items={q.pitfalls} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </aside>
  );
}

function Guidance(props: { summary: string; items: string[] | undefined }) {
  if (!props.items?.length) return null;
  return (
    <details>
      <summary>{props.summary}</summary>
      <ul>
        {props.items.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </details>
  );
}
