import { describe, expect, it } from 'vitest';
import { inviteLink, inviteProblems, memberStatusLabel, organizationProblems } from './member-forms';

describe('invite form problems', () => {
  it('names every problem at once, in words', () => {
    expect(inviteProblems({ name: ' ', email: 'not-an-email', roles: [] })).toEqual({
      name: ['Enter the name of the person you invite.'],
      email: ['Enter an email address like name@example.com.'],
      roles: ['Choose at least one role.'],
    });
  });
  it('accepts a complete invitation', () => expect(inviteProblems({ name: 'Ada', email: 'ada@example.com', roles: ['interviewer'] })).toEqual({}));
});

describe('organization settings problems', () => {
  const valid = { name: 'Acme', minEvidenceLength: '20', reminderAfterHours: '24', escalateAfterDays: '3', webhookUrl: '' };
  it('accepts the defaults', () => expect(organizationProblems(valid)).toEqual({}));
  it.each([
    ['minEvidenceLength', '2001', 'Enter the minimum evidence length from 0 to 2000.'],
    ['reminderAfterHours', '0', 'Enter the hours before a reminder from 1 to 720.'],
    ['escalateAfterDays', '1.5', 'Enter the days before escalating as a whole number.'],
    ['webhookUrl', 'ftp://x', 'Enter a web address starting with https:// (or leave it empty for no webhook).'],
    ['name', '', 'Enter the organization’s name.'],
  ])('%s = %p: %s', (field, value, message) => {
    expect(organizationProblems({ ...valid, [field]: value })).toEqual({ [field]: [message] });
  });
});

describe('member status in words', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  it.each([
    [{ status: 'active', joined: true, inviteExpiresAt: null }, 'Active'],
    [{ status: 'invited', joined: false, inviteExpiresAt: '2026-12-09T12:00:00Z' }, 'Invitation pending'],
    [{ status: 'invited', joined: false, inviteExpiresAt: '2026-12-01T12:00:00Z' }, 'Invitation expired'],
    [{ status: 'deactivated', joined: true, inviteExpiresAt: null }, 'Deactivated'],
    [{ status: 'deactivated', joined: false, inviteExpiresAt: null }, 'Invitation revoked'],
  ] as const)('%j → %s', (member, label) => expect(memberStatusLabel(member, now)).toBe(label));
});

it('builds the accept link of a token', () => {
  expect(inviteLink('a b', { origin: 'https://app.test', pathname: '/' })).toBe('https://app.test/#/accept-invite?token=a%20b');
});
