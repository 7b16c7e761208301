import { useState } from 'react';
import type { Member } from '../../api/types';
import { ProblemBanner } from '../../components/ProblemBanner';
import { useAction } from '../../lib/hooks';
import { ROLE_LABELS } from '../../lib/labels';
import { InviteLink } from './InviteLink';
import { memberStatusLabel } from './member-forms';
import { deactivateMember, endMemberSessions, reactivateMember, resendInvite, revokeInvite } from './members-api';
import { RolesEditor } from './RolesEditor';

type Kind = 'resend' | 'revoke' | 'deactivate' | 'reactivate' | 'end-sessions';
type Confirming = 'revoke' | 'deactivate' | 'end-sessions' | null;

const CONFIRM_LABELS = { revoke: 'Yes, revoke', deactivate: 'Yes, deactivate', 'end-sessions': 'Yes, end their sessions' } as const;

/**
 * One member with what an admin may do to them now: resend or revoke a pending invitation, edit roles, end their
 * sessions, (re)activate.
 */
export function MemberCard(props: { member: Member; isSelf: boolean; onChanged: () => Promise<void> }) {
  const { member } = props;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [resent, setResent] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction(async (kind: Kind) => {
    if (kind === 'resend') setResent((await resendInvite(member.id)).inviteToken);
    if (kind === 'revoke') await revokeInvite(member.id);
    if (kind === 'deactivate') await deactivateMember(member.id);
    if (kind === 'reactivate') await reactivateMember(member.id);
    if (kind === 'end-sessions') await endMemberSessions(member.id);
    return kind;
  });
  const run = async (kind: Kind) => {
    setConfirming(null);
    setResent(null);
    const ok = await action.run(kind);
    if (!ok) return;
    setDone(
      {
        resend: null,
        revoke: 'Invitation revoked: its link no longer works.',
        deactivate: `${member.name} is deactivated and can no longer sign in.`,
        reactivate: `${member.name} can sign in again.`,
        'end-sessions': `Every session of ${member.name} here has ended; they can sign in again.`,
      }[kind],
    );
    await props.onChanged();
  };
  const status = memberStatusLabel(member);
  const pendingInvite = member.status === 'invited' && member.inviteExpiresAt != null;
  const tone = member.status === 'active' ? 'active' : pendingInvite ? 'pending' : 'ended';
  return (
    <li className="card card--compact member-card" aria-label={member.name}>
      <div className="member-card__head">
        <div className="member-card__who">
          <h3>
            {member.name}
            {props.isSelf ? <span className="muted"> (you)</span> : null}
          </h3>
          <p className="muted small">{member.email}</p>
        </div>
        <span className={`member-status member-status--${tone}`}>{status}</span>
      </div>
      <p className="small">Roles: {member.roles.map((r) => ROLE_LABELS[r]).join(', ')}</p>
      {pendingInvite ? (
        <p className="muted small">
          Sent {new Date(member.inviteSentAt!).toLocaleString()}; the link works until {new Date(member.inviteExpiresAt!).toLocaleString()}.
        </p>
      ) : null}
      {member.status === 'deactivated' && !member.joined ? (
        <p className="muted small">To invite this person again, use the invitation form with the same email.</p>
      ) : null}
      <ProblemBanner error={action.error} title="Could not do that" />
      {done ? (
        <p role="status" className="small">
          {done}
        </p>
      ) : null}
      {resent && pendingInvite ? <InviteLink name={member.name} token={resent} resent /> : null}
      {editing ? (
        <RolesEditor
          member={member}
          onDone={(saved) => {
            setEditing(false);
            if (saved) {
              setDone('Roles saved.');
              void props.onChanged();
            }
          }}
        />
      ) : null}
      {confirming ? (
        <div className="confirm" role="group" aria-label="Confirm">
          <p>
            {
              {
                revoke: `Revoke the invitation of ${member.name}? Its link stops working.`,
                deactivate: `Deactivate ${member.name}? They can no longer sign in; you can reactivate them later.`,
                'end-sessions': `End every session of ${member.name} in this organization (a lost device, a session someone else may hold)? They stay a member and can sign in again.`,
              }[confirming]
            }
          </p>
          <button type="button" className="button button--danger" onClick={() => void run(confirming)}>
            {CONFIRM_LABELS[confirming]}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(null)}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="actions">
          {pendingInvite ? (
            <>
              <button type="button" className="button" disabled={action.pending} onClick={() => void run('resend')}>
                Resend invitation
              </button>
              <button type="button" className="button button--danger" disabled={action.pending} onClick={() => setConfirming('revoke')}>
                Revoke invitation
              </button>
            </>
          ) : null}
          {(member.status === 'active' || pendingInvite) && !editing ? (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit roles
            </button>
          ) : null}
          {member.status === 'active' && !props.isSelf ? (
            <>
              <button type="button" className="button" disabled={action.pending} onClick={() => setConfirming('end-sessions')}>
                End sessions
              </button>
              <button type="button" className="button button--danger" disabled={action.pending} onClick={() => setConfirming('deactivate')}>
                Deactivate
              </button>
            </>
          ) : null}
          {member.status === 'deactivated' && member.joined ? (
            <button type="button" className="button" disabled={action.pending} onClick={() => void run('reactivate')}>
              Reactivate
            </button>
          ) : null}
        </div>
      )}
    </li>
  );
}
