import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EMAIL_PREFERENCE_CATEGORIES, EmailPreferenceCategory, EmailPreferences, PREFERENCE_COLUMNS } from './email-preferences';

/** A user's address and stored choices; null where nothing is stored (no row, or the category never set). */
export interface StoredEmailPreferences {
  email: string;
  stored: Record<EmailPreferenceCategory, boolean | null>;
}

/** `email_preferences`: one row per user, across organizations. */
@Injectable()
export class EmailPreferencesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Null when there is no such user. */
  async findByUser(userId: string): Promise<StoredEmailPreferences | null> {
    const [row]: ({ email: string } & Partial<Record<string, boolean | null>>)[] = await this.dataSource.query(
      `SELECT u.email, p.interview_updates, p.feedback_reminders, p.decision_notices FROM users u LEFT JOIN email_preferences p ON p.user_id = u.id WHERE u.id = $1`,
      [userId],
    );
    if (!row) return null;
    const stored = Object.fromEntries(EMAIL_PREFERENCE_CATEGORIES.map((c) => [c, row[PREFERENCE_COLUMNS[c]] ?? null]));
    return { email: row.email, stored: stored as StoredEmailPreferences['stored'] };
  }

  /** Stores the categories given; the others keep their stored value (a new row starts with every category on). */
  async save(userId: string, changes: Partial<EmailPreferences>): Promise<void> {
    const values = EMAIL_PREFERENCE_CATEGORIES.map((c) => changes[c] ?? null);
    const columns = EMAIL_PREFERENCE_CATEGORIES.map((c) => PREFERENCE_COLUMNS[c]);
    await this.dataSource.query(
      `INSERT INTO email_preferences (user_id, ${columns.join(', ')})
         SELECT u.id, ${columns.map((c, i) => `coalesce($${i + 2}::boolean, true)`).join(', ')} FROM users u WHERE u.id = $1
         ON CONFLICT (user_id) DO UPDATE SET ${columns.map((c, i) => `${c} = coalesce($${i + 2}::boolean, email_preferences.${c})`).join(', ')}, updated_at = now()`,
      [userId, ...values],
    );
  }
}
