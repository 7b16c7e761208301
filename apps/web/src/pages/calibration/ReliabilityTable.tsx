import type { RoleCalibration } from '../../api/types';
import { ReliabilityBar } from '../../components/Charts';
import { Empty } from '../../components/ProblemBanner';
import { judgedReliability, reliabilityShortfall, reliabilityWords } from '../../lib/distribution';
import { formatNumber } from '../../lib/labels';
import { ScrollRegion } from '../../components/ScrollRegion';

const BADGE = { good: 'ok', ok: 'warn', poor: 'error', none: 'none' } as const;

/** Krippendorff's alpha per dimension, judged only once enough candidates were rated by two interviewers or more. */
export function ReliabilityTable(props: { dimensions: RoleCalibration['dimensions'] }) {
  if (props.dimensions.length === 0) return <Empty>No dimensions.</Empty>;
  return (
    <ScrollRegion label="Table of reliability per dimension">
      <table className="table" data-testid="reliability-table">
        <thead>
          <tr>
            <th scope="col">Dimension</th>
            <th scope="col">Reliability</th>
            <th scope="col" className="num">
              Alpha
            </th>
            <th scope="col" className="num">
              Candidates
            </th>
            <th scope="col" className="num">
              Ratings
            </th>
          </tr>
        </thead>
        <tbody>
          {props.dimensions.map((d) => {
            const words = reliabilityWords(d.alpha, d);
            const alpha = judgedReliability(d.alpha, d);
            const shortfall = alpha === null ? reliabilityShortfall(d) : null;
            const label = d.name ?? 'Dimension';
            return (
              <tr key={d.dimensionId}>
                <th scope="row">{label}</th>
                <td>
                  {alpha !== null ? <ReliabilityBar value={alpha} label={label} /> : null}{' '}
                  <span className={`badge badge--${BADGE[words.tone]}`}>{words.label}</span>
                  {shortfall ? <span className="small muted"> ({shortfall})</span> : null}
                </td>
                <td className="num">{formatNumber(alpha)}</td>
                <td className="num">{d.nUnits}</td>
                <td className="num">{d.nRatings}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
