import type { AuthContext, MemberRole } from '@hireloop/core';
import { debriefAccess } from './debrief-access';

const auth = (memberId: string, ...roles: MemberRole[]): AuthContext => ({ userId: 'u', organizationId: 'o', memberId, roles });

describe('debriefAccess', () => {
  const role = { hiringManagerId: 'hm' };
  it.each([
    ['admin', auth('a', 'admin'), { read: true, privateNotes: true, decide: true }],
    ['recruiter', auth('r', 'recruiter'), { read: true, privateNotes: false, decide: false }],
    ["the role's hiring manager", auth('hm', 'hiring_manager'), { read: true, privateNotes: true, decide: true }],
    ['another hiring manager', auth('hm2', 'hiring_manager'), { read: false, privateNotes: false, decide: false }],
    ['an interviewer', auth('i', 'interviewer'), { read: false, privateNotes: false, decide: false }],
    ['named hiring manager without the role', auth('hm', 'interviewer'), { read: false, privateNotes: false, decide: false }],
    ['recruiter who is also the hiring manager', auth('hm', 'recruiter', 'hiring_manager'), { read: true, privateNotes: true, decide: true }],
    ['another hiring manager who is also a recruiter', auth('x', 'recruiter', 'hiring_manager'), { read: true, privateNotes: false, decide: false }],
  ])('%s', (_name, who, expected) => {
    expect(debriefAccess(who, role)).toEqual(expected);
  });

  it('a role without a hiring manager: only admins decide', () => {
    expect(debriefAccess(auth('hm', 'hiring_manager'), { hiringManagerId: null }).decide).toBe(false);
    expect(debriefAccess(auth('a', 'admin'), { hiringManagerId: null }).decide).toBe(true);
  });
});
