import type { Role } from '../../api/types';
import { focusField } from './shared';

/** What blocks opening the role and what is only advice; each item moves focus to the field at fault. */
export function ReadinessPanel(props: { role: Role }) {
  const { readiness, status } = props.role;
  if (status === 'open' && readiness.errors.length === 0 && readiness.warnings.length === 0) return null;
  return (
    <aside className={`readiness readiness--${readiness.canOpen ? 'ok' : 'blocked'}`} aria-labelledby="readiness-title" data-testid="readiness">
      <h2 id="readiness-title">
        {readiness.canOpen
          ? status === 'open'
            ? 'Advice for this loop'
            : 'Ready to open'
          : `${readiness.errors.length} to fix before the role can open`}
      </h2>
      {readiness.errors.length > 0 ? (
        <ul className="readiness__list readiness__list--errors">
          {readiness.errors.map((e, i) => (
            <li key={i}>
              <button type="button" className="linklike" onClick={() => focusField(e.field)}>
                {e.message}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {readiness.warnings.length > 0 ? (
        <>
          {readiness.errors.length > 0 ? <h3 className="readiness__advice">Advice (does not block opening)</h3> : null}
          <ul className="readiness__list readiness__list--warnings">
            {readiness.warnings.map((e, i) => (
              <li key={i}>
                <button type="button" className="linklike" onClick={() => focusField(e.field)}>
                  {e.message}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </aside>
  );
}
