import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transactional email: one `email_deliveries` row per (event, recipient), written in the transaction of the event
 * together with its outbox row; single-use password-reset tokens (stored hashed); and the iCalendar SEQUENCE of
 * each interview, so that a move or a cancellation updates the same calendar entry; and each member's private
 * iCalendar feed token (revocable, stored hashed).
 */
export class EmailDeliveries1764000600000 implements MigrationInterface {
  name = 'EmailDeliveries1764000600000';

  async up(q: QueryRunner): Promise<void> {
    // The unique key is what makes "one message per event" hold whatever calls or workers repeat: an event
    // (e.g. `interview:<id>:2`, `notification:<id>`) is stored once per recipient. `status` moves
    // pending → sending → sent | failed; the SMTP send happens only after the pending → sending transition.
    // `params` (which may hold a one-time token or a candidate's name) is emptied once the row is sent or failed.
    await q.query(`
      CREATE TABLE email_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid REFERENCES organizations(id) ON DELETE CASCADE,
        event_key text NOT NULL CHECK (length(event_key) <= 300),
        template text NOT NULL,
        recipient_email text NOT NULL CHECK (length(recipient_email) <= 254 AND recipient_email !~ '[\\r\\n]'),
        recipient_name text NOT NULL DEFAULT '',
        recipient_member_id uuid REFERENCES members(id) ON DELETE SET NULL,
        essential boolean NOT NULL,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sending','sent','failed')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        message_id text,
        claimed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        failed_at timestamptz,
        CONSTRAINT email_deliveries_once_key UNIQUE (event_key, recipient_email)
      )`);
    await q.query(`CREATE INDEX email_deliveries_org_idx ON email_deliveries (organization_id, status, created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE password_reset_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id)`);

    await q.query(`
      CREATE TABLE interview_calendar_sequences (
        interview_id uuid PRIMARY KEY REFERENCES interviews(id) ON DELETE CASCADE,
        sequence int NOT NULL DEFAULT 0 CHECK (sequence >= 0)
      )`);

    // A member's private iCalendar feed of their interviews: one revocable token per member, stored hashed.
    await q.query(`
      CREATE TABLE calendar_feeds (
        member_id uuid PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_feeds`);
    await q.query(`DROP TABLE interview_calendar_sequences`);
    await q.query(`DROP TABLE password_reset_tokens`);
    await q.query(`DROP TABLE email_deliveries`);
  }
}
