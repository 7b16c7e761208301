import { FormEvent, ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { del, get, patch, post, put } from '../api/client';
import type { TokenResponse } from '../api/types';
import { homePath, useAuth } from '../auth';
import { Field } from '../components/Field';
import { Loading, ProblemBanner } from '../components/ProblemBanner';
import { useAction, useResource } from '../lib/hooks';
import { SSO_ERROR_MESSAGES, ssoOrganizationId } from '../lib/links';

function AuthCard(props: { title: string; children: ReactNode }) {
  return (
    <div className="auth-page">
      <section className="auth-card">
        <h1 className="brand brand--large">hireloop</h1>
        <h2>{props.title}</h2>
        {props.children}
      </section>
    </div>
  );
}

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
      <Field label="Organization ID or SSO sign-in link" hint="Your admin finds it under Single sign-on." errors={invalid ? ['Enter the organization ID or paste the sign-in link.'] : []}>
        {(p) => <input {...p} name="organization" value={value} onChange={(e) => setValue(e.target.value)} required />}
      </Field>
      <button type="submit" className="button">
        Sign in with SSO
      </button>
    </form>
  );
}

/** Where the API's SSO callback sends the browser: exchanges the finished sign-in for a session, or says why not. */
export function SsoCompletePage() {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const error = params.get('error');
  const exchange = useAction(() => post<TokenResponse>('/auth/sso/exchange'));
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

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const action = useAction(() => post('/auth/password-reset', { email }));
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
            {(p) => <input {...p} type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />}
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

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction(() => post('/auth/password-reset/confirm', { token, password }).then(() => true));
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
          <Field label="New password" hint="At least 10 characters." errors={action.error?.forField('password')}>
            {(p) => <input {...p} type="password" name="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />}
          </Field>
          <button type="submit" className="button button--primary" disabled={action.pending || !token}>
            {action.pending ? 'Saving…' : 'Set the new password'}
          </button>
        </form>
      )}
    </AuthCard>
  );
}

interface EmailPreferences {
  email: string;
  interviewUpdates: boolean;
  feedbackReminders: boolean;
  decisionNotices: boolean;
  essential: string[];
}

const CATEGORIES: { key: 'interviewUpdates' | 'feedbackReminders' | 'decisionNotices'; label: string; hint: string }[] = [
  { key: 'interviewUpdates', label: 'Interview invitations and changes', hint: 'With the calendar invitation. Your interviews stay in the app and in your calendar feed.' },
  { key: 'feedbackReminders', label: 'Feedback reminders', hint: 'When a scorecard is overdue (and escalations to hiring managers).' },
  { key: 'decisionNotices', label: 'Decision notices', hint: 'When a hiring decision is recorded (recruiters).' },
];

/** `/settings/notifications`: by the signed link in an email (no sign-in needed), or signed in; with the calendar feed. */
export function NotificationSettingsPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const { me } = useAuth();
  const path = token ? `/email-preferences/${encodeURIComponent(token)}` : '/me/email-preferences';
  const prefs = useResource((signal) => (token || me ? get<EmailPreferences>(path, undefined, signal) : Promise.resolve(undefined)), [path, Boolean(me)]);
  const save = useAction((change: Partial<EmailPreferences>) => patch<EmailPreferences>(path, change));
  const [current, setCurrent] = useState<EmailPreferences | undefined>();
  useEffect(() => setCurrent(prefs.data), [prefs.data]);
  const body = !token && !me ? (
    <p>
      <Link to={`/signin?next=${encodeURIComponent('/settings/notifications')}`}>Sign in</Link> to change your email preferences, or use the link in any of our emails.
    </p>
  ) : prefs.error ? (
    <ProblemBanner error={prefs.error} title="Could not load your email preferences" />
  ) : !current ? (
    <Loading />
  ) : (
    <>
      <p className="muted">Emails to {current.email}. Invitations, email confirmations and password resets are always sent.</p>
      <ProblemBanner error={save.error} title="Could not save" />
      <fieldset aria-label="Email preferences">
        {CATEGORIES.map((c) => (
          <label key={c.key} className="checkbox">
            <input
              type="checkbox"
              name={c.key}
              checked={current[c.key]}
              onChange={async (e) => {
                const next = await save.run({ [c.key]: e.target.checked });
                if (next) setCurrent(next);
              }}
            />{' '}
            {c.label} <span className="muted small">{c.hint}</span>
          </label>
        ))}
      </fieldset>
      {save.pending ? <p className="muted small">Saving…</p> : null}
    </>
  );
  return (
    <section className="page">
      <h1>Notifications</h1>
      <h2>Email</h2>
      {body}
      {me && !token ? <CalendarFeedSection /> : null}
    </section>
  );
}

