import { useEffect, useRef } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { post } from '../api/client';
import type { TokenResponse } from '../api/types';
import { homePath, useAuth } from '../auth';
import { Loading, ProblemBanner } from '../components/ProblemBanner';
import { useAction } from '../lib/hooks';
import { usePageTitle } from '../lib/title';

/** The page the verification email links to (`/verify-email?token=…`): confirms the address once and signs in. */
export function VerifyEmailPage() {
  usePageTitle('Confirm your e-mail');
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const action = useAction(() => post<TokenResponse>('/auth/verify-email', { token }));
  const run = action.run;
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

  return (
    <main className="auth-page">
      <section className="auth-card">
        <h1 className="brand brand--large">hireloop</h1>
        <h2>Confirm your email</h2>
        {!token ? (
          <p>This link has no token. Open the link from the email again, or copy it whole into the address bar.</p>
        ) : action.error ? (
          <ProblemBanner error={action.error} title="Could not confirm the address" />
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
