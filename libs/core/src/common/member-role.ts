export const MEMBER_ROLES = ['admin', 'recruiter', 'interviewer', 'hiring_manager'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
