import { FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { apiClient, unwrap } from '../../api/typed-client';
import { PasswordField } from '../../components/Field';
import { ProblemBanner } from '../../components/ProblemBanner';
import { useAction } from '../../lib/hooks';
import { usePageTitle } from '../../lib/title';
import { AuthCard } from './AuthCard';

export function ResetPasswordPage() {
  usePageTitle('Choose a new password');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction(async () => {
    unwrap(await apiClient.POST('/v1/auth/password-reset/confirm', { body: { token, password } }));
    return true;
  });
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run()) setDone(true);
  };
  const tokenErrors = action.error?.forField('token') ?? [];
  return (
    <AuthCard title="Choose a new password">
      {done ? (
        <p role="status">
          Your password is changed. <Link to="/signin">Sign in</Link>.
        </p>
      ) : (
        <form onSubmit={onSubmit} noValidate aria-label="Choose a new password">
          <ProblemBanner error={action.error} claimed={['password', 'token']} title="Could not change the password" />
          {tokenErrors.length > 0 && (
            <p className="banner banner--error" role="alert">
              This reset link is unknown, already used or expired. <Link to="/forgot-password">Ask for a new one</Link>.
            </p>
          )}
          <PasswordField
            label="New password"
            purpose="new"
            hint="At least 10 characters."
            value={password}
            onChange={setPassword}
            errors={action.error?.forField('password')}
          />
          <button type="submit" className="button button--primary" disabled={action.pending || !token}>
            {action.pending ? 'Saving…' : 'Set the new password'}
          </button>
        </form>
      )}
    </AuthCard>
  );
}
