import { FormEvent, useState } from 'react';
import { listAll, post } from '../api/client';
import { Member, MEMBER_ROLES, MemberRole } from '../api/types';
import { Field, FieldError } from '../components/Field';
import { Loading, ProblemBanner } from '../components/ProblemBanner';
import { useAction, useResource } from '../lib/hooks';
import { ROLE_LABELS } from '../lib/labels';
import { toggle } from '../lib/scorecard';

export function MembersPage() {
  const members = useResource(() => listAll<Member>('/members'), []);
  const [form, setForm] = useState<{ name: string; email: string; roles: MemberRole[] }>({ name: '', email: '', roles: ['interviewer'] });
  const [invite, setInvite] = useState<{ name: string; token: string } | null>(null);
  const action = useAction(() => post<{ member: Member; inviteToken: string }>('/members', form));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await action.run();
    if (res) {
      setInvite({ name: res.member.name, token: res.inviteToken });
      setForm({ name: '', email: '', roles: ['interviewer'] });
      void members.reload();
    }
  };
  const err = action.error;
  const link = invite ? `${window.location.origin}${window.location.pathname}#/accept-invite?token=${encodeURIComponent(invite.token)}` : '';
  return (
    <section className="page">
      <h1>Members</h1>
      <div className="columns">
        <div>
          {members.error ? <ProblemBanner error={members.error} /> : null}
          {!members.data ? (
            <Loading />
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Roles</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {members.data.map((m) => (
                  <tr key={m.id}>
                    <td>{m.name}</td>
                    <td>{m.email}</td>
                    <td>{m.roles.map((r) => ROLE_LABELS[r]).join(', ')}</td>
                    <td>{m.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <form className="card" onSubmit={onSubmit} noValidate aria-label="Invite a member">
          <h2>Invite a member</h2>
          <ProblemBanner error={err} claimed={['name', 'email', 'roles']} title="Could not invite" />
          <Field label="Name" errors={err?.forField('name')}>
            {(p) => <input {...p} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
          </Field>
          <Field label="Email" errors={err?.forField('email')}>
            {(p) => <input {...p} type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />}
          </Field>
          <fieldset className="checks">
            <legend>Roles</legend>
            {MEMBER_ROLES.map((r) => (
              <label key={r} className="check">
                <input type="checkbox" checked={form.roles.includes(r)} onChange={() => setForm({ ...form, roles: toggle(form.roles, r) })} /> {ROLE_LABELS[r]}
              </label>
            ))}
            <FieldError messages={err?.under('roles')} />
          </fieldset>
          <button type="submit" className="button button--primary" disabled={action.pending}>
            Send invite
          </button>
          {invite ? (
            <div className="notice" role="status">
              <p>
                Invite for <strong>{invite.name}</strong> created. Share this one-time link (it is shown only once):
              </p>
              <input readOnly value={link} aria-label="Invite link" onFocus={(e) => e.target.select()} />
            </div>
          ) : null}
        </form>
      </div>
    </section>
  );
}
