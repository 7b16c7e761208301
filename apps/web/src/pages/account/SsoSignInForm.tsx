import { FormEvent, useState } from 'react';
import { Field } from '../../components/Field';
import { ssoOrganizationId } from '../../lib/links';

/** On the sign-in page: single sign-on of an organization, by its id or the sign-in link an admin shared. */
export function SsoSignInForm(props: { organizationId?: string }) {
  const [value, setValue] = useState(props.organizationId ?? '');
  const [invalid, setInvalid] = useState(false);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const id = ssoOrganizationId(value);
    setInvalid(!id);
    if (id) window.location.assign(`/v1/auth/sso/${id}/start`);
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Sign in with SSO">
      <Field
        label="Organization ID or SSO sign-in link"
        hint="Your admin finds it under Single sign-on."
        errors={invalid ? ['Enter the organization ID or paste the sign-in link.'] : []}
      >
        {(p) => <input {...p} name="organization" value={value} onChange={(e) => setValue(e.target.value)} required />}
      </Field>
      <button type="submit" className="button">
        Sign in with SSO
      </button>
    </form>
  );
}
