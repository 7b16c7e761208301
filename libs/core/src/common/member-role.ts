export const MEMBER_ROLES = ['admin', 'recruiter', 'interviewer', 'hiring_manager', 'people_analytics'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
