import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { EmailTemplate } from './email-templates';

/**
 * What a user may turn off. Account and security mail (invitation, email verification, password reset) is essential:
 * always sent, no preferences link, no List-Unsubscribe. Everything else belongs to one category, on by default.
 * Interview updates are optional because the app and the private calendar feed carry the same schedule.
 */
export const EMAIL_PREFERENCE_CATEGORIES = ['interviewUpdates', 'feedbackReminders', 'decisionNotices'] as const;
export type EmailPreferenceCategory = (typeof EMAIL_PREFERENCE_CATEGORIES)[number];
export type EmailPreferences = Record<EmailPreferenceCategory, boolean>;

export const DEFAULT_EMAIL_PREFERENCES: EmailPreferences = { interviewUpdates: true, feedbackReminders: true, decisionNotices: true };

const CATEGORY_OF: Partial<Record<EmailTemplate, EmailPreferenceCategory>> = {
  interview_scheduled: 'interviewUpdates',
  interview_moved: 'interviewUpdates',
  interview_cancelled: 'interviewUpdates',
  feedback_reminder: 'feedbackReminders',
  feedback_escalation: 'feedbackReminders',
  decision_recorded: 'decisionNotices',
};

/** The category a template belongs to; null for essential mail. */
export function preferenceCategory(template: EmailTemplate): EmailPreferenceCategory | null {
  return CATEGORY_OF[template] ?? null;
}

/** The column of each category in `email_preferences`. */
export const PREFERENCE_COLUMNS: Record<EmailPreferenceCategory, string> = {
  interviewUpdates: 'interview_updates',
  feedbackReminders: 'feedback_reminders',
  decisionNotices: 'decision_notices',
};

/** The key that signs preference links, derived from DATA_ENCRYPTION_KEY (HKDF-SHA256; never the master key itself). */
export function preferencesLinkKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'hireloop email preferences link v1', 32));
}

function mac(key: Buffer, userId: string): string {
  return createHmac('sha256', key).update(`email-preferences:${userId}`, 'utf8').digest('base64url');
}

/**
 * The signed token of a user's one-click preference links (`<user id>.<HMAC-SHA256>`): it lets whoever holds the
 * email change that user's preferences, nothing else. It does not expire (unsubscribe links keep working, RFC 8058);
 * a new DATA_ENCRYPTION_KEY invalidates every one.
 */
export function signPreferencesToken(key: Buffer, userId: string): string {
  return `${userId}.${mac(key, userId)}`;
}

/** The user id of a valid token; null for anything else. */
export function verifyPreferencesToken(key: Buffer, token: unknown): string | null {
  if (typeof token !== 'string') return null;
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const expected = Buffer.from(mac(key, match[1]));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? match[1] : null;
}
