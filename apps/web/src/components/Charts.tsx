import { colourFor, dodge, linearScale } from '../lib/scale';
import { formatFigure, formatFigures } from '../lib/figures';
import { formatNumber } from '../lib/labels';
import { RATING_LEVELS } from '../lib/distribution';

export interface Dot {
  value: number;
  colourIndex: number;
  label: string;
}

export interface DimensionRow {
  id: string;
  name: string;
  weight: number;
  dots: Dot[];
  adjustedMean: number | null;
  rawMean: number | null;
  min: number | null;
  max: number | null;
  flagged: boolean;
}

const LEFT = 300;
const RIGHT = 70;
const ROW = 46;
const TOP = 34;

/**
 * Per dimension: each interviewer's rating as a coloured dot on the 1–4 scale, the range between the lowest and
 * highest rating, and the adjusted (leniency-corrected) mean as a black diamond.
 */
export function DimensionChart(props: { rows: DimensionRow[]; width?: number; title?: string; levels?: number[] }) {
  const width = props.width ?? 1000;
  const height = TOP + props.rows.length * ROW + 24;
  const levels = props.levels?.length ? props.levels : [...RATING_LEVELS];
  const x = linearScale([levels[0], levels[levels.length - 1]], [LEFT, width - RIGHT]);
  return (
    <svg
      className="chart"
      role="img"
      aria-labelledby="dimchart-title dimchart-desc"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      data-testid="dimension-chart"
    >
      <title id="dimchart-title">{props.title ?? 'Ratings per dimension'}</title>
      <desc id="dimchart-desc">
        {props.rows
          .map(
            (r) =>
              `${r.name}: ratings ${r.dots.map((d) => `${d.label} ${d.value}`).join(', ') || 'none'}; adjusted mean ${formatFigure(r.adjustedMean)}`,
          )
          .join('. ')}
      </desc>
      {levels.map((level) => (
        <g key={level}>
          <line x1={x(level)} x2={x(level)} y1={TOP - 8} y2={height - 20} className="chart__grid" />
          <text x={x(level)} y={TOP - 14} textAnchor="middle" className="chart__tick">
            {level}
          </text>
        </g>
      ))}
      <text x={width - RIGHT + 10} y={TOP - 14} className="chart__tick">
        mean
      </text>
      {props.rows.map((row, i) => {
        const cy = TOP + i * ROW + ROW / 2;
        const offsets = dodge(row.dots, (d) => d.value);
        return (
          <g key={row.id} className={row.flagged ? 'chart__row chart__row--flagged' : 'chart__row'} data-dimension={row.name}>
            {i % 2 === 0 ? <rect x={0} y={cy - ROW / 2} width={width} height={ROW} className="chart__band" /> : null}
            <text x={8} y={cy - 3} className="chart__label">
              {truncate(row.name, 38)}
            </text>
            <text x={8} y={cy + 13} className="chart__sublabel">
              {formatNumber(row.weight, 1)}% weight{row.flagged ? ' · disagreement' : ''}
            </text>
            {row.min !== null && row.max !== null && row.max > row.min ? (
              <line x1={x(row.min)} x2={x(row.max)} y1={cy} y2={cy} className={row.flagged ? 'chart__range chart__range--flagged' : 'chart__range'} />
            ) : null}
            {row.adjustedMean !== null ? (
              <g>
                <title>{`Adjusted mean ${formatFigure(row.adjustedMean)}${row.rawMean !== null ? ` (raw ${formatFigure(row.rawMean)})` : ''}`}</title>
                <line x1={x(row.adjustedMean)} x2={x(row.adjustedMean)} y1={cy - ROW / 2 + 5} y2={cy + ROW / 2 - 5} className="chart__mean" />
              </g>
            ) : null}
            {row.dots.map((d, j) => (
              <circle key={j} cx={x(d.value)} cy={cy + offsets[j] * 9} r={7} fill={colourFor(d.colourIndex)} className="chart__dot">
                <title>{`${d.label}: ${d.value}`}</title>
              </circle>
            ))}
            <text x={width - RIGHT + 10} y={cy + 4} className="chart__value">
              {formatFigure(row.adjustedMean)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The weighted score with its interval, against the hiring bar (and the floor when there is one). */
export function ScoreChart(props: {
  score: number | null;
  rawScore?: number | null;
  low?: number | null;
  high?: number | null;
  level?: number | null;
  bar?: number | null;
  width?: number;
  /** The role's scale levels (default 1–4). */
  levels?: number[];
}) {
  const width = props.width ?? 760;
  const height = 92;
  const levels = props.levels?.length ? props.levels : [...RATING_LEVELS];
  const [lo, hi] = [levels[0], levels[levels.length - 1]];
  const x = linearScale([lo, hi], [40, width - 40]);
  const cy = 48;
  const { score, low, high, bar } = props;
  const levelPct = props.level ? Math.round(props.level * 100) : 90;
  // Two decimals; more where the score would print equal to the bar it fails.
  const [scoreText, barText] = score != null && bar != null ? formatFigures(score, bar) : [formatFigure(score), formatFigure(bar)];
  return (
    <svg className="chart" role="img" aria-labelledby="scorechart-title" viewBox={`0 0 ${width} ${height}`} width="100%" data-testid="score-chart">
      <title id="scorechart-title">
        {score === null
          ? 'No weighted score yet'
          : `Weighted score ${scoreText}${low != null && high != null ? `, ${levelPct}% interval ${formatFigure(low)} to ${formatFigure(high)}` : ''}${bar != null ? `, bar ${barText}` : ''}`}
      </title>
      <line x1={x(lo)} x2={x(hi)} y1={cy} y2={cy} className="chart__axis" />
      {levels.map((level) => (
        <g key={level}>
          <line x1={x(level)} x2={x(level)} y1={cy - 5} y2={cy + 5} className="chart__axis" />
          <text x={x(level)} y={cy + 22} textAnchor="middle" className="chart__tick">
            {level}
          </text>
        </g>
      ))}
      {low != null && high != null ? (
        <rect x={x(low)} y={cy - 10} width={Math.max(2, x(high) - x(low))} height={20} rx={4} className="chart__interval" />
      ) : null}
      {bar != null ? (
        <g>
          <line x1={x(bar)} x2={x(bar)} y1={cy - 24} y2={cy + 14} className="chart__bar" />
          <text x={x(bar)} y={cy - 28} textAnchor="middle" className="chart__bar-label">
            bar {barText}
          </text>
        </g>
      ) : null}
      {score != null ? (
        <g>
          <circle cx={x(score)} cy={cy} r={8} className="chart__score" />
          <text
            x={x(score)}
            y={cy + 40}
            textAnchor={x(score) > width - 160 ? 'end' : x(score) < 160 ? 'start' : 'middle'}
            className="chart__score-label"
          >
            {scoreText}
            {low != null && high != null ? ` (${levelPct}%: ${formatFigure(low)}–${formatFigure(high)})` : ''}
          </text>
        </g>
      ) : null}
    </svg>
  );
}

/**
 * Two distributions over the rating values side by side: an interviewer's (filled) against the organization's
 * (outline). A series that is null (withheld: too few ratings) is left out and labelled "not enough data yet".
 */
export function DistributionChart(props: {
  mine: number[] | null;
  theirs: number[] | null;
  mineLabel: string;
  theirsLabel: string;
  levels?: readonly number[];
  width?: number;
}) {
  const width = props.width ?? 460;
  const height = 200;
  const bottom = height - 30;
  const levels = props.levels?.length ? props.levels : RATING_LEVELS;
  const { mine, theirs } = props;
  const y = linearScale([0, Math.max(0.0001, ...(mine ?? []), ...(theirs ?? []))], [bottom, 20]);
  const groupWidth = (width - 40) / levels.length;
  const describe = (label: string, shares: number[] | null) =>
    `${label}: ${shares ? shares.map((p) => `${Math.round(p * 100)}%`).join(', ') : 'not enough data yet'}`;
  const bar = (shares: number[] | null, i: number, x: number, bw: number, className: string) =>
    shares ? (
      <>
        <rect x={x} y={y(shares[i])} width={bw} height={bottom - y(shares[i])} className={className} />
        <text x={x + bw / 2} y={y(shares[i]) - 4} textAnchor="middle" className="chart__tick">
          {Math.round(shares[i] * 100)}%
        </text>
      </>
    ) : null;
  return (
    <svg
      className="chart"
      role="img"
      aria-labelledby="distchart-title"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      data-testid="distribution-chart"
    >
      <title id="distchart-title">{`Share of ratings ${levels[0]} to ${levels[levels.length - 1]} — ${describe(props.mineLabel, mine)}; ${describe(props.theirsLabel, theirs)}`}</title>
      <line x1={20} x2={width - 20} y1={bottom} y2={bottom} className="chart__axis" />
      {!mine && !theirs ? (
        <text x={width / 2} y={bottom / 2} textAnchor="middle" className="chart__tick" data-testid="distribution-not-enough">
          Not enough data yet
        </text>
      ) : null}
      {levels.map((level, i) => {
        const gx = 20 + i * groupWidth;
        const bw = groupWidth / 3;
        return (
          <g key={level}>
            {bar(mine, i, gx + bw * 0.4, bw, 'chart__hist-mine')}
            {bar(theirs, i, gx + bw * 1.6, bw, 'chart__hist-org')}
            <text x={gx + groupWidth / 2} y={bottom + 18} textAnchor="middle" className="chart__tick">
              {level}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A horizontal 0–1 bar for reliability coefficients, with marks at 0.667 and 0.8. */
export function ReliabilityBar(props: { value: number | null; label: string }) {
  const width = 240;
  const x = linearScale([0, 1], [0, width]);
  const v = props.value;
  return (
    <svg
      className="chart chart--inline"
      role="img"
      aria-label={`${props.label}: ${v === null ? 'not enough data' : formatNumber(v)}`}
      viewBox={`0 0 ${width} 16`}
      width={width}
      height={16}
    >
      <rect x={0} y={3} width={width} height={10} rx={3} className="chart__track" />
      {v !== null ? (
        <rect
          x={0}
          y={3}
          width={x(Math.max(0, v))}
          height={10}
          rx={3}
          className={`chart__fill chart__fill--${v >= 0.8 ? 'good' : v >= 0.667 ? 'ok' : 'poor'}`}
        />
      ) : null}
      <line x1={x(0.667)} x2={x(0.667)} y1={0} y2={16} className="chart__mark" />
      <line x1={x(0.8)} x2={x(0.8)} y1={0} y2={16} className="chart__mark" />
    </svg>
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function Legend(props: { items: { label: string; colourIndex: number }[] }) {
  return (
    <ul className="legend" aria-label="Interviewers">
      {props.items.map((item) => (
        <li key={item.label}>
          <span className="legend__swatch" style={{ background: colourFor(item.colourIndex) }} aria-hidden="true" /> {item.label}
        </li>
      ))}
      <li>
        <span className="legend__mean" aria-hidden="true" /> adjusted mean (after leniency correction)
      </li>
    </ul>
  );
}

/** Counts of weighted scores in buckets over 1–4 (e.g. a role's applications); `withheld`: no bars, "not enough data yet". */
export function ScoreHistogram(props: { buckets: { from: number; to: number; count: number | null }[]; withheld?: boolean; width?: number }) {
  const width = props.width ?? 460;
  const height = 170;
  const bottom = height - 26;
  const x = linearScale([1, 4], [24, width - 16]);
  const withheld = !!props.withheld || props.buckets.some((b) => b.count === null);
  const buckets = props.buckets.map((b) => ({ ...b, count: withheld ? 0 : (b.count ?? 0) }));
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const y = linearScale([0, max], [bottom, 16]);
  const label = withheld
    ? 'not enough data yet'
    : buckets
        .filter((b) => b.count > 0)
        .map((b) => `${b.count} between ${b.from} and ${b.to}`)
        .join(', ') || 'none yet';
  return (
    <svg
      className="chart"
      role="img"
      aria-label={`Weighted scores: ${label}`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      data-testid="score-histogram"
    >
      <line x1={x(1)} x2={x(4)} y1={bottom} y2={bottom} className="chart__axis" />
      {withheld ? (
        <text x={width / 2} y={bottom / 2} textAnchor="middle" className="chart__tick">
          Not enough data yet
        </text>
      ) : (
        buckets.map((b) => (
          <g key={b.from}>
            <rect
              x={x(b.from) + 1}
              y={y(b.count)}
              width={Math.max(1, x(b.to) - x(b.from) - 2)}
              height={bottom - y(b.count)}
              className="chart__hist-mine"
            />
            {b.count > 0 ? (
              <text x={(x(b.from) + x(b.to)) / 2} y={y(b.count) - 3} textAnchor="middle" className="chart__tick">
                {b.count}
              </text>
            ) : null}
          </g>
        ))
      )}
      {RATING_LEVELS.map((level) => (
        <text key={level} x={x(level)} y={bottom + 16} textAnchor="middle" className="chart__tick">
          {level}
        </text>
      ))}
    </svg>
  );
}
