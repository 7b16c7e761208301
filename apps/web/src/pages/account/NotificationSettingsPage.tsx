import { Link, useSearchParams } from 'react-router-dom';
import { useApiQuery } from '../../api/queries';
import { apiClient, unwrap } from '../../api/typed-client';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth';
import { Loading, ProblemBanner } from '../../components/ProblemBanner';
import { useAction } from '../../lib/hooks';
import { usePageTitle } from '../../lib/title';
import { CalendarFeedSection } from './CalendarFeedSection';

type EmailPreferences = components['schemas']['EmailPreferencesResponseDto'];
type Category = 'interviewUpdates' | 'feedbackReminders' | 'decisionNotices';

const CATEGORIES: { key: Category; label: string; hint: string }[] = [
  {
    key: 'interviewUpdates',
    label: 'Interview invitations and changes',
    hint: 'With the calendar invitation. Your interviews stay in the app and in your calendar feed.',
  },
  { key: 'feedbackReminders', label: 'Feedback reminders', hint: 'When a scorecard is overdue (and escalations to hiring managers).' },
  { key: 'decisionNotices', label: 'Decision notices', hint: 'When a hiring decision is recorded (recruiters).' },
];

async function loadPreferences(token: string | null, signal: AbortSignal): Promise<EmailPreferences> {
  if (token) return unwrap(await apiClient.GET('/v1/email-preferences/{token}', { params: { path: { token } }, signal }));
  return unwrap(await apiClient.GET('/v1/me/email-preferences', { signal }));
}

async function savePreferences(token: string | null, change: Partial<Record<Category, boolean>>): Promise<EmailPreferences> {
  if (token) return unwrap(await apiClient.PATCH('/v1/email-preferences/{token}', { params: { path: { token } }, body: change }));
  return unwrap(await apiClient.PATCH('/v1/me/email-preferences', { body: change }));
}

/** `/settings/notifications`: by the signed link in an email (no sign-in needed), or signed in; with the calendar feed. */
export function NotificationSettingsPage() {
  usePageTitle('Notifications');
  const [params] = useSearchParams();
  const token = params.get('token');
  const { me } = useAuth();
  const prefs = useApiQuery(['email-preferences', token ?? 'me'], (signal) => loadPreferences(token, signal), { enabled: Boolean(token || me) });
  const save = useAction((change: Partial<Record<Category, boolean>>) => savePreferences(token, change));
  const current = prefs.data;
  const body =
    !token && !me ? (
      <p>
        <Link to={`/signin?next=${encodeURIComponent('/settings/notifications')}`}>Sign in</Link> to change your email preferences, or use the link in
        any of our emails.
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
                  if (next) prefs.setData(next);
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
