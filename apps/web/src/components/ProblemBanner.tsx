import type { ApiError, ProblemFieldError } from '../lib/problem';
import { unclaimedErrors } from '../lib/problem';

/**
 * The problem's detail at the top of a form, plus any field error that no input on the form shows
 * (so that nothing the API said is lost). Field errors that have an input are shown next to it instead.
 */
export function ProblemBanner(props: { error: ApiError | null | undefined; claimed?: string[]; title?: string }) {
  const { error } = props;
  if (!error) return null;
  const rest: ProblemFieldError[] = props.claimed ? unclaimedErrors(error.fieldErrors, props.claimed) : (error.problem.errors ?? []);
  const fieldCount = Object.values(error.fieldErrors).reduce((n, list) => n + list.length, 0);
  // When every field error is shown next to its field, say so instead of repeating the raw paths.
  const text =
    props.claimed && fieldCount > 0 && rest.length === 0
      ? `${fieldCount === 1 ? 'One problem needs' : `${fieldCount} problems need`} fixing — see the message${fieldCount === 1 ? '' : 's'} next to the field${fieldCount === 1 ? '' : 's'}.`
      : error.message;
  const title = props.title ?? error.problem.title ?? 'Something went wrong';
  const repeatsTitle = text.toLowerCase().startsWith(title.toLowerCase());
  return (
    <div className="problem" role="alert" data-testid="problem">
      <p>
        {repeatsTitle ? (
          <strong>{text}</strong>
        ) : (
          <>
            <strong>{title}:</strong> {text}
          </>
        )}
      </p>
      {rest.length > 0 ? (
        <ul>
          {rest.map((e, i) => (
            <li key={i}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Loading(props: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      {props.label ?? 'Loading…'}
    </p>
  );
}

export function Empty(props: { children: React.ReactNode }) {
  return <p className="empty">{props.children}</p>;
}
