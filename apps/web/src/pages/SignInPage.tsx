import { FormEvent, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { post } from '../api/client';
import type { MemberRole, SignupAccepted, TokenResponse } from '../api/types';
import { homePath, useAuth } from '../auth';
import { Field, PasswordField } from '../components/Field';
import { ProblemBanner } from '../components/ProblemBanner';
import { useAction } from '../lib/hooks';
import { usePageTitle } from '../lib/title';
import { SsoSignInForm } from './account/SsoSignInForm';

function useAfterSignIn() {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (res: TokenResponse) => {
    signIn(res);
    navigate(afterSignIn(params.get('next'), res.membership.roles), { replace: true });
  };
}

/** Where sign-in leads: the in-app path in `next` (never another sign-in page or another site), else the home page. */
function afterSignIn(next: string | null, roles: MemberRole[]): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/signin') ? next : homePath(roles);
}

export function SignInPage() {
  const { me } = useAuth();
  const [mode, setMode] = useState<'signin' | 'signup'>('signin');
  const [params] = useSearchParams();
  const ssoOrganization = params.get('sso');
  usePageTitle(mode === 'signin' ? 'Sign in' : 'Create an organization');
  // Signed in (just now, or already): on to the page that sent the visitor here, e.g. an emailed scorecard link.
  if (me) return <Navigate to={afterSignIn(params.get('next'), me.membership.roles)} replace />;
  return (
    <main className="auth-page">
      <section className="auth-card">
        <h1 className="brand brand--large">hireloop</h1>
        <p className="muted">Interview loops, blind scorecards and calibrated debriefs.</p>
        <div className="tabs" role="group" aria-label="Sign in or create an organization">
          <button type="button" aria-pressed={mode === 'signin'} className="tab" onClick={() => setMode('signin')}>
            Sign in
          </button>
          <button type="button" aria-pressed={mode === 'signup'} className="tab" onClick={() => setMode('signup')}>
            Create an organization
          </button>
        </div>
        {mode === 'signin' ? <SignInForm /> : <SignUpForm />}
        {mode === 'signin' ? (
          <p className="muted small">
            <Link to="/forgot-password">Forgot your password?</Link>
          </p>
        ) : null}
        {mode === 'signin' ? (
          <details open={Boolean(ssoOrganization)}>
            <summary>Sign in with SSO</summary>
            <SsoSignInForm organizationId={ssoOrganization ?? undefined} />
          </details>
        ) : null}
        <p className="muted small">
          Invited by your team? <Link to="/accept-invite">Accept your invite</Link>.
        </p>
      </section>
    </main>
  );
}

function SignInForm() {
  const after = useAfterSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(() => post<TokenResponse>('/auth/login', { email, password }));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await action.run();
    if (res) after(res);
  };
  const err = action.error;
  if (err?.code === 'sso_required' && typeof err.problem.organizationId === 'string') {
    return (
      <div role="alert">
        <p>Your organization signs in with single sign-on only.</p>
        <SsoSignInForm organizationId={err.problem.organizationId} />
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Sign in">
      <ProblemBanner error={err} claimed={['email', 'password']} title="Could not sign in" />
      <Field label="Email" errors={err?.forField('email')}>
        {(p) => <input {...p} type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />}
      </Field>
      <PasswordField label="Password" purpose="current" value={password} onChange={setPassword} errors={err?.forField('password')} />
      <button type="submit" className="button button--primary" disabled={action.pending}>
        {action.pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

function SignUpForm() {
  const after = useAfterSignIn();
  const [form, setForm] = useState({ organizationName: '', name: '', email: '', password: '' });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const action = useAction(() => post<TokenResponse | SignupAccepted>('/auth/signup', form));
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await action.run();
    if (!res) return;
    if ('accessToken' in res) after(res);
    else setSentTo(form.email.trim());
  };
  const err = action.error;
  if (sentTo) {
    return (
      <div role="status" aria-label="Check your email" data-testid="check-email">
        <h2>Check your email</h2>
        <p>
          We sent a link to <strong>{sentTo}</strong>. Open it to confirm the address and finish creating{' '}
          {form.organizationName.trim() || 'your organization'}; it works once, for 24 hours.
        </p>
        <p className="muted small">Nothing arrived? Check the spam folder, or sign in if you already have an account.</p>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Create an organization">
      <ProblemBanner error={err} claimed={Object.keys(form)} title="Could not create the organization" />
      <Field label="Organization name" errors={err?.forField('organizationName')}>
        {(p) => (
          <input
            {...p}
            name="organizationName"
            autoComplete="organization"
            value={form.organizationName}
            onChange={set('organizationName')}
            required
          />
        )}
      </Field>
      <Field label="Your name" errors={err?.forField('name')}>
        {(p) => <input {...p} name="name" autoComplete="name" value={form.name} onChange={set('name')} required />}
      </Field>
      <Field label="Email" errors={err?.forField('email')}>
        {(p) => <input {...p} type="email" name="email" autoComplete="username" value={form.email} onChange={set('email')} required />}
      </Field>
      <PasswordField
        label="Password"
        purpose="new"
        hint="At least 10 characters."
        value={form.password}
        onChange={(password) => setForm({ ...form, password })}
        errors={err?.forField('password')}
      />
      <button type="submit" className="button button--primary" disabled={action.pending}>
        {action.pending ? 'Creating…' : 'Create organization'}
      </button>
    </form>
  );
}

export function AcceptInvitePage() {
  usePageTitle('Accept your invite');
  const after = useAfterSignIn();
  const [params] = useSearchParams();
  const [form, setForm] = useState({ token: params.get('token') ?? '', name: '', password: '' });
  const action = useAction(() =>
    post<TokenResponse>('/auth/accept-invite', {
      token: form.token.trim(),
      password: form.password,
      ...(form.name.trim() ? { name: form.name.trim() } : {}),
    }),
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await action.run();
    if (res) after(res);
  };
  const err = action.error;
  return (
    <main className="auth-page">
      <section className="auth-card">
        <h1 className="brand brand--large">hireloop</h1>
        <h2>Accept your invite</h2>
        <form onSubmit={onSubmit} noValidate aria-label="Accept invite">
          <ProblemBanner error={err} claimed={['token', 'password', 'name']} title="Could not accept the invite" />
          <Field label="Invite token" hint="From the invite link your admin sent you." errors={err?.forField('token')}>
            {(p) => <input {...p} name="token" value={form.token} onChange={(e) => setForm({ ...form, token: e.target.value })} required />}
          </Field>
          <Field label="Your name (optional)" errors={err?.forField('name')}>
            {(p) => <input {...p} name="name" autoComplete="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
          </Field>
          <PasswordField
            label="Choose a password"
            purpose="new"
            hint="At least 10 characters."
            value={form.password}
            onChange={(password) => setForm({ ...form, password })}
            errors={err?.forField('password')}
          />
          <button type="submit" className="button button--primary" disabled={action.pending}>
            {action.pending ? 'Joining…' : 'Join'}
          </button>
        </form>
        <p className="muted small">
          Already have an account? <Link to="/signin">Sign in</Link>.
        </p>
      </section>
    </main>
  );
}
