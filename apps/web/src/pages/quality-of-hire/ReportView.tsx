import type { ValidityReport } from '../../api/quality-of-hire-types';
import { Empty } from '../../components/ProblemBanner';
import { cellWords, notEnoughData } from '../../lib/validity';
import { RetentionChart } from './RetentionChart';
import { ScatterChart } from './ScatterChart';
import { ValidityBars } from './ValidityBars';

const SCATTER_OUTCOME = 'rating_12m';

/** A finished validity report: the scatter, the validity bars per outcome and the retention curves. */
export function ReportView(props: { report: ValidityReport }) {
  const r = props.report;
  const panelCell =
    r.cells.find((c) => c.predictorKey === 'panel_score' && c.outcomeKey === SCATTER_OUTCOME) ??
    r.cells.find((c) => c.predictorKey === 'panel_score');
  const correlation = panelCell ? cellWords(panelCell, r.minN) : capitalize(notEnoughData(r.scatter.length, r.minN));
  return (
    <>
      <section className="card" aria-labelledby="qoh-scatter-heading">
        <h2 id="qoh-scatter-heading">Panel score and the 12-month rating</h2>
        {r.scatter.length === 0 ? (
          <Empty>No hire has both a panel score and a 12-month rating yet.</Empty>
        ) : (
          <ScatterChart points={r.scatter} correlation={correlation} />
        )}
      </section>
      <section className="card" aria-labelledby="qoh-validity-heading">
        <h2 id="qoh-validity-heading">What predicts the outcomes</h2>
        <p className="small muted">
          Correlation of each part of the interview loop with each outcome among the hires. A figure is shown from {r.minN} hires with both on; below
          that the page says how many there are.
        </p>
        {r.predictors.length === 0 || r.outcomes.length === 0 ? (
          <Empty>No predictor or outcome to relate yet.</Empty>
        ) : (
          <ValidityBars outcomes={r.outcomes} predictors={r.predictors} cells={r.cells} minN={r.minN} />
        )}
      </section>
      <section className="card" aria-labelledby="qoh-retention-heading">
        <h2 id="qoh-retention-heading">Retention</h2>
        {r.retention.status === 'not_enough_data' ? (
          <p data-testid="qoh-retention-not-enough">
            Not enough data yet to draw retention curves ({r.retention.groups.map((g) => `${g.label.toLowerCase()}: ${g.n}`).join(', ') || 'no hires'}
            ).
          </p>
        ) : (
          <RetentionChart retention={r.retention} />
        )}
      </section>
    </>
  );
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
