import type { Interval, ValidityCell, ValidityOutcome, ValidityPredictor } from '../../api/quality-of-hire-types';
import { linearScale } from '../../lib/scale';
import { cellWords, formatR } from '../../lib/validity';

const WIDTH = 420;
const HEIGHT = 46;
const x = linearScale([-1, 1], [10, WIDTH - 10]);

/**
 * Per outcome, each predictor's correlation with it: the uncorrected r with its 90 % interval, and beside it the
 * figure corrected for range restriction (only hires have outcomes). Below the minimum sample there is no bar at
 * all, only how many pairs there are of how many needed; every bar's figures are also written out in words.
 */
export function ValidityBars(props: { outcomes: ValidityOutcome[]; predictors: ValidityPredictor[]; cells: ValidityCell[]; minN: number }) {
  const cellOf = (p: string, o: string) => props.cells.find((c) => c.predictorKey === p && c.outcomeKey === o);
  return (
    <div className="qoh-validity">
      <ul className="legend">
        <li>
          <span className="legend__swatch qoh-swatch--raw" aria-hidden="true" /> r, with its 90 % interval
        </li>
        <li>
          <span className="legend__swatch qoh-swatch--corrected" aria-hidden="true" /> corrected for range restriction
        </li>
      </ul>
      {props.outcomes.map((outcome) => (
        <section key={outcome.key} aria-labelledby={`qoh-outcome-${outcome.key}`} className="qoh-outcome">
          <h3 id={`qoh-outcome-${outcome.key}`}>{outcome.label}</h3>
          <ul className="plain qoh-bars" data-testid={`validity-${outcome.key}`}>
            {props.predictors.map((predictor) => {
              const cell = cellOf(predictor.key, outcome.key);
              const words = cell ? cellWords(cell, props.minN) : 'Not computed';
              return (
                <li key={predictor.key} className="qoh-bar" data-predictor={predictor.key}>
                  <span className="qoh-bar__label">{predictor.label}</span>
                  {cell && cell.status === 'estimated' && cell.pearson !== null ? (
                    <Bar cell={cell} label={`${predictor.label} and ${outcome.label}`} />
                  ) : null}
                  <span className={`qoh-bar__words small${cell?.status === 'estimated' ? '' : ' muted'}`}>{words}</span>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}

function Bar(props: { cell: ValidityCell; label: string }) {
  const { cell } = props;
  return (
    <svg
      className="chart qoh-bar__chart"
      role="img"
      aria-label={`${props.label}: r ${formatR(cell.pearson)}${cell.corrected !== null ? `, corrected ${formatR(cell.corrected)}` : ''}`}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
    >
      <line x1={x(0)} x2={x(0)} y1={2} y2={HEIGHT - 12} className="chart__axis" />
      {[-1, -0.5, 0.5, 1].map((t) => (
        <line key={t} x1={x(t)} x2={x(t)} y1={2} y2={HEIGHT - 12} className="chart__grid" />
      ))}
      {[-1, 0, 1].map((t) => (
        <text key={t} x={x(t)} y={HEIGHT - 1} textAnchor="middle" className="chart__tick">
          {formatR(t)}
        </text>
      ))}
      <Row value={cell.pearson as number} interval={cell.interval} y={6} className="qoh-bar--raw" />
      {cell.corrected !== null ? <Row value={cell.corrected} interval={cell.correctedInterval} y={20} className="qoh-bar--corrected" /> : null}
    </svg>
  );
}

function Row(props: { value: number; interval: Interval | null; y: number; className: string }) {
  const { value, interval, y } = props;
  const from = Math.min(x(0), x(value));
  return (
    <g className={props.className}>
      <rect x={from} y={y} width={Math.max(1, Math.abs(x(value) - x(0)))} height={10} rx={2} />
      {interval ? (
        <g className="qoh-whisker">
          <line x1={x(interval.low)} x2={x(interval.high)} y1={y + 5} y2={y + 5} />
          <line x1={x(interval.low)} x2={x(interval.low)} y1={y} y2={y + 10} />
          <line x1={x(interval.high)} x2={x(interval.high)} y1={y} y2={y + 10} />
        </g>
      ) : null}
    </g>
  );
}
