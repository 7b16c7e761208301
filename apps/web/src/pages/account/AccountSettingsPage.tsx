import { FormEvent, useState } from 'react';
import { useApiQuery } from '../../api/queries';
import { apiClient, unwrap } from '../../api/typed-client';
import { useAuth } from '../../auth';
import { Field, PasswordField } from '../../components/Field';
import { ProblemBanner } from '../../components/ProblemBanner';
import { deviceOf } from '../../lib/device';
import { useAction } from '../../lib/hooks';
import { formatDateTime } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';

/** `/settings/account`: your own password and sessions, whatever your roles. */
export function AccountSettingsPage() {
  usePageTitle('Your account');
  const { me } = useAuth();
  return (
    <section className="page">
      <h1>Your account</h1>
      <p className="muted">
        Signed in as {me?.user.email}. Your name, address, password and sessions are those of your account in every organization you belong to.
      </p>
      <NameSection />
      <ChangeEmailSection />
      <ChangePasswordSection />
      <SessionsSection />
    </section>
  );
}

function NameSection() {
  const { me, refreshMe } = useAuth();
  const [name, setName] = useState(me?.user.name ?? '');
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => unwrap(await apiClient.PATCH('/v1/me', { body: { name } })));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (!(await save.run())) return;
    await refreshMe();
    setSaved(true);
  };
  return (
    <form className="card account-card" onSubmit={onSubmit} noValidate aria-labelledby="name-title">
      <h2 id="name-title">Your name</h2>
      <ProblemBanner error={save.error} claimed={['name']} title="Could not save the name" />
      {saved && <p role="status">Saved: colleagues in every organization you belong to see this name.</p>}
      <Field label="Name" errors={save.error?.forField('name')}>
        {(p) => <input {...p} name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />}
      </Field>
      <button type="submit" className="button button--primary" disabled={save.pending}>
        {save.pending ? 'Saving…' : 'Save the name'}
      </button>
    </form>
  );
}

function ChangeEmailSection() {
  const { me } = useAuth();
  const [newEmail, setNewEmail] = useState('');
  const [currentPassword, setCurrentPassword] = useState('');
  const [pending, setPending] = useState<string | null>(null);
  const ask = useAction(async () => unwrap(await apiClient.POST('/v1/me/email', { body: { newEmail, currentPassword } })));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(null);
    const res = await ask.run();
    if (!res) return;
    setPending(res.pendingEmail);
    setNewEmail('');
    setCurrentPassword('');
  };
  return (
    <form className="card account-card" onSubmit={onSubmit} noValidate aria-labelledby="change-email-title">
      <h2 id="change-email-title">Your sign-in address</h2>
      <p>
        You sign in with <strong>{me?.user.email}</strong>, and hireloop writes to you there. To use another address, we send a link to it: the change
        is made when you open that link.
      </p>
      <ProblemBanner error={ask.error} claimed={['newEmail', 'currentPassword']} title="Could not ask for the change" />
      {pending && (
        <p role="status">
          Check the inbox of {pending}: open the link we sent there within 24 hours to finish. Until then you sign in with your current address.
        </p>
      )}
      <Field label="New address" errors={ask.error?.forField('newEmail')}>
        {(p) => (
          <input {...p} type="email" name="newEmail" autoComplete="email" value={newEmail} onChange={(e) => setNewEmail(e.target.value)} required />
        )}
      </Field>
      <PasswordField
        label="Current password"
        name="emailCurrentPassword"
        purpose="current"
        value={currentPassword}
        onChange={setCurrentPassword}
        errors={ask.error?.forField('currentPassword')}
      />
      <button type="submit" className="button button--primary" disabled={ask.pending}>
        {ask.pending ? 'Sending…' : 'Send the link'}
      </button>
    </form>
  );
}

