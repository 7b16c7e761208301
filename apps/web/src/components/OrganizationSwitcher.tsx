import { useNavigate } from 'react-router-dom';
import { useApiQuery } from '../api/queries';
import { apiClient, unwrap } from '../api/typed-client';
import { homePath, useAuth } from '../auth';
import { useAction } from '../lib/hooks';
import { ProblemBanner } from './ProblemBanner';

/** For a member of several organizations: the organization of this session, and a way into another one. */
export function OrganizationSwitcher() {
  const { me, switchOrganization } = useAuth();
  const navigate = useNavigate();
  const mine = useApiQuery(['my-organizations', me?.user.id], async (signal) => unwrap(await apiClient.GET('/v1/me/organizations', { signal })));
  const change = useAction(async (organizationId: string) => switchOrganization(organizationId));
  const items = mine.data?.items ?? [];
  if (!me || items.length < 2) return null;
  return (
    <span className="org-switcher">
      <select
        aria-label="Organization"
        value={me.organization.id}
        disabled={change.pending}
        onChange={async (e) => {
          const next = await change.run(e.target.value);
          if (next) navigate(homePath(next.membership.roles));
        }}
      >
        {items.map((o) => (
          <option key={o.organizationId} value={o.organizationId}>
            {o.name}
            {o.ssoRequired && !o.current ? ' (single sign-on)' : ''}
          </option>
        ))}
      </select>
      <ProblemBanner error={change.error} title="Could not switch the organization" />
    </span>
  );
}
