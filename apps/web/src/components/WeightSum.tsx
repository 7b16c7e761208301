import { weightSumStatus } from '../lib/weights';

/** The live "sums to N%" indicator of a role's dimension weights. */
export function WeightSum(props: { weights: (number | string | null | undefined)[]; errors?: string[]; id?: string }) {
  const status = weightSumStatus(props.weights);
  const pct = Math.max(0, Math.min(100, status.sum));
  return (
    <div className={`weight-sum weight-sum--${status.state}`} id={props.id} data-testid="weight-sum" data-state={status.state} aria-live="polite">
      <div className="weight-sum__bar" aria-hidden="true">
        <div className="weight-sum__fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="weight-sum__label">
        {status.state === 'ok' ? '✓ ' : status.state === 'empty' ? '' : '⚠ '}
        {status.label}
      </span>
    </div>
  );
}
