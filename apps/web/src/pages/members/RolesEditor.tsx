import { FormEvent, useId, useState } from 'react';
import { MEMBER_ROLES, type Member, type MemberRole } from '../../api/types';
import { FieldError } from '../../components/Field';
import { ProblemBanner } from '../../components/ProblemBanner';
import { useAction } from '../../lib/hooks';
import { ROLE_LABELS } from '../../lib/labels';
import { toggle } from '../../lib/scorecard';
import { rolesProblems } from './member-forms';
import { updateRoles } from './members-api';

/** Checkboxes of a member's roles, saved together. */
export function RolesEditor(props: { member: Member; onDone: (saved: boolean) => void }) {
  const [roles, setRoles] = useState<MemberRole[]>(props.member.roles);
  const [problems, setProblems] = useState<string[]>([]);
  const save = useAction(() => updateRoles(props.member.id, roles));
  const errorId = useId();
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const found = rolesProblems(roles).roles ?? [];
    setProblems(found);
    if (found.length === 0 && (await save.run())) props.onDone(true);
  };
  const messages = [...problems, ...(save.error?.under('roles') ?? [])];
  return (
    <form className="roles-editor" onSubmit={onSubmit} noValidate aria-label={`Roles of ${props.member.name}`}>
      <ProblemBanner error={save.error} claimed={['roles']} title="Could not change the roles" />
      <fieldset className="checks" aria-describedby={messages.length ? errorId : undefined}>
        <legend>Roles of {props.member.name}</legend>
        {MEMBER_ROLES.map((r) => (
          <label key={r} className="check">
            <input type="checkbox" checked={roles.includes(r)} onChange={() => setRoles(toggle(roles, r))} /> {ROLE_LABELS[r]}
          </label>
        ))}
        <FieldError id={errorId} messages={messages} />
      </fieldset>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={save.pending}>
          {save.pending ? 'Saving…' : 'Save roles'}
        </button>
        <button type="button" className="button" onClick={() => props.onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
