import { FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { post } from '../api/client';
import type { TokenResponse } from '../api/types';
import { homePath, useAuth } from '../auth';
import { PasswordField } from '../components/Field';
import { Loading, ProblemBanner } from '../components/ProblemBanner';
import { useAction } from '../lib/hooks';
import { usePageTitle } from '../lib/title';

/**
 * The page the verification email links to (`/verify-email?token=…`): confirms the address once and signs in. In
 * another browser than the one that signed up, the API also asks for the password chosen at sign-up (the link proves
 * the mailbox, not who chose the password); the page then asks for it.
 */
export function VerifyEmailPage() {
  usePageTitle('Confirm your e-mail');
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const action = useAction((withPassword?: string) =>
    post<TokenResponse>('/auth/verify-email', withPassword === undefined ? { token } : { token, password: withPassword }),
  );
  const run = action.run;
  const finish = (res: TokenResponse | undefined) => {
    if (!res) return;
    signIn(res);
    navigate(homePath(res.membership.roles), { replace: true });
  };
  // The token works once: post it once, even when React runs effects twice in development.
  const posted = useRef(false);
  useEffect(() => {
    if (posted.current || !token) return;
    posted.current = true;
    void run().then((res) => {
      if (!res) return;
      signIn(res);
      navigate(homePath(res.membership.roles), { replace: true });
    });
  }, [token, run, navigate, signIn]);

  const err = action.error;
  const askPassword = err?.code === 'password_required' || err?.code === 'invalid_credentials';
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    finish(await run(password));
  };

  return (
    <main className="auth-page">
      <section className="auth-card">
        <h1 className="brand brand--large">hireloop</h1>
        <h2>Confirm your email</h2>
        {!token ? (
          <p>This link has no token. Open the link from the email again, or copy it whole into the address bar.</p>
        ) : askPassword || (action.pending && password) ? (
          <form onSubmit={onSubmit} noValidate aria-label="Confirm with your password">
            <p>
              This link was opened in another browser than the one you signed up in. Enter the password you chose when you signed up to finish. Did
              not sign up for hireloop? Then ignore the email: nothing happens without this password.
            </p>
            <ProblemBanner error={err?.code === 'invalid_credentials' ? err : null} title="Could not confirm" />
            <PasswordField label="Password chosen at sign-up" purpose="current" value={password} onChange={setPassword} />
            <button type="submit" className="button button--primary" disabled={action.pending || password === ''}>
              {action.pending ? 'Confirming…' : 'Confirm and sign in'}
            </button>
          </form>
        ) : err ? (
          <ProblemBanner error={err} title="Could not confirm the address" />
        ) : (
          <Loading label="Confirming your address…" />
        )}
        <p className="muted small">
          <Link to="/signin">Go to sign in</Link>
        </p>
      </section>
    </main>
  );
}
