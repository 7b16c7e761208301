import type { AuthContext } from '../common/auth-context';
import type { MemberRole } from '../common/member-role';
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

describe('debriefAccess on the panel (blind without exceptions)', () => {
  const role = { hiringManagerId: 'hm' };
  const blind = { read: false, privateNotes: false, decide: false, blind: true };
  it.each([
    [
      "the role's hiring manager, assigned, not submitted",
      auth('hm', 'hiring_manager', 'interviewer'),
      { assigned: true, submittedOwn: false },
      blind,
    ],
    [
      "the role's hiring manager, assigned, submitted",
      auth('hm', 'hiring_manager', 'interviewer'),
      { assigned: true, submittedOwn: true },
      { read: true, privateNotes: true, decide: true },
    ],
    ['admin, assigned, not submitted', auth('a', 'admin', 'interviewer'), { assigned: true, submittedOwn: false }, blind],
    [
      'admin, assigned, submitted',
      auth('a', 'admin', 'interviewer'),
      { assigned: true, submittedOwn: true },
      { read: true, privateNotes: true, decide: true },
    ],
    ['recruiter, assigned, not submitted', auth('r', 'recruiter', 'interviewer'), { assigned: true, submittedOwn: false }, blind],
    [
      'admin whose interview was cancelled',
      auth('a', 'admin', 'interviewer'),
      { assigned: false, submittedOwn: false },
      { read: true, privateNotes: true, decide: true },
    ],
    [
      'an interviewer who submitted still reads no debrief',
      auth('i', 'interviewer'),
      { assigned: true, submittedOwn: true },
      { read: false, privateNotes: false, decide: false },
    ],
  ])('%s', (_name, who, panel, expected) => {
    expect(debriefAccess(who, role, panel)).toEqual(expected);
  });
});
