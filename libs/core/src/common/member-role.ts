export const MEMBER_ROLES = ['admin', 'recruiter', 'interviewer', 'hiring_manager', 'compliance', 'people_analytics'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
