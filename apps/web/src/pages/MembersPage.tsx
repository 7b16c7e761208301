import { useApiQuery, useInvalidate } from '../api/queries';
import { useAuth } from '../auth';
import { Loading, ProblemBanner } from '../components/ProblemBanner';
import { usePageTitle } from '../lib/title';
import { InviteForm } from './members/InviteForm';
import { MemberCard } from './members/MemberCard';
import { loadMembers, MEMBERS_KEY } from './members/members-api';
import './members/members.css';

/** Admins: invite people, follow and manage invitations, edit roles, deactivate and reactivate members. */
export function MembersPage() {
  usePageTitle('Members');
  const { me } = useAuth();
  const members = useApiQuery([...MEMBERS_KEY], loadMembers);
  const invalidate = useInvalidate();
  const refresh = () => invalidate([...MEMBERS_KEY]);
  return (
    <section className="page">
      <h1>Members</h1>
      <div className="columns">
        <div>
          <h2>People in {me?.organization.name ?? 'the organization'}</h2>
          {members.error ? <ProblemBanner error={members.error} title="Could not load the members" /> : null}
          {!members.data ? (
            members.error ? null : (
              <Loading />
            )
          ) : (
            <ul className="member-list" aria-label="Members">
              {members.data.map((m) => (
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
