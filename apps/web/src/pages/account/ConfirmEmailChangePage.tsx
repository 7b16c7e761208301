import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { apiClient, unwrap } from '../../api/typed-client';
import { useAuth } from '../../auth';
import { ProblemBanner } from '../../components/ProblemBanner';
import { useAction } from '../../lib/hooks';
import { usePageTitle } from '../../lib/title';
import { AuthCard } from './AuthCard';

/**
 * The page the confirmation email links to (`/confirm-email-change?token=…`). It confirms only when asked: a mail
 * scanner that opens the link changes nothing.
 */
export function ConfirmEmailChangePage() {
  usePageTitle('Confirm your new address');
  const { me, refreshMe } = useAuth();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [email, setEmail] = useState<string | null>(null);
  const action = useAction(async () => unwrap(await apiClient.POST('/v1/auth/email-change/confirm', { body: { token } })));
  const confirm = async () => {
    const res = await action.run();
    if (!res) return;
    setEmail(res.email);
    if (me) await refreshMe();
  };
  const tokenErrors = action.error?.forField('token') ?? [];
  return (
    <AuthCard title="Confirm your new address">
      {email ? (
        <p role="status">
          Done: your account signs in with <strong>{email}</strong> from now on.{' '}
          {me ? <Link to="/settings/account">Back to your account</Link> : <Link to="/signin">Sign in</Link>}
        </p>
      ) : !token ? (
        <p>This link has no token. Open the link from the email again, or copy it whole into the address bar.</p>
      ) : (
        <>
          <p>Your hireloop account will sign in with the address this email was sent to.</p>
          <ProblemBanner error={action.error} claimed={['token']} title="Could not change the address" />
          {tokenErrors.length > 0 && (
            <p className="banner banner--error" role="alert">
              This link is unknown, already used, replaced by a newer one or expired. Ask again from your account page.
            </p>
          )}
          <button type="button" className="button button--primary" disabled={action.pending} onClick={() => void confirm()}>
            {action.pending ? 'Confirming…' : 'Confirm my new address'}
          </button>
        </>
      )}
    </AuthCard>
  );
}
