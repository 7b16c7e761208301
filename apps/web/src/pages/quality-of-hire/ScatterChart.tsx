import type { ScatterPoint } from '../../api/quality-of-hire-types';
import { formatNumber } from '../../lib/labels';
import { linearScale } from '../../lib/scale';
import { ScrollRegion } from '../../components/ScrollRegion';

const WIDTH = 560;
const HEIGHT = 320;
const PAD = { left: 52, right: 16, top: 16, bottom: 46 };

/** Panel score (x) against the 12-month rating (y), one dot per hire; the table under it says the same in text. */
export function ScatterChart(props: { points: ScatterPoint[]; correlation: string }) {
  const { points } = props;
  const xs = points.map((p) => p.panelScore);
  const ys = points.map((p) => p.rating);
  const xDomain: [number, number] = [Math.min(1, ...xs), Math.max(4, ...xs.map(Math.ceil))];
  const yDomain: [number, number] = [Math.min(1, ...ys), Math.max(5, ...ys.map(Math.ceil))];
  const x = linearScale(xDomain, [PAD.left, WIDTH - PAD.right]);
  const y = linearScale(yDomain, [HEIGHT - PAD.bottom, PAD.top]);
  const xTicks = range(xDomain[0], xDomain[1]);
  const yTicks = range(yDomain[0], yDomain[1]);
  return (
    <figure className="qoh-figure">
      <svg className="chart" role="img" aria-labelledby="qoh-scatter-title" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" data-testid="qoh-scatter">
        <title id="qoh-scatter-title">{`Panel score against the 12-month rating for ${points.length} hire${points.length === 1 ? '' : 's'}: ${props.correlation}`}</title>
        {xTicks.map((t) => (
          <g key={`x${t}`}>
            <line x1={x(t)} x2={x(t)} y1={PAD.top} y2={HEIGHT - PAD.bottom} className="chart__grid" />
            <text x={x(t)} y={HEIGHT - PAD.bottom + 16} textAnchor="middle" className="chart__tick">
              {t}
            </text>
          </g>
        ))}
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} className="chart__grid" />
            <text x={PAD.left - 8} y={y(t) + 4} textAnchor="end" className="chart__tick">
              {t}
            </text>
          </g>
        ))}
        <text x={(PAD.left + WIDTH - PAD.right) / 2} y={HEIGHT - 6} textAnchor="middle" className="chart__sublabel">
          Panel score (weighted, after leniency correction)
        </text>
        <text
          x={14}
          y={(PAD.top + HEIGHT - PAD.bottom) / 2}
          textAnchor="middle"
          className="chart__sublabel"
          transform={`rotate(-90 14 ${(PAD.top + HEIGHT - PAD.bottom) / 2})`}
        >
          12-month rating
        </text>
        {points.map((p) => (
          <circle key={p.applicationId} cx={x(p.panelScore)} cy={y(p.rating)} r={5} className="qoh-dot" />
        ))}
      </svg>
      <figcaption className="small muted">{props.correlation}</figcaption>
      <details className="qoh-details">
        <summary>The {points.length} hires as a table</summary>
        <ScrollRegion label="Hires as a table">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Hire</th>
                <th scope="col" className="num">
                  Panel score
                </th>
                <th scope="col" className="num">
                  12-month rating
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((p, i) => (
                <tr key={p.applicationId}>
                  <th scope="row">{i + 1}</th>
                  <td className="num">{formatNumber(p.panelScore)}</td>
                  <td className="num">{formatNumber(p.rating)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </figure>
  );
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let v = Math.ceil(from); v <= to; v++) out.push(v);
  return out;
}
