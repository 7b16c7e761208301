import type { Amendment, DebriefScorecard, ScaleLevel } from '../../api/types';
import { formatDateTime, RECOMMENDATION_LABELS } from '../../lib/labels';
import { labelOf } from '../../lib/ratingScale';

/** "Amended after reading the panel": the marker a scorecard carries when its author changed it after reading others. */
export function AmendedMarker(props: { scorecard: DebriefScorecard }) {
  const sc = props.scorecard;
  const after = sc.amendedAfterViewingPanel ?? sc.amendments?.some((a) => a.afterViewingPanel) ?? false;
  if (!after) return null;
  return (
    <span className="badge badge--warn" data-testid="amended-after-panel" title="Changed by its author after reading other interviewers' feedback">
      Amended after reading the panel
    </span>
  );
}

/** Every amendment of a scorecard: when, why, and each changed rating (before → after) with the dimension's name. */
export function AmendmentList(props: { scorecard: DebriefScorecard; levels: ScaleLevel[]; dimensionNames: Record<string, string> }) {
  const amendments = props.scorecard.amendments ?? [];
  if (amendments.length === 0) return null;
  return (
    <section className="amendments" aria-label={`Amendments by ${props.scorecard.interviewer.name}`} data-testid="amendments">
      <h3 className="amendments__title">
        Amendments <AmendedMarker scorecard={props.scorecard} />
      </h3>
      <ol>
        {amendments.map((a) => (
          <AmendmentItem key={a.revision} amendment={a} levels={props.levels} dimensionNames={props.dimensionNames} />
        ))}
      </ol>
    </section>
  );
}

function AmendmentItem(props: { amendment: Amendment; levels: ScaleLevel[]; dimensionNames: Record<string, string> }) {
  const a = props.amendment;
  const rating = (v: number | null) => (v === null || v === undefined ? 'not assessed' : `${v} (${labelOf(props.levels, v)})`);
  const rec = (r: string | null | undefined) => (r ? (RECOMMENDATION_LABELS[r as keyof typeof RECOMMENDATION_LABELS] ?? r) : 'none');
  const recommendationChanged =
    a.recommendationBefore !== undefined && a.recommendationAfter !== undefined && a.recommendationBefore !== a.recommendationAfter;
  return (
    <li className={a.afterViewingPanel ? 'amendment amendment--after-panel' : 'amendment'} data-testid="amendment">
      <p className="small">
        Revision {a.revision} · {formatDateTime(a.amendedAt)}
        {a.afterViewingPanel ? <strong> · after reading the panel</strong> : null}
        {a.reason ? <> · reason: “{a.reason}”</> : null}
      </p>
      {a.changes.length || recommendationChanged ? (
        <ul className="small">
          {a.changes.map((c) => (
            <li key={c.dimensionId} data-testid="amendment-change">
              {c.dimensionName || props.dimensionNames[c.dimensionId] || 'A dimension'}: {rating(c.before)} → {rating(c.after)}
            </li>
          ))}
          {recommendationChanged ? (
            <li data-testid="amendment-change">
              Recommendation: {rec(a.recommendationBefore)} → {rec(a.recommendationAfter)}
            </li>
          ) : null}
        </ul>
      ) : (
        <p className="small muted">No rating or recommendation changed.</p>
      )}
    </li>
  );
}
