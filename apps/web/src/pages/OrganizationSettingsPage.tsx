import { FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth';
import { useApiQuery, useInvalidate } from '../api/queries';
import { apiClient, unwrap } from '../api/typed-client';
import { Field } from '../components/Field';
import { Loading, ProblemBanner } from '../components/ProblemBanner';
import { useAction } from '../lib/hooks';
import { usePageTitle } from '../lib/title';
import { hasProblems, organizationProblems, type FormProblems, type OrganizationForm } from './members/member-forms';

const KEY = ['organization'];
const loadOrganization = async (signal: AbortSignal) => unwrap(await apiClient.GET('/v1/organization', { signal }));
type Settings = Awaited<ReturnType<typeof loadOrganization>>;

const toForm = (s: Settings): OrganizationForm => ({
  name: s.name,
  minEvidenceLength: String(s.minEvidenceLength),
  reminderAfterHours: String(s.reminderAfterHours),
  escalateAfterDays: String(s.escalateAfterDays),
  webhookUrl: s.webhookUrl ?? '',
});

/** Admins: the organization's name, feedback rules, reminders and reminder webhook. */
export function OrganizationSettingsPage() {
  usePageTitle('Organization settings');
  const settings = useApiQuery(KEY, loadOrganization);
  const [saved, setSaved] = useState(false);
  if (settings.error)
    return (
      <section className="page">
        <h1>Organization settings</h1>
        <ProblemBanner error={settings.error} title="Could not load the settings" />
      </section>
    );
  if (!settings.data) return <Loading />;
  return (
    <section className="page">
      <h1>Organization settings</h1>
      <p className="muted">
        Members and invitations are under <Link to="/members">Members</Link>; single sign-on under <Link to="/settings/sso">Single sign-on</Link>.
      </p>
      {/* Keyed by the stored settings: after a save the form starts again from what the API now holds. */}
      <SettingsForm key={JSON.stringify(settings.data)} settings={settings.data} saved={saved} onSaved={setSaved} />
    </section>
  );
}

function SettingsForm(props: { settings: Settings; saved: boolean; onSaved: (saved: boolean) => void }) {
  const invalidate = useInvalidate();
  const { refreshMe } = useAuth();
  const [form, setForm] = useState<OrganizationForm>(() => toForm(props.settings));
  const [secret, setSecret] = useState({ value: '', remove: false });
  const [problems, setProblems] = useState<FormProblems>({});
  const save = useAction(async (f: OrganizationForm) =>
    unwrap(
      await apiClient.PATCH('/v1/organization', {
        body: {
          name: f.name.trim(),
          minEvidenceLength: Number(f.minEvidenceLength),
          reminderAfterHours: Number(f.reminderAfterHours),
          escalateAfterDays: Number(f.escalateAfterDays),
          webhookUrl: f.webhookUrl.trim() || null,
          ...(secret.remove ? { webhookSecret: null } : secret.value ? { webhookSecret: secret.value } : {}),
        },
      }),
    ),
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    props.onSaved(false);
    const found = organizationProblems(form);
    if (secret.value && secret.value.length < 16) found.webhookSecret = ['Use at least 16 characters for the webhook secret.'];
    setProblems(found);
    if (hasProblems(found)) return;
    const res = await save.run(form);
    if (res) {
      props.onSaved(true);
      // The top bar shows the organization's name from GET /v1/me.
      await Promise.all([invalidate(KEY), refreshMe().catch(() => undefined)]);
    }
  };
  const messages = (field: string) => [...(problems[field] ?? []), ...(save.error?.forField(field) ?? [])];
  const set = (key: keyof OrganizationForm) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="Organization settings">
      <ProblemBanner
        error={save.error}
        claimed={['name', 'minEvidenceLength', 'reminderAfterHours', 'escalateAfterDays', 'webhookUrl', 'webhookSecret']}
        title="Could not save"
      />
      {props.saved && !save.pending && !save.error ? <p role="status">Settings saved.</p> : null}
      <Field label="Organization name" errors={messages('name')}>
        {(p) => <input {...p} name="name" value={form.name} onChange={set('name')} />}
      </Field>
      <h2>Feedback</h2>
      <Field
        label="Minimum evidence per rated dimension (characters)"
        hint="Interviewers write at least this much for each rating. 0 to 2000."
        errors={messages('minEvidenceLength')}
      >
        {(p) => <input {...p} name="minEvidenceLength" inputMode="numeric" value={form.minEvidenceLength} onChange={set('minEvidenceLength')} />}
      </Field>
      <Field
        label="Remind interviewers after (hours)"
        hint="Hours after an interview ends without a scorecard. 1 to 720."
        errors={messages('reminderAfterHours')}
      >
        {(p) => <input {...p} name="reminderAfterHours" inputMode="numeric" value={form.reminderAfterHours} onChange={set('reminderAfterHours')} />}
      </Field>
      <Field
        label="Tell the hiring manager after (days)"
        hint="Days of reminders before the role's hiring manager is told as well. 1 to 60."
        errors={messages('escalateAfterDays')}
      >
        {(p) => <input {...p} name="escalateAfterDays" inputMode="numeric" value={form.escalateAfterDays} onChange={set('escalateAfterDays')} />}
      </Field>
      <h2>Reminder webhook</h2>
      <Field label="Webhook address" hint="Reminders are also posted here. Leave empty for none." errors={messages('webhookUrl')}>
        {(p) => <input {...p} name="webhookUrl" type="url" value={form.webhookUrl} onChange={set('webhookUrl')} />}
      </Field>
      <Field
        label="Webhook signing secret"
        hint={
          props.settings.webhookSecretSet
            ? 'A secret is stored; leave empty to keep it.'
            : 'Optional; at least 16 characters. Never shown again once saved.'
        }
        errors={messages('webhookSecret')}
      >
        {(p) => (
          <input
            {...p}
            name="webhookSecret"
            type="password"
            autoComplete="off"
            value={secret.value}
            disabled={secret.remove}
            onChange={(e) => setSecret({ ...secret, value: e.target.value })}
          />
        )}
      </Field>
      {props.settings.webhookSecretSet ? (
        <label className="checkbox">
          <input
            type="checkbox"
            name="removeWebhookSecret"
            checked={secret.remove}
            onChange={(e) => setSecret({ value: '', remove: e.target.checked })}
          />{' '}
          Remove the stored secret
        </label>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={save.pending}>
          {save.pending ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
}
