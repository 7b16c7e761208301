import { FormEvent, useState } from 'react';
import { MEMBER_ROLES, type MemberRole } from '../../api/types';
import { Field, FieldError } from '../../components/Field';
import { ProblemBanner } from '../../components/ProblemBanner';
import { useAction } from '../../lib/hooks';
import { ROLE_LABELS } from '../../lib/labels';
import { toggle } from '../../lib/scorecard';
import { InviteLink } from './InviteLink';
import { hasProblems, inviteProblems, type FormProblems } from './member-forms';
import { inviteMember } from './members-api';

const EMPTY = { name: '', email: '', roles: ['interviewer'] as MemberRole[] };

export function InviteForm(props: { onInvited: () => void }) {
  const [form, setForm] = useState(EMPTY);
  const [problems, setProblems] = useState<FormProblems>({});
  const [sent, setSent] = useState<{ name: string; token: string } | null>(null);
  const action = useAction(() => inviteMember({ ...form, name: form.name.trim(), email: form.email.trim() }));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const found = inviteProblems(form);
    setProblems(found);
    if (hasProblems(found)) return;
    const res = await action.run();
    if (res) {
      setSent({ name: res.member.name, token: res.inviteToken });
      setForm(EMPTY);
      props.onInvited();
    }
  };
  const err = action.error;
  const messages = (field: string) => [...(problems[field] ?? []), ...(err?.forField(field) ?? [])];
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="Invite a member">
      <h2>Invite a member</h2>
      <ProblemBanner error={err} claimed={['name', 'email', 'roles']} title="Could not invite" />
      <Field label="Name" errors={messages('name')}>
        {(p) => <input {...p} name="name" autoComplete="off" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
      </Field>
      <Field label="Email" errors={messages('email')}>
        {(p) => (
          <input
            {...p}
            type="email"
            name="email"
            autoComplete="off"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
        )}
      </Field>
      <fieldset className="checks" aria-describedby={messages('roles').length ? 'invite-roles-error' : undefined}>
        <legend>Roles</legend>
        {MEMBER_ROLES.map((r) => (
          <label key={r} className="check">
            <input type="checkbox" checked={form.roles.includes(r)} onChange={() => setForm({ ...form, roles: toggle(form.roles, r) })} />{' '}
            {ROLE_LABELS[r]}
          </label>
        ))}
        <FieldError id="invite-roles-error" messages={[...(problems.roles ?? []), ...(err?.under('roles') ?? [])]} />
      </fieldset>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={action.pending}>
          {action.pending ? 'Sending…' : 'Send invitation'}
        </button>
      </div>
      {sent ? <InviteLink name={sent.name} token={sent.token} /> : null}
    </form>
  );
}
