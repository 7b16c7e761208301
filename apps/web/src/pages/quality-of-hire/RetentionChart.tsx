import type { Retention } from '../../api/quality-of-hire-types';
import { linearScale } from '../../lib/scale';
import { logRankWords, stepPath, survivalAt } from '../../lib/validity';
import { ScrollRegion } from '../../components/ScrollRegion';

const WIDTH = 560;
const HEIGHT = 280;
const PAD = { left: 48, right: 16, top: 14, bottom: 42 };
const MARKS = [90, 180, 365, 730];

/**
 * Kaplan–Meier retention: the share of each group still employed by day since the start, as step curves (hires the
 * panel recommended, solid; hired despite a no-hire recommendation, dashed), with the log-rank test in words and the
 * same figures at 90, 180, 365 and 730 days in a table.
 */
export function RetentionChart(props: { retention: Retention }) {
  const { groups, logRank } = props.retention;
  const lastDay = Math.max(365, ...groups.flatMap((g) => g.curve.map((p) => p.day)));
  const x = linearScale([0, lastDay], [PAD.left, WIDTH - PAD.right]);
  const y = linearScale([0, 1], [HEIGHT - PAD.bottom, PAD.top]);
  const marks = MARKS.filter((d) => d <= lastDay);
  const words = logRankWords(logRank);
  return (
    <figure className="qoh-figure">
      <svg
        className="chart"
        role="img"
        aria-labelledby="qoh-retention-title"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        data-testid="qoh-retention"
      >
        <title id="qoh-retention-title">{`Share still employed by days since the start, ${groups.map((g) => `${g.label} (${g.n})`).join(' and ')}. ${words}`}</title>
        {[0, 0.25, 0.5, 0.75, 1].map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} className="chart__grid" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="chart__tick">
              {Math.round(t * 100)}%
            </text>
          </g>
        ))}
        {marks.map((d) => (
          <text key={d} x={x(d)} y={HEIGHT - PAD.bottom + 16} textAnchor="middle" className="chart__tick">
            {d}
          </text>
        ))}
        <text x={(PAD.left + WIDTH - PAD.right) / 2} y={HEIGHT - 6} textAnchor="middle" className="chart__sublabel">
          Days since the start
        </text>
        {groups.map((g) => (
          <path key={g.key} d={stepPath(g.curve, x, y, lastDay)} className={`qoh-curve qoh-curve--${g.key}`} />
        ))}
      </svg>
      <ul className="legend">
        {groups.map((g) => (
          <li key={g.key}>
            <span className={`qoh-line qoh-line--${g.key}`} aria-hidden="true" /> {g.label}: {g.n} hire{g.n === 1 ? '' : 's'}, {g.events} left
          </li>
        ))}
      </ul>
      <p data-testid="qoh-logrank">{words}</p>
      <ScrollRegion label="Share still employed">
        <table className="table">
          <caption className="small muted">Share still employed, with its interval</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              {marks.map((d) => (
                <th key={d} scope="col" className="num">
                  Day {d}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.key}>
                <th scope="row">{g.label}</th>
                {marks.map((d) => {
                  const p = survivalAt(g.curve, d);
                  return (
                    <td key={d} className="num">
                      {p ? `${percent(p.survival)} (${percent(p.low)}–${percent(p.high)})` : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </figure>
  );
}

const percent = (share: number) => `${Math.round(share * 100)}%`;