function CalendarFeedSection() {
  const [feed, setFeed] = useState<{ url: string; createdAt: string } | null>(null);
  const [revoked, setRevoked] = useState(false);
  const create = useAction(() => post<{ url: string; createdAt: string }>('/me/calendar-feed'));
  const revoke = useAction(() => del('/me/calendar-feed').then(() => true));
  return (
    <>
      <h2>Calendar feed</h2>
      <p className="muted">A private iCalendar address of your interviews for your calendar app. Anyone with the address can read it: creating a new one replaces the old.</p>
      <ProblemBanner error={create.error ?? revoke.error} title="Could not change the calendar feed" />
      {feed ? (
        <p>
          <label>
            Subscription URL <input readOnly name="calendarFeedUrl" value={feed.url} size={60} onFocus={(e) => e.target.select()} />
          </label>
        </p>
      ) : null}
      {revoked ? <p role="status">Your calendar feed is revoked; its address no longer works.</p> : null}
      <button
        type="button"
        className="button"
        disabled={create.pending}
        onClick={async () => {
          const res = await create.run();
          if (res) {
            setFeed(res);
            setRevoked(false);
          }
        }}
      >
        {feed ? 'Replace the feed address' : 'Create a feed address'}
      </button>{' '}
      <button
        type="button"
        className="button"
        disabled={revoke.pending}
        onClick={async () => {
          if (await revoke.run()) {
            setFeed(null);
            setRevoked(true);
          }
        }}
      >
        Revoke the feed
      </button>
    </>
  );
}

interface SsoSettings {
  configured: boolean;
  issuerUrl: string | null;
  clientId: string | null;
  clientSecretSet: boolean;
  allowedDomains: string[];
  enabled: boolean;
  enforced: boolean;
  redirectUri: string;
  signInUrl: string;
}

/** Admins: the organization's OpenID Connect settings. */
export function SsoSettingsPage() {
  const settings = useResource((signal) => get<SsoSettings>('/organization/sso', undefined, signal), []);
  const [form, setForm] = useState({ issuerUrl: '', clientId: '', clientSecret: '', allowedDomains: '', enabled: true, enforced: false });
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const s = settings.data;
    if (s) setForm({ issuerUrl: s.issuerUrl ?? '', clientId: s.clientId ?? '', clientSecret: '', allowedDomains: s.allowedDomains.join(', '), enabled: s.configured ? s.enabled : true, enforced: s.enforced });
  }, [settings.data]);
  const save = useAction(() =>
    put<SsoSettings>('/organization/sso', {
      issuerUrl: form.issuerUrl.trim(),
      clientId: form.clientId.trim(),
      ...(form.clientSecret ? { clientSecret: form.clientSecret } : {}),
      allowedDomains: form.allowedDomains.split(/[\s,]+/).filter(Boolean),
      enabled: form.enabled,
      enforced: form.enforced,
    }),
  );
  const remove = useAction(() => del('/organization/sso').then(() => true));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await save.run();
    if (res) {
      setSaved(true);
      void settings.reload();
    }
  };
  const s = settings.data;
  const err = save.error;
  if (settings.error) return <section className="page"><ProblemBanner error={settings.error} title="Could not load the settings" /></section>;
  if (!s) return <Loading />;
  return (
    <section className="page">
      <h1>Single sign-on</h1>
      <p className="muted">
        OpenID Connect. Register the redirect URI <code>{s.redirectUri}</code> with your identity provider. Members sign in from the sign-in page with the organization ID, or with{' '}
        <code>{s.signInUrl}</code>. The first sign-in of a verified address of an allowed domain creates an interviewer.
      </p>
      <form onSubmit={onSubmit} noValidate aria-label="Single sign-on settings">
        <ProblemBanner error={err} claimed={['issuerUrl', 'clientId', 'clientSecret', 'allowedDomains']} title="Could not save" />
        {saved && !save.pending && !err ? <p role="status">Saved.</p> : null}
        <Field label="Issuer URL" errors={err?.forField('issuerUrl')}>
          {(p) => <input {...p} name="issuerUrl" value={form.issuerUrl} onChange={(e) => setForm({ ...form, issuerUrl: e.target.value })} required />}
        </Field>
        <Field label="Client ID" errors={err?.forField('clientId')}>
          {(p) => <input {...p} name="clientId" value={form.clientId} onChange={(e) => setForm({ ...form, clientId: e.target.value })} required />}
        </Field>
        <Field label="Client secret" hint={s.clientSecretSet ? 'A secret is stored; leave empty to keep it.' : 'Never shown again once saved.'} errors={err?.forField('clientSecret')}>
          {(p) => <input {...p} type="password" name="clientSecret" autoComplete="off" value={form.clientSecret} onChange={(e) => setForm({ ...form, clientSecret: e.target.value })} />}
        </Field>
        <Field label="Allowed email domains" hint="Comma-separated, exact (list subdomains separately)." errors={err?.under('allowedDomains')}>
          {(p) => <input {...p} name="allowedDomains" value={form.allowedDomains} onChange={(e) => setForm({ ...form, allowedDomains: e.target.value })} required />}
        </Field>
        <label className="checkbox">
          <input type="checkbox" name="enabled" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} /> Enabled
        </label>
        <label className="checkbox">
          <input type="checkbox" name="enforced" checked={form.enforced} onChange={(e) => setForm({ ...form, enforced: e.target.checked })} /> Enforce SSO: refuse password sign-in to
          members who are not admins (admins keep their password as the break-glass path)
        </label>
        <button type="submit" className="button button--primary" disabled={save.pending}>
          {save.pending ? 'Checking the issuer…' : 'Save'}
        </button>{' '}
        {s.configured ? (
          <button type="button" className="button" disabled={remove.pending} onClick={async () => (await remove.run()) && settings.reload()}>
            Remove single sign-on
          </button>
        ) : null}
      </form>
    </section>
  );
}
