import type { Member, MemberRole } from '../../api/types';

/** Every problem of a form at once, by field, in the words shown next to it (before anything is sent). */
export type FormProblems = Record<string, string[]>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function inviteProblems(form: { name: string; email: string; roles: MemberRole[] }): FormProblems {
  const problems: FormProblems = {};
  if (!form.name.trim()) problems.name = ['Enter the name of the person you invite.'];
  else if (form.name.trim().length > 200) problems.name = ['Keep the name to 200 characters.'];
  if (!form.email.trim()) problems.email = ['Enter the email address the invitation goes to.'];
  else if (!EMAIL.test(form.email.trim())) problems.email = ['Enter an email address like name@example.com.'];
  if (form.roles.length === 0) problems.roles = ['Choose at least one role.'];
  return problems;
}

export function rolesProblems(roles: MemberRole[]): FormProblems {
  return roles.length === 0 ? { roles: ['Choose at least one role.'] } : {};
}

export interface OrganizationForm {
  name: string;
  minEvidenceLength: string;
  reminderAfterHours: string;
  escalateAfterDays: string;
  webhookUrl: string;
}

const WHOLE = /^\d+$/;

function wholeNumber(value: string, min: number, max: number, what: string): string[] {
  if (!WHOLE.test(value.trim())) return [`Enter ${what} as a whole number.`];
  const n = Number(value);
  return n < min || n > max ? [`Enter ${what} from ${min} to ${max}.`] : [];
}

export function organizationProblems(form: OrganizationForm): FormProblems {
  const problems: FormProblems = {};
  const add = (field: string, messages: string[]) => {
    if (messages.length) problems[field] = messages;
  };
  add('name', form.name.trim() ? (form.name.trim().length > 200 ? ['Keep the name to 200 characters.'] : []) : ['Enter the organization’s name.']);
  add('minEvidenceLength', wholeNumber(form.minEvidenceLength, 0, 2000, 'the minimum evidence length'));
  add('reminderAfterHours', wholeNumber(form.reminderAfterHours, 1, 720, 'the hours before a reminder'));
  add('escalateAfterDays', wholeNumber(form.escalateAfterDays, 1, 60, 'the days before escalating'));
  const url = form.webhookUrl.trim();
  if (url && !/^https?:\/\/\S+$/i.test(url)) add('webhookUrl', ['Enter a web address starting with https:// (or leave it empty for no webhook).']);
  return problems;
}

export function hasProblems(problems: FormProblems): boolean {
  return Object.keys(problems).length > 0;
}

/** Where a member stands, in words for the list. */
export function memberStatusLabel(member: Pick<Member, 'status' | 'joined' | 'inviteExpiresAt'>, now = new Date()): string {
  if (member.status === 'active') return 'Active';
  if (member.status === 'invited') {
    if (!member.inviteExpiresAt) return 'Waiting for email confirmation';
    return Date.parse(member.inviteExpiresAt) < now.getTime() ? 'Invitation expired' : 'Invitation pending';
  }
  return member.joined ? 'Deactivated' : 'Invitation revoked';
}

/** The accept link of an invitation token, for the admin to copy. */
export function inviteLink(token: string, location: Pick<Location, 'origin' | 'pathname'>): string {
  return `${location.origin}${location.pathname}#/accept-invite?token=${encodeURIComponent(token)}`;
}
