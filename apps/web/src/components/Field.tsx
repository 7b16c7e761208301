import { ReactNode, useId } from 'react';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

/** A label, a control and the API's messages for that field right under it (linked with aria-describedby). */
export function Field(props: {
  label: ReactNode;
  errors?: string[];
  hint?: ReactNode;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const hasErrors = Boolean(props.errors && props.errors.length);
  const describedBy = [props.hint ? hintId : null, hasErrors ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${hasErrors ? ' field--invalid' : ''}${props.className ? ` ${props.className}` : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, 'aria-invalid': hasErrors || undefined, 'aria-describedby': describedBy })}
      {props.hint ? (
        <p className="field-hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <FieldError id={errorId} messages={props.errors} />
    </div>
  );
}

/** The API's messages for one field. Renders nothing when there are none. */
export function FieldError(props: { id?: string; messages?: string[] | null }) {
  if (!props.messages || props.messages.length === 0) return null;
  return (
    <div className="field-error" id={props.id} role="alert" data-testid="field-error">
      {props.messages.map((m, i) => (
        <p key={i}>{m}</p>
      ))}
    </div>
  );
}

/** An account password: a Field with the password input every sign-in, sign-up and reset form uses. */
export function PasswordField(props: {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** `current` to sign in with an existing password, `new` to choose one (password managers tell them apart). */
  purpose: 'current' | 'new';
  errors?: string[];
  hint?: ReactNode;
  /** The form field's name, where a form has two passwords (the current one and a new one). */
  name?: string;
}) {
  return (
    <Field label={props.label} errors={props.errors} hint={props.hint}>
      {(p) => (
        <input
          {...p}
          type="password"
          name={props.name ?? 'password'}
          autoComplete={props.purpose === 'current' ? 'current-password' : 'new-password'}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          required
        />
      )}
    </Field>
  );
}
