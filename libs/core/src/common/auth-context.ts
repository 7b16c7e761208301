import { MemberRole } from './member-role';

/** Who is calling: resolved from the JWT and re-checked against the membership on every request. */
export interface AuthContext {
  userId: string;
  organizationId: string;
  memberId: string;
  roles: MemberRole[];
}

export function hasRole(auth: AuthContext, ...roles: MemberRole[]): boolean {
  return roles.some((role) => auth.roles.includes(role));
}
