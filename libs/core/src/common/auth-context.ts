import { MemberRole } from './member-role';

/** Who is calling: resolved from the JWT and re-checked against the membership on every request. */
export interface AuthContext {
  userId: string;
  organizationId: string;
  memberId: string;
  roles: MemberRole[];
  /** The id (`jti`) of the token this request came with; absent from tokens issued before tokens had one. */
  sessionId?: string;
}

export function hasRole(auth: AuthContext, ...roles: MemberRole[]): boolean {
  return roles.some((role) => auth.roles.includes(role));
}
