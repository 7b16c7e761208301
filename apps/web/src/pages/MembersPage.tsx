import { useState } from 'react';
import { useInvalidate } from '../api/queries';
import { MEMBER_ROLES, type Member, type MemberRole } from '../api/types';
import { useAuth } from '../auth';
import { usePagedList } from '../components/PagedList';
import { Empty, Loading } from '../components/ProblemBanner';
import { ROLE_LABELS } from '../lib/labels';
import { usePageTitle } from '../lib/title';
import { InviteForm } from './members/InviteForm';
import { MemberCard } from './members/MemberCard';
import { MEMBERS_LIST_KEY } from './members/members-api';
import './members/members.css';

type StatusFilter = '' | 'invited' | 'active' | 'deactivated';

/** Admins: invite people, find members (searched and paged by the API), manage invitations, roles and (re)activation. */
export function MembersPage() {
  usePageTitle('Members');
  const { me } = useAuth();
  const [role, setRole] = useState<'' | MemberRole>('');
  const [status, setStatus] = useState<StatusFilter>('');
  const list = usePagedList<Member>('/members', {
    query: { role: role || undefined, status: status || undefined },
    noun: 'members',
    label: 'Search members by name or email',
    testId: 'members',
  });
  const invalidate = useInvalidate();
  // Every members list (this one, the calibration picker, the hiring-manager choices) shows the change.
  const refresh = () => invalidate([...MEMBERS_LIST_KEY], ['members']);
  const data = list.resource.data;
  return (
    <section className="page">
      <h1>Members</h1>
      <div className="columns">
        <div className="min-w-0">
          <h2>People in {me?.organization.name ?? 'the organization'}</h2>
          <div className="toolbar member-filters">
            <label>
              Role{' '}
              <select value={role} onChange={(e) => setRole(e.target.value as '' | MemberRole)} data-testid="members-role">
                <option value="">Any role</option>
                {MEMBER_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Status{' '}
              <select value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)} data-testid="members-status">
                <option value="">Any status</option>
                <option value="active">Active</option>
                <option value="invited">Invited</option>
                <option value="deactivated">Deactivated or revoked</option>
              </select>
            </label>
          </div>
          {list.controls}
          {!data ? (
            list.resource.error ? null : (
              <Loading />
            )
          ) : data.items.length === 0 ? (
            <Empty>{list.search || role || status ? 'No member matches.' : 'No members yet.'}</Empty>
          ) : (
            <ul className="member-list" aria-label="Members">
              {data.items.map((m) => (
                <MemberCard key={m.id} member={m} isSelf={m.id === me?.membership.memberId} onChanged={refresh} />
              ))}
            </ul>
          )}
        </div>
        <InviteForm onInvited={() => void refresh()} />
      </div>
    </section>
  );
}
