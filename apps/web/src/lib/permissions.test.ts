import { describe, expect, it } from 'vitest';
import type { Me, MemberRole } from '../api/types';
import { canNudge, canRecordDecision } from './permissions';

const me = (memberId: string, ...roles: MemberRole[]): Me => ({
  user: { id: 'u', email: 'x@example.test', name: 'X' },
  organization: { id: 'o', name: 'Org' },
  membership: { memberId, roles, status: 'active' },
});

describe('canRecordDecision (issue 19 item 4: a recruiter is not offered the decision form)', () => {
  it.each([
    ['admin, any role', me('m1', 'admin'), 'm9', true],
    ["the role's hiring manager", me('m1', 'hiring_manager'), 'm1', true],
    ['a hiring manager of another role', me('m1', 'hiring_manager'), 'm9', false],
    ['a hiring manager, role without hiring manager', me('m1', 'hiring_manager'), null, false],
    ['a hiring manager, role unknown (the API decides)', me('m1', 'hiring_manager'), undefined, true],
    ['a recruiter', me('m1', 'recruiter'), 'm9', false],
    ['a recruiter named as hiring manager but without the hiring_manager role', me('m1', 'recruiter'), 'm1', false],
    ["a recruiter who is also the role's hiring manager", me('m1', 'recruiter', 'hiring_manager'), 'm1', true],
    ['an interviewer', me('m1', 'interviewer'), 'm1', false],
  ] as const)('%s → %s', (_name, who, hm, expected) => {
    expect(canRecordDecision(who, hm)).toBe(expected);
  });
  it('nobody signed in → false', () => expect(canRecordDecision(null, 'm1')).toBe(false));
});

describe('canNudge (issue 19 item 2: nudging from the debrief mirrors the API)', () => {
  it.each([
    ['a recruiter', me('m1', 'recruiter'), 'm9', true],
    ['an admin', me('m1', 'admin'), 'm9', true],
    ["the role's hiring manager", me('m1', 'hiring_manager'), 'm1', true],
    ['a hiring manager of another role', me('m1', 'hiring_manager'), 'm9', false],
    ['an interviewer', me('m1', 'interviewer'), 'm1', false],
  ] as const)('%s → %s', (_name, who, hm, expected) => {
    expect(canNudge(who, hm)).toBe(expected);
  });
});
