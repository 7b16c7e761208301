import type { ReactNode } from 'react';
import type { DebriefScorecard, ScaleLevel } from '../api/types';
import { formatDateTime, LEVEL_LABELS, RECOMMENDATION_LABELS } from '../lib/labels';
import { labelOf, levelsOf } from '../lib/ratingScale';
import { colourFor } from '../lib/scale';

/** One submitted scorecard, read-only: each dimension's rating with its evidence, then signals and red flags. */
export function ScorecardView(props: {
  scorecard: DebriefScorecard;
  showInterviewer: boolean;
  colourIndex?: number;
  dimensionNames?: Record<string, string>;
  /** The role's scale: level labels instead of the 4-point defaults. */
  levels?: ScaleLevel[];
  /** Shown in the header (e.g. the "amended after reading the panel" marker). */
  marker?: ReactNode;
  children?: ReactNode;
}) {
  const sc = props.scorecard;
  const nameOf = (id: string, fallback: string) => fallback || props.dimensionNames?.[id] || 'A dimension of another round';
  const levelLabel = (rating: number | null) => labelOf(props.levels ?? levelsOf(null), rating);
  return (
    <article
      className="scorecard-view"
      data-testid="scorecard-view"
      aria-label={props.showInterviewer ? `Scorecard by ${sc.interviewer.name}` : 'Your scorecard'}
    >
      {props.showInterviewer ? (
        <header className="scorecard-view__head">
          {props.colourIndex !== undefined ? (
            <span className="legend__swatch" style={{ background: colourFor(props.colourIndex) }} aria-hidden="true" />
          ) : null}
          <strong>{sc.interviewer.name}</strong>
          {sc.round?.name ? <span className="muted"> · {sc.round.name}</span> : null}
          <span className={`rec rec--${sc.recommendation}`}>{RECOMMENDATION_LABELS[sc.recommendation] ?? sc.recommendation}</span>
          {sc.revision > 1 ? <span className="muted small"> · amended (rev. {sc.revision})</span> : null}
          {props.marker}
          {sc.submittedAt ? <span className="muted small"> · {formatDateTime(sc.submittedAt)}</span> : null}
        </header>
      ) : (
        <p>
          Recommendation: <span className={`rec rec--${sc.recommendation}`}>{RECOMMENDATION_LABELS[sc.recommendation] ?? sc.recommendation}</span>
        </p>
      )}
      <dl className="scorecard-view__ratings">
        {sc.ratings.map((r) => (
          <div key={r.dimensionId} className="scorecard-view__rating">
            <dt>
              {nameOf(r.dimensionId, r.dimensionName)}:{' '}
              {r.notAssessed ? (
                <em>not assessed</em>
              ) : (
                <span className={`rating-badge rating-badge--${r.rating}`}>
                  {r.rating} · {levelLabel(r.rating)}
                </span>
              )}
            </dt>
            <dd>{r.notAssessed ? r.notAssessedReason : r.evidence}</dd>
          </div>
        ))}
      </dl>
      {sc.signals?.length ? (
        <p className="small">
          Signals:{' '}
          {sc.signals.map((s, i) => (
            <span key={i} className={`signal signal--${s.kind}`}>
              {s.kind === 'strong' ? '+' : '−'} {s.text}
              {i < sc.signals.length - 1 ? ' · ' : ''}
            </span>
          ))}
        </p>
      ) : null}
      {sc.redFlags?.length ? <p className="small red-flag-text">⚑ Red flags: {sc.redFlags.join(' · ')}</p> : null}
      {sc.levelAssessment ? <p className="small">Level: {LEVEL_LABELS[sc.levelAssessment]}</p> : null}
      {sc.privateNote ? <p className="small private-note">Private note: {sc.privateNote}</p> : null}
      {props.children}
    </article>
  );
}
