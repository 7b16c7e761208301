import { useMemo } from 'react';
import type { Debrief, ScaleLevel } from '../../api/types';
import { DimensionChart, DimensionRow, Legend } from '../../components/Charts';
import { formatFigure } from '../../lib/figures';
import { formatNumber } from '../../lib/labels';
import { ScrollRegion } from '../../components/ScrollRegion';

/**
 * Per dimension: every interviewer's rating on the chart, then the figures — raw beside adjusted mean — with the
 * required dimensions marked and the ones nobody rated called out.
 */
export function DimensionsCard(props: { debrief: Debrief; levels: ScaleLevel[] }) {
  const d = props.debrief;
  const report = d.report!;
  const interviewers = useMemo(() => {
    const seen = new Map<string, string>();
    for (const sc of d.scorecards) if (!seen.has(sc.interviewer.id)) seen.set(sc.interviewer.id, sc.interviewer.name);
    return [...seen.entries()].map(([id, name], i) => ({ id, name, colourIndex: i }));
  }, [d.scorecards]);
  const rows: DimensionRow[] = report.dimensions.map((dim) => ({
    id: dim.dimensionId,
    name: dim.name,
    weight: dim.weight,
    dots: d.scorecards.flatMap((sc) =>
      sc.ratings
        .filter((r) => r.dimensionId === dim.dimensionId && !r.notAssessed && r.rating !== null)
        .map((r) => ({
          value: r.rating as number,
          colourIndex: interviewers.find((i) => i.id === sc.interviewer.id)?.colourIndex ?? 0,
          label: sc.interviewer.name,
        })),
    ),
    adjustedMean: dim.adjustedMean,
    rawMean: dim.rawMean,
    min: dim.min,
    max: dim.max,
    flagged: Boolean(dim.disagreement),
  }));
  const unassessedRequired = report.dimensions.filter((dim) => dim.required !== false && dim.raters === 0);
  return (
    <section className="card" aria-labelledby="dimensions-chart-title">
      <h2 id="dimensions-chart-title">Ratings per dimension</h2>
      {unassessedRequired.length > 0 ? (
        <p className="callout callout--disagreement" role="note" data-testid="unassessed-required">
          <strong>Not rated by anyone yet:</strong> {unassessedRequired.map((dim) => dim.name).join(', ')} — required before the report can recommend
          hiring.
        </p>
      ) : null}
      <Legend items={interviewers.map((i) => ({ label: i.name, colourIndex: i.colourIndex }))} />
      <DimensionChart rows={rows} levels={props.levels.map((l) => l.value)} />
      <ScrollRegion label="Ratings per dimension table">
        <table className="table table--compact" data-testid="dimension-table">
          <caption className="sr-only">Per-dimension figures</caption>
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col" className="num">
                Weight
              </th>
              <th scope="col" className="num">
                Raters
              </th>
              <th scope="col" className="num">
                Raw mean
              </th>
              <th scope="col" className="num">
                Adjusted mean
              </th>
              <th scope="col" className="num">
                Range
              </th>
            </tr>
          </thead>
          <tbody>
            {report.dimensions.map((dim) => {
              const required = dim.required !== false;
              const unassessed = dim.raters === 0;
              return (
                <tr
                  key={dim.dimensionId}
                  className={dim.disagreement || (required && unassessed) ? 'row--flagged' : undefined}
                  data-dimension={dim.name}
                >
                  <th scope="row">
                    {dim.name}
                    {required ? <span className="badge badge--required">required</span> : <span className="badge badge--optional">optional</span>}
                    {unassessed ? (
                      <span className={`badge ${required ? 'badge--warn' : 'badge--optional'}`} data-testid="unassessed">
                        not assessed
                      </span>
                    ) : null}
                    {dim.disagreement ? <span className="badge badge--warn">disagreement</span> : null}
                  </th>
                  <td className="num">{formatNumber(dim.weight, 1)}%</td>
                  <td className="num">{dim.raters}</td>
                  <td className="num">{formatFigure(dim.rawMean)}</td>
                  <td className="num">{formatFigure(dim.adjustedMean)}</td>
                  <td className="num">{dim.min !== null && dim.max !== null ? `${dim.min}–${dim.max}` : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
