import type { Debrief, ScaleLevel } from '../../api/types';
import { REPORT_RECOMMENDATION_LABELS } from '../../lib/labels';
import { reasonContextOf, reasonSentence } from '../../lib/reasons';

/** The recommendation and its reasons, each rendered from its code and figures into a sentence with names. */
export function RecommendationCard(props: { debrief: Debrief; levels: ScaleLevel[] }) {
  const report = props.debrief.report!;
  return (
    <section
      className={`card recommendation recommendation--${report.recommendation}`}
      aria-labelledby="recommendation-title"
      data-testid="recommendation"
    >
      <h2 id="recommendation-title">
        Recommendation: <span data-testid="recommendation-value">{REPORT_RECOMMENDATION_LABELS[report.recommendation] ?? report.recommendation}</span>
      </h2>
      <ReasonList debrief={props.debrief} levels={props.levels} />
    </section>
  );
}

export function ReasonList(props: { debrief: Debrief; levels: ScaleLevel[] }) {
  const reasons = props.debrief.report?.reasons ?? [];
  if (reasons.length === 0) return null;
  const ctx = reasonContextOf(props.debrief, props.levels);
  return (
    <ul className="reasons" data-testid="reasons">
      {reasons.map((r, i) => (
        <li key={i} className={`reason reason--${r.code}`} data-code={r.code}>
          {reasonSentence(r, ctx)}
        </li>
      ))}
    </ul>
  );
}
