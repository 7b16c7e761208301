import { FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { apiClient, unwrap } from '../../api/typed-client';
import { Field } from '../../components/Field';
import { ProblemBanner } from '../../components/ProblemBanner';
import { useAction } from '../../lib/hooks';
import { usePageTitle } from '../../lib/title';
import { AuthCard } from './AuthCard';

export function ForgotPasswordPage() {
  usePageTitle('Reset your password');
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const action = useAction(async () => {
    unwrap(await apiClient.POST('/v1/auth/password-reset', { body: { email } }));
    return true;
  });
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run()) setSent(true);
  };
  return (
    <AuthCard title="Reset your password">
      {sent ? (
        <p role="status">If {email} has an account, a reset link is on its way. It works once, within an hour.</p>
      ) : (
        <form onSubmit={onSubmit} noValidate aria-label="Request a password reset">
          <ProblemBanner error={action.error} claimed={['email']} title="Could not send the link" />
          <Field label="Email" errors={action.error?.forField('email')}>
            {(p) => (
              <input {...p} type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
            )}
          </Field>
          <button type="submit" className="button button--primary" disabled={action.pending}>
            {action.pending ? 'Sending…' : 'Email me a reset link'}
          </button>
        </form>
      )}
      <p className="muted small">
        <Link to="/signin">Back to sign-in</Link>
      </p>
    </AuthCard>
  );
}
