export const MEMBER_ROLES = ['admin', 'recruiter', 'interviewer', 'hiring_manager', 'compliance'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
