import { Injectable } from '@nestjs/common';
import { AppConfig } from '@hireloop/config';
import { parseMasterKey } from '../audit/personal-data-cipher';
import { AppError } from '../common/app-error';
import {
  DEFAULT_EMAIL_PREFERENCES,
  EMAIL_PREFERENCE_CATEGORIES,
  EmailPreferenceCategory,
  EmailPreferences,
  preferencesLinkKey,
  verifyPreferencesToken,
} from './email-preferences';
import { EmailPreferencesRepository } from './email-preferences.repository';
import { ESSENTIAL_TEMPLATES } from './email-templates';

/** The shape the API returns (EmailPreferencesResponseDto mirrors it). */
export interface EmailPreferencesView extends EmailPreferences {
  /** The address these preferences belong to. */
  email: string;
  /** Templates always sent (account and security mail). */
  essential: string[];
}

/**
 * A user's email preferences (one row per user, across organizations; none = every category on). Reached signed in
 * (`/me/email-preferences`) or through the signed link in every non-essential email, which needs no sign-in.
 */
@Injectable()
export class EmailPreferencesService {
  private readonly linkKey: Buffer;

  constructor(
    private readonly preferences: EmailPreferencesRepository,
    config: AppConfig,
  ) {
    this.linkKey = preferencesLinkKey(parseMasterKey(config.DATA_ENCRYPTION_KEY));
  }

  /** The user a preferences link is for; 404 for a link this service did not sign. */
  userOfLink(token: string): string {
    const userId = verifyPreferencesToken(this.linkKey, token);
    if (!userId)
      throw new AppError(
        'not_found',
        'email_preferences_link_invalid',
        'This email-preferences link is not valid; sign in to change your preferences.',
      );
    return userId;
  }

  async get(userId: string): Promise<EmailPreferencesView> {
    const row = await this.preferences.findByUser(userId);
    if (!row)
      throw new AppError(
        'not_found',
        'email_preferences_link_invalid',
        'This email-preferences link is not valid; sign in to change your preferences.',
      );
    const preferences = Object.fromEntries(
      EMAIL_PREFERENCE_CATEGORIES.map((c) => [c, row.stored[c] ?? DEFAULT_EMAIL_PREFERENCES[c]]),
    ) as EmailPreferences;
    return { email: row.email, ...preferences, essential: [...ESSENTIAL_TEMPLATES] };
  }

  /** Changes the categories given (the others stay as they are). */
  async update(userId: string, changes: Partial<EmailPreferences>): Promise<EmailPreferencesView> {
    const given = EMAIL_PREFERENCE_CATEGORIES.filter((c) => typeof changes[c] === 'boolean');
    if (given.length > 0) await this.preferences.save(userId, changes);
    return this.get(userId);
  }

  /** One-click unsubscribe (RFC 8058): one category off, or every non-essential one. */
  unsubscribe(userId: string, category?: EmailPreferenceCategory): Promise<EmailPreferencesView> {
    const off = category ? [category] : [...EMAIL_PREFERENCE_CATEGORIES];
    return this.update(userId, Object.fromEntries(off.map((c) => [c, false])));
  }
}