function ChangePasswordSection() {
  const { signIn } = useAuth();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [changed, setChanged] = useState(false);
  const change = useAction(async () => unwrap(await apiClient.POST('/v1/me/password', { body: { currentPassword, newPassword } })));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setChanged(false);
    const session = await change.run();
    if (!session) return;
    // The answer opened a new session (its cookie is set): the old one, like every other, has ended.
    signIn(session);
    setCurrentPassword('');
    setNewPassword('');
    setChanged(true);
  };
  return (
    <form className="card account-card" onSubmit={onSubmit} noValidate aria-labelledby="change-password-title">
      <h2 id="change-password-title">Change your password</h2>
      <ProblemBanner error={change.error} claimed={['currentPassword', 'newPassword']} title="Could not change the password" />
      {changed && (
        <p role="status">Your password is changed. Every other session was signed out; this one goes on. We emailed you about the change.</p>
      )}
      <PasswordField
        label="Current password"
        name="currentPassword"
        purpose="current"
        value={currentPassword}
        onChange={setCurrentPassword}
        errors={change.error?.forField('currentPassword')}
      />
      <PasswordField
        label="New password"
        name="newPassword"
        purpose="new"
        hint="At least 10 characters."
        value={newPassword}
        onChange={setNewPassword}
        errors={change.error?.forField('newPassword')}
      />
      <button type="submit" className="button button--primary" disabled={change.pending}>
        {change.pending ? 'Saving…' : 'Change the password'}
      </button>
    </form>
  );
}

function SessionsSection() {
  const { signOutEverywhere } = useAuth();
  const [confirming, setConfirming] = useState(false);
  const sessions = useApiQuery(['me', 'sessions'], async (signal) => unwrap(await apiClient.GET('/v1/me/sessions', { signal })).items);
  const endOne = useAction(async (id: string) => {
    const res = await apiClient.DELETE('/v1/me/sessions/{id}', { params: { path: { id } } });
    if (!res.response.ok) unwrap(res);
    await sessions.reload();
    return true;
  });
  const end = useAction(async () => {
    await signOutEverywhere();
    return true;
  });
  const items = sessions.data ?? [];
  return (
    <section className="card account-card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      <p>Where your account is signed in, in every organization. Sign out a device you no longer use; this one is signed out with “Sign out”.</p>
      <ProblemBanner error={sessions.error ?? endOne.error} title="Could not show or end the sessions" />
      {sessions.data === undefined && !sessions.error ? (
        <p className="muted">Loading…</p>
      ) : (
        <ul className="session-list" aria-label="Your sessions">
          {items.map((session) => (
            <li key={session.id} className="session-list__item">
              <div>
                <strong title={session.userAgent ?? undefined}>{deviceOf(session.userAgent)}</strong>
                {session.current && <span className="badge session-list__current">This session</span>}
                <br />
                <span className="muted">
                  {session.organizationName} · signed in {formatDateTime(session.createdAt)}
                  {session.ipAddress ? ` from ${session.ipAddress}` : ''}
                  {!session.current && session.lastUsedAt !== session.createdAt ? ` · last active ${formatDateTime(session.lastUsedAt)}` : ''}
                </span>
              </div>
              {!session.current && (
                <button
                  type="button"
                  className="button button--small"
                  disabled={endOne.pending}
                  aria-label={`Sign out ${deviceOf(session.userAgent)}, signed in ${formatDateTime(session.createdAt)}`}
                  onClick={() => void endOne.run(session.id)}
                >
                  Sign out
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        Lost a device, or not sure? Sign out everywhere: every session of your account ends, on every device and in every organization, this one
        included.
      </p>
      <ProblemBanner error={end.error} title="Could not sign out everywhere" />
      {confirming ? (
        <p>
          <button type="button" className="button button--danger" disabled={end.pending} onClick={() => void end.run()}>
            {end.pending ? 'Signing out…' : 'Yes, sign out everywhere'}
          </button>{' '}
          <button type="button" className="button button--ghost" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </p>
      ) : (
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          Sign out everywhere…
        </button>
      )}
    </section>
  );
}
