import { useEffect, useRef } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { apiClient, unwrap } from '../../api/typed-client';
import { homePath, useAuth } from '../../auth';
import { Loading } from '../../components/ProblemBanner';
import { useAction } from '../../lib/hooks';
import { SSO_ERROR_MESSAGES } from '../../lib/links';
import { usePageTitle } from '../../lib/title';
import { AuthCard } from './AuthCard';

/** Where the API's SSO callback sends the browser: exchanges the finished sign-in for a session, or says why not. */
export function SsoCompletePage() {
  usePageTitle('Single sign-on');
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const error = params.get('error');
  const exchange = useAction(async () => unwrap(await apiClient.POST('/v1/auth/sso/exchange')));
  const started = useRef(false);
  useEffect(() => {
    if (error || started.current) return;
    started.current = true;
    void exchange.run().then((res) => {
      if (!res) return;
      signIn(res);
      navigate(homePath(res.membership.roles), { replace: true });
    });
  }, [error, exchange, navigate, signIn]);
  const code = error ?? exchange.error?.code;
  if (!code) return <Loading label="Signing you in…" />;
  return (
    <AuthCard title="Single sign-on did not complete">
      <div className="banner banner--error" role="alert">
        <p>{SSO_ERROR_MESSAGES[code] ?? params.get('detail') ?? exchange.error?.message ?? 'Sign-in failed.'}</p>
        <p className="muted small">Code: {code}</p>
      </div>
      <p>
        <Link to="/signin">Back to sign-in</Link>
      </p>
    </AuthCard>
  );
}
