import { cellKey, computeCoverage, coverageLabel, CoverageDimension, CoverageRound, DimensionCoverage } from '../lib/coverage';

/**
 * Dimensions × rounds. A filled cell means the round focuses on the dimension; click (or Space/Enter) toggles it.
 * Each row says at a glance whether nobody assesses the dimension, only one round does, or several do.
 */
export function CoverageGrid(props: {
  dimensions: CoverageDimension[];
  rounds: CoverageRound[];
  onToggle: (roundId: string, dimensionId: string) => void;
  pending?: Set<string>;
  disabled?: boolean;
  messagesFor?: (field: string) => string[];
}) {
  const model = computeCoverage(props.dimensions, props.rounds);
  const messagesFor = props.messagesFor ?? (() => []);
  if (props.dimensions.length === 0 || props.rounds.length === 0) {
    return <p className="empty">Add dimensions and rounds to see which round assesses what.</p>;
  }
  return (
    <div className="coverage">
      <table className="coverage-grid" data-testid="coverage-grid">
        <caption className="sr-only">Coverage: which round focuses on which dimension</caption>
        <thead>
          <tr>
            <th scope="col">Dimension</th>
            {model.rounds.map((r) => (
              <th scope="col" key={r.roundId} className={r.empty ? 'coverage-grid__round--empty' : undefined}>
                <span>{r.name}</span>
                {r.empty ? <span className="badge badge--error">no focus</span> : null}
              </th>
            ))}
            <th scope="col">Rounds</th>
          </tr>
        </thead>
        <tbody>
          {model.dimensions.map((d) => (
            <tr
              key={d.dimensionId}
              className={`coverage-grid__row coverage-grid__row--${d.state}`}
              data-state={d.state}
              data-dimension={d.name}
              data-field={`dimensions.${d.dimensionId}`}
            >
              <th scope="row">{d.name}</th>
              {model.rounds.map((r) => {
                const key = cellKey(d.dimensionId, r.roundId);
                const on = model.cells.has(key);
                const busy = props.pending?.has(key);
                return (
                  <td key={r.roundId}>
                    <button
                      type="button"
                      className={`coverage-cell${on ? ' coverage-cell--on' : ''}${busy ? ' coverage-cell--busy' : ''}`}
                      aria-pressed={on}
                      aria-label={`${r.name} assesses ${d.name}`}
                      disabled={props.disabled || busy}
                      onClick={() => props.onToggle(r.roundId, d.dimensionId)}
                    >
                      {on ? '●' : ''}
                    </button>
                  </td>
                );
              })}
              <td className="coverage-grid__state">
                <span className={`badge badge--${d.state === 'uncovered' ? 'error' : d.state === 'single' ? 'warn' : 'ok'}`} title={coverageLabel(d)}>
                  {shortLabel(d)}
                  <span className="sr-only">: {coverageLabel(d)}</span>
                </span>
                {messagesFor(`dimensions.${d.dimensionId}`).map((m, i) => (
                  <span key={i} className="coverage-grid__message">
                    {m}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {model.rounds.some((r) => messagesFor(`rounds.${r.roundId}.focusDimensionIds`).length > 0) ? (
        <ul className="field-error" role="alert">
          {model.rounds.flatMap((r) => messagesFor(`rounds.${r.roundId}.focusDimensionIds`).map((m, i) => <li key={`${r.roundId}-${i}`}>{m}</li>))}
        </ul>
      ) : null}
      <p className="coverage-legend">
        <span className="badge badge--error">Not assessed</span> blocks opening the role · <span className="badge badge--warn">One round only</span>{' '}
        is allowed, but two or more interviews per dimension give a more reliable read.
      </p>
    </div>
  );
}

function shortLabel(d: DimensionCoverage): string {
  if (d.state === 'uncovered') return '✕ none';
  if (d.state === 'single') return '! 1 round';
  return `✓ ${d.count} rounds`;
}
