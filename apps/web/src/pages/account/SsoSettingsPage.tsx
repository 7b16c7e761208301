import { FormEvent, useState } from 'react';
import { useApiQuery, useInvalidate } from '../../api/queries';
import { apiClient, unwrap } from '../../api/typed-client';
import { Field } from '../../components/Field';
import { Loading, ProblemBanner } from '../../components/ProblemBanner';
import { useAction } from '../../lib/hooks';
import { usePageTitle } from '../../lib/title';

const KEY = ['organization', 'sso'];
const loadSso = async (signal: AbortSignal) => unwrap(await apiClient.GET('/v1/organization/sso', { signal }));
type SsoSettings = Awaited<ReturnType<typeof loadSso>>;

/** Admins: the organization's OpenID Connect settings. */
export function SsoSettingsPage() {
  usePageTitle('Single sign-on');
  const settings = useApiQuery(KEY, loadSso);
  const [saved, setSaved] = useState(false);
  if (settings.error)
    return (
      <section className="page">
        <h1>Single sign-on</h1>
        <ProblemBanner error={settings.error} title="Could not load the settings" />
      </section>
    );
  if (!settings.data) return <Loading />;
  // Keyed by the stored settings: after a save the form starts again from what the API now holds.
  return <SsoSettingsForm key={JSON.stringify(settings.data)} settings={settings.data} saved={saved} onSaved={setSaved} />;
}

function SsoSettingsForm(props: { settings: SsoSettings; saved: boolean; onSaved: (saved: boolean) => void }) {
  const s = props.settings;
  const invalidate = useInvalidate();
  const [form, setForm] = useState({
    issuerUrl: s.issuerUrl ?? '',
    clientId: s.clientId ?? '',
    clientSecret: '',
    allowedDomains: s.allowedDomains.join(', '),
    enabled: s.configured ? s.enabled : true,
    enforced: s.enforced,
  });
  const { saved, onSaved: setSaved } = props;
  const save = useAction(async () =>
    unwrap(
      await apiClient.PUT('/v1/organization/sso', {
        body: {
          issuerUrl: form.issuerUrl.trim(),
          clientId: form.clientId.trim(),
          ...(form.clientSecret ? { clientSecret: form.clientSecret } : {}),
          allowedDomains: form.allowedDomains.split(/[\s,]+/).filter(Boolean),
          enabled: form.enabled,
          enforced: form.enforced,
        },
      }),
    ),
  );
  const remove = useAction(async () => {
    const res = await apiClient.DELETE('/v1/organization/sso');
    if (!res.response.ok) unwrap(res);
    return true;
  });
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (await save.run()) {
      setSaved(true);
      await invalidate(KEY);
    }
  };
  const err = save.error;
  return (
    <section className="page">
      <h1>Single sign-on</h1>
      <p className="muted">
        OpenID Connect. Register the redirect URI <code>{s.redirectUri}</code> with your identity provider. Members sign in from the sign-in page with
        the organization ID, or with <code>{s.signInUrl}</code>. The first sign-in of a verified address of an allowed domain creates an interviewer.
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
        <Field
          label="Client secret"
          hint={s.clientSecretSet ? 'A secret is stored; leave empty to keep it.' : 'Never shown again once saved.'}
          errors={err?.forField('clientSecret')}
        >
          {(p) => (
            <input
              {...p}
              type="password"
              name="clientSecret"
              autoComplete="off"
              value={form.clientSecret}
              onChange={(e) => setForm({ ...form, clientSecret: e.target.value })}
            />
          )}
        </Field>
        <Field label="Allowed email domains" hint="Comma-separated, exact (list subdomains separately)." errors={err?.under('allowedDomains')}>
          {(p) => (
            <input
              {...p}
              name="allowedDomains"
              value={form.allowedDomains}
              onChange={(e) => setForm({ ...form, allowedDomains: e.target.value })}
              required
            />
          )}
        </Field>
        <label className="checkbox">
          <input type="checkbox" name="enabled" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} /> Enabled
        </label>
        <label className="checkbox">
          <input type="checkbox" name="enforced" checked={form.enforced} onChange={(e) => setForm({ ...form, enforced: e.target.checked })} /> Enforce
          SSO: refuse password sign-in to members who are not admins (admins keep their password as the break-glass path)
        </label>
        <button type="submit" className="button button--primary" disabled={save.pending}>
          {save.pending ? 'Checking the issuer…' : 'Save'}
        </button>{' '}
        {s.configured ? (
          <button type="button" className="button" disabled={remove.pending} onClick={async () => (await remove.run()) && invalidate(KEY)}>
            Remove single sign-on
          </button>
        ) : null}
      </form>
    </section>
  );
}
